import type { z } from 'zod';
import type { Department } from '../domain/departments';
import { RECORD_TYPE_CODES, RECORD_TYPE_OWNERS, type RecordType } from './record-types';
import { medicalSpending, emergencyFundCase, seriousIllnessDiagnosis, populationRegisterChange, deathRecord } from './health';
import { childWelfareRegistration, disabilitySubsidyGrant, economicInvestigation, emergencyAssistance, lowIncomeRollEntry, visitReport } from './civil-affairs';
import { educationAssistanceGrant, studentEnrolment } from './education';
import { employmentRegistration, pensionRecord, unemploymentRegistration, workInjuryClaim } from './hr-social-security';
import { housingAssistance, housingCondition } from './housing';
import { relapseMonitoringTarget, relocation, retiredFisher } from './agriculture';
import { disasterRelief } from './emergency-management';
import { insuranceReimbursement, medicalAssistancePayment, premiumSubsidy } from './medical-insurance';
import { disabilityCertificate } from './disabled-federation';
import { legalAidCase } from './justice';
import { allowancePayment, allowancePaymentFile } from './allowance-payments';

interface RecordTypeEntry {
  department: Department;
  schema: z.ZodType;
  description: string;
}

/** The schema each record type is validated with (its owner and meaning: record-types.ts). */
const SCHEMAS: Record<RecordType, z.ZodType> = {
  'low-income-roll-entry': lowIncomeRollEntry,
  'child-welfare-registration': childWelfareRegistration,
  'disability-subsidy-grant': disabilitySubsidyGrant,
  'visit-report': visitReport,
  'emergency-assistance': emergencyAssistance,
  'economic-investigation': economicInvestigation,
  'allowance-payment': allowancePayment,
  'allowance-payment-file': allowancePaymentFile,
  'education-assistance-grant': educationAssistanceGrant,
  'student-enrolment': studentEnrolment,
  'work-injury-claim': workInjuryClaim,
  'unemployment-registration': unemploymentRegistration,
  'employment-registration': employmentRegistration,
  'pension-record': pensionRecord,
  'housing-assistance': housingAssistance,
  'housing-condition': housingCondition,
  'relapse-monitoring-target': relapseMonitoringTarget,
  'retired-fisher': retiredFisher,
  relocation: relocation,
  'death-record': deathRecord,
  'medical-spending': medicalSpending,
  'emergency-fund-case': emergencyFundCase,
  'serious-illness-diagnosis': seriousIllnessDiagnosis,
  'population-register-change': populationRegisterChange,
  'disaster-relief': disasterRelief,
  'medical-assistance-payment': medicalAssistancePayment,
  'insurance-reimbursement': insuranceReimbursement,
  'premium-subsidy': premiumSubsidy,
  'disability-certificate': disabilityCertificate,
  'legal-aid-case': legalAidCase,
};

/**
 * Every record type a department may post (domain.md section 3, 归集共享), the department that
 * owns it and its schema. The API accepts a record only from its owning department.
 */
export const RECORD_TYPES = Object.fromEntries(RECORD_TYPE_CODES.map((t) => [t, { ...RECORD_TYPE_OWNERS[t], schema: SCHEMAS[t] }])) as unknown as Record<
  RecordType,
  RecordTypeEntry
>;

export { isRecordType, recordTypesOf, RECORD_TYPE_CODES, type RecordType } from './record-types';
