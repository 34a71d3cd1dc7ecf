import type { Indicator } from './indicator';
import { recipientDied } from './ind-01-recipient-died';

/** Every indicator the platform evaluates. Adding one = one file here and its test. */
export const INDICATORS: readonly Indicator[] = [recipientDied];

/** Indicators in force on `date` that read records of `recordType`. */
export function indicatorsFor(recordType: string, date: string): Indicator[] {
  return INDICATORS.filter((i) => i.reads.includes(recordType) && i.effectiveFrom <= date && date <= i.effectiveTo);
}

export type { Indicator, IndicatorInput, ObservedRecord } from './indicator';
