import type { z } from 'zod';
import type { Department } from '../domain/departments';
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

interface RecordTypeEntry {
  department: Department;
  schema: z.ZodType;
  description: string;
}

const entry = (department: Department, schema: z.ZodType, description: string): RecordTypeEntry => ({ department, schema, description });

/**
 * Every record type a department may post (domain.md section 3, 归集共享), and which department
 * owns it. The API accepts a record only from its owning department.
 */
export const RECORD_TYPES = {
  // 民政 civil affairs
  'low-income-roll-entry': entry('civil-affairs', lowIncomeRollEntry, 'roll entry of a recognised household: dibao, tekun, edge, rigid-expenditure (低收入人口名册)'),
  'child-welfare-registration': entry('civil-affairs', childWelfareRegistration, 'orphan or de-facto unsupported child (孤儿、事实无人抚养儿童)'),
  'disability-subsidy-grant': entry('civil-affairs', disabilitySubsidyGrant, 'living subsidy for needy disabled people or care subsidy for severely disabled people (两项补贴)'),
  'visit-report': entry('civil-affairs', visitReport, 'grassroots visit recording a change of situation (走访摸排)'),
  'emergency-assistance': entry('civil-affairs', emergencyAssistance, 'emergency assistance where the emergency happened: advance paid, documents confirmed or refused (急难救助)'),
  'economic-investigation': entry('civil-affairs', economicInvestigation, 'household economic-status investigation for one application, classified review (家庭经济状况调查)'),
  // 教育 education
  'education-assistance-grant': entry('education', educationAssistanceGrant, 'education assistance given to a student (教育资助)'),
  'student-enrolment': entry('education', studentEnrolment, 'student enrolment (学籍)'),
  // 人社 HR and social security
  'work-injury-claim': entry('hr-social-security', workInjuryClaim, 'work injury (工伤)'),
  'unemployment-registration': entry('hr-social-security', unemploymentRegistration, 'registered unemployment (失业登记)'),
  'employment-registration': entry('hr-social-security', employmentRegistration, 'employment (就业登记)'),
  'pension-record': entry('hr-social-security', pensionRecord, 'pension contribution or benefit (养老保险)'),
  // 住建 housing
  'housing-assistance': entry('housing', housingAssistance, 'housing assistance: public rental housing, rent subsidy, dangerous-house renovation (住房救助)'),
  'housing-condition': entry('housing', housingCondition, 'housing survey: dangerous-house grade or urban housing hardship (住房安全鉴定)'),
  // 农业农村 agriculture
  'relapse-monitoring-target': entry('agriculture', relapseMonitoringTarget, 'relapse-monitoring target (防止返贫监测对象)'),
  'retired-fisher': entry('agriculture', retiredFisher, 'fisherman retired under the Yangtze fishing ban (退捕渔民)'),
  relocation: entry('agriculture', relocation, 'relocated household (易地搬迁)'),
  // 卫健 health
  'death-record': entry('health', deathRecord, 'registered death (死亡登记)'),
  'medical-spending': entry('health', medicalSpending, 'medical spending over a period (医疗费用)'),
  'emergency-fund-case': entry('health', emergencyFundCase, 'disease emergency-fund case (疾病应急救助)'),
  'serious-illness-diagnosis': entry('health', seriousIllnessDiagnosis, 'serious-illness diagnosis (重大疾病)'),
  'population-register-change': entry('health', populationRegisterChange, 'population register change: birth, move in, move out (人口登记)'),
  // 应急管理 emergency management
  'disaster-relief': entry('emergency-management', disasterRelief, 'disaster suffered and relief given (受灾救助)'),
  // 医保 medical insurance
  'medical-assistance-payment': entry('medical-insurance', medicalAssistancePayment, 'medical assistance paid (医疗救助)'),
  'insurance-reimbursement': entry('medical-insurance', insuranceReimbursement, 'insurance reimbursement over a period (医保报销)'),
  'premium-subsidy': entry('medical-insurance', premiumSubsidy, 'premium subsidy for residents’ medical insurance (参保资助)'),
  // 残联 disabled persons' federation
  'disability-certificate': entry('disabled-federation', disabilityCertificate, 'disability certificate (残疾人证)'),
  // 司法 justice
  'legal-aid-case': entry('justice', legalAidCase, 'legal aid case (法律援助)'),
} as const satisfies Record<string, RecordTypeEntry>;

export type RecordType = keyof typeof RECORD_TYPES;
export const RECORD_TYPE_CODES = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]];

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && Object.hasOwn(RECORD_TYPES, value);
}

export function recordTypesOf(department: string): RecordType[] {
  return RECORD_TYPE_CODES.filter((type) => RECORD_TYPES[type].department === department);
}
