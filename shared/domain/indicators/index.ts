import type { Indicator } from './indicator';
import { recipientDied } from './ind-01-recipient-died';
import { medicalSpendingShare } from './ind-02-medical-spending';
import { seriousIllness } from './ind-03-serious-illness';
import { registeredUnemployed } from './ind-04-unemployed';
import { employmentOrPension } from './ind-05-income-change';
import { pupilWithoutAssistance } from './ind-06-education';
import { severeDisabilityWithoutSubsidy } from './ind-07-disability-subsidy';
import { disasterStruck } from './ind-08-disaster';
import { relapseTargetUnrecognised } from './ind-09-relapse-target';
import { premiumSubsidyMissing } from './ind-10-premium-subsidy';
import { housingHardship } from './ind-11-housing';
import { duplicateAssistance } from './ind-12-duplicate-assistance';
import { visitRecordsChange } from './ind-13-visit-change';
import { publicEmployeeInAssistedHousehold } from './ind-17-public-employee';

/**
 * Every record-driven indicator the platform evaluates (domain.md section 6). Indicators 14
 * (several open warnings → county coordination), 15 (overdue → supervision) and 16 (exit with
 * transfer) are driven by warnings and outcomes rather than department records.
 * Adding one = one file here and its test.
 */
export const INDICATORS: readonly Indicator[] = [
  recipientDied,
  medicalSpendingShare,
  seriousIllness,
  registeredUnemployed,
  employmentOrPension,
  pupilWithoutAssistance,
  severeDisabilityWithoutSubsidy,
  disasterStruck,
  relapseTargetUnrecognised,
  premiumSubsidyMissing,
  housingHardship,
  duplicateAssistance,
  visitRecordsChange,
  publicEmployeeInAssistedHousehold,
];

/** Indicators in force on `date` that read records of `recordType`. */
export function indicatorsFor(recordType: string, date: string): Indicator[] {
  return INDICATORS.filter((i) => i.reads.includes(recordType) && i.effectiveFrom <= date && date <= i.effectiveTo);
}

export type { Indicator, IndicatorInput, ObservedRecord } from './indicator';
