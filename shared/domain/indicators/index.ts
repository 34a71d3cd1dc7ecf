import { isRecordIndicator, type Indicator, type IndicatorDefinition } from './indicator';
import { REGISTERED } from './registry';

/**
 * Every indicator (domain.md section 6, and the plan's rules given ids of their own): the one
 * list that alarms, department guides, the policy book's deadline rows and the docs read.
 * Adding one = one ind-NN-*.ts file and its test; `npm run docs` registers it.
 */
export const ALL_INDICATORS: readonly IndicatorDefinition[] = REGISTERED;

/**
 * Those read from department records. The others are driven by warnings, outcomes and the roll:
 * 14 (several open warnings → county coordination), 15 (overdue → supervision), 16 (exit with
 * transfer), 18 (an emergency case flagged) and 19 (two rolls), each raised by its function;
 * 21 to 24 read a month's payment file against the roll (shared/domain/payments.ts): 21 is
 * raised by warning evaluation, 22 to 24 by no function yet (NEXT-STEPS.md).
 */
export const RECORD_INDICATORS: readonly Indicator[] = ALL_INDICATORS.filter(isRecordIndicator);

/** Record-driven indicators in force on `date` that read records of `recordType`. */
export function indicatorsFor(recordType: string, date: string): Indicator[] {
  return RECORD_INDICATORS.filter((i) => i.reads.includes(recordType) && i.effectiveFrom <= date && date <= i.effectiveTo);
}

export { defineIndicator, type Indicator, type IndicatorDefinition, type IndicatorInput, type ObservedRecord } from './indicator';
