import type * as z from 'zod';
import type { WarningRecipient } from '../shared/domain/departments';
import { cityDay } from '../shared/domain/city-time';
import { PolicyBook } from '../shared/domain/policy/policy-book';
import { CITY_PARAMETERS } from '../shared/domain/policy/city-parameters';
import { RECORD_TYPES, RECORD_TYPE_CODES, isRecordType, recordTypesOf, type RecordType } from '../shared/records/catalogue';
import { plausibilityProblems } from '../shared/records/plausibility';
import { checkRecords as checkSharedRecords } from '../shared/records/check-records';
import type { deathRecord, emergencyFundCase, medicalSpending, populationRegisterChange, seriousIllnessDiagnosis } from '../shared/records/health';
import type {
  childWelfareRegistration,
  disabilitySubsidyGrant,
  economicInvestigation,
  emergencyAssistance,
  lowIncomeRollEntry,
  visitReport,
} from '../shared/records/civil-affairs';
import type { educationAssistanceGrant, studentEnrolment } from '../shared/records/education';
import type { employmentRegistration, pensionRecord, unemploymentRegistration, workInjuryClaim } from '../shared/records/hr-social-security';
import type { housingAssistance, housingCondition } from '../shared/records/housing';
import type { relapseMonitoringTarget, relocation, retiredFisher } from '../shared/records/agriculture';
import type { disasterRelief } from '../shared/records/emergency-management';
import type { insuranceReimbursement, medicalAssistancePayment, premiumSubsidy } from '../shared/records/medical-insurance';
import type { disabilityCertificate } from '../shared/records/disabled-federation';
import type { legalAidCase } from '../shared/records/justice';
import type { allowancePayment, allowancePaymentFile } from '../shared/records/allowance-payments';

/**
 * The records a department sends, typed from the same zod schemas the platform validates them
 * with (shared/records), and the checks the platform makes of a batch that need nothing stored,
 * run before anything is sent.
 */
interface RecordSchemas {
  'low-income-roll-entry': typeof lowIncomeRollEntry;
  'child-welfare-registration': typeof childWelfareRegistration;
  'disability-subsidy-grant': typeof disabilitySubsidyGrant;
  'visit-report': typeof visitReport;
  'emergency-assistance': typeof emergencyAssistance;
  'economic-investigation': typeof economicInvestigation;
  'allowance-payment': typeof allowancePayment;
  'allowance-payment-file': typeof allowancePaymentFile;
  'education-assistance-grant': typeof educationAssistanceGrant;
  'student-enrolment': typeof studentEnrolment;
  'work-injury-claim': typeof workInjuryClaim;
  'unemployment-registration': typeof unemploymentRegistration;
  'employment-registration': typeof employmentRegistration;
  'pension-record': typeof pensionRecord;
  'housing-assistance': typeof housingAssistance;
  'housing-condition': typeof housingCondition;
  'relapse-monitoring-target': typeof relapseMonitoringTarget;
  'retired-fisher': typeof retiredFisher;
  relocation: typeof relocation;
  'death-record': typeof deathRecord;
  'medical-spending': typeof medicalSpending;
  'emergency-fund-case': typeof emergencyFundCase;
  'serious-illness-diagnosis': typeof seriousIllnessDiagnosis;
  'population-register-change': typeof populationRegisterChange;
  'disaster-relief': typeof disasterRelief;
  'medical-assistance-payment': typeof medicalAssistancePayment;
  'insurance-reimbursement': typeof insuranceReimbursement;
  'premium-subsidy': typeof premiumSubsidy;
  'disability-certificate': typeof disabilityCertificate;
  'legal-aid-case': typeof legalAidCase;
}

// Compile-time guards: every record type of the catalogue is typed here, each by the schema whose `type` it is.
type Untyped = Exclude<RecordType, keyof RecordSchemas>;
type Mistyped = { [T in keyof RecordSchemas]: z.input<RecordSchemas[T]>['type'] extends T ? never : T }[keyof RecordSchemas];
export const RECORD_TYPING_COMPLETE: [Untyped | Mistyped] extends [never] ? true : Untyped | Mistyped = true;

/** A record of type T as a department writes it. */
export type RecordInput<T extends RecordType = RecordType> = z.input<RecordSchemas[T]>;
/** Any record a department may send. */
export type DepartmentRecord = { [T in RecordType]: RecordInput<T> }[RecordType];

export { RECORD_TYPE_CODES, isRecordType, recordTypesOf, type RecordType };

/** The record's schema (as the platform has it) and the department that owns it. */
export function recordSchema(type: RecordType): z.ZodType {
  return RECORD_TYPES[type].schema;
}

/** A problem with one record, in the platform's own terms: its index, its id, the field path. */
export interface RecordProblem {
  record: number;
  recordId?: string;
  field: string;
  message: string;
}

export interface CheckOptions {
  /** The city's day the records are checked on (default: today in Asia/Shanghai). */
  today?: string;
  /** The policy book whose `input.*` bounds apply (default: as shipped; the platform may hold newer values). */
  policy?: PolicyBook;
}

/**
 * What submission-intake checks of every record before it stores anything: an object, a record
 * type the department owns, its schema, plausibility against the identity number and today, no
 * personal number in an identifier, and no record id twice. The platform has the last word
 * (its policy values may have changed since this copy was shipped), but a file that passes here
 * is refused there only for that.
 */
export function checkRecords(department: WarningRecipient, records: readonly unknown[], options: CheckOptions = {}): RecordProblem[] {
  const today = options.today ?? cityDay(new Date());
  const policy = options.policy ?? new PolicyBook(CITY_PARAMETERS);
  // The intake's own checks (shared/records/check-records.ts), so the messages are the platform's.
  const { invalid, forbidden } = checkSharedRecords(department, records, (record) => plausibilityProblems(record, policy, today));
  return [...forbidden, ...invalid].map((p) => ({ ...p, record: p.record ?? 0 })).sort((x, y) => x.record - y.record);
}
