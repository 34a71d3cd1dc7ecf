import type { Department } from '../domain/departments';

/**
 * The record types departments post (domain.md section 3, 归集共享): who owns each and what it
 * is. Kept apart from their schemas (catalogue.ts) so that a function that only routes or reads
 * records by type does not carry, and build at every cold start, every department's schema.
 */
export const RECORD_TYPE_OWNERS = {
  // 民政 civil affairs
  'low-income-roll-entry': {
    department: 'civil-affairs',
    description: 'roll entry of a recognised household: dibao, tekun, edge, rigid-expenditure (低收入人口名册)',
  },
  'child-welfare-registration': { department: 'civil-affairs', description: 'orphan or de-facto unsupported child (孤儿、事实无人抚养儿童)' },
  'disability-subsidy-grant': {
    department: 'civil-affairs',
    description: 'living subsidy for needy disabled people or care subsidy for severely disabled people (两项补贴)',
  },
  'visit-report': { department: 'civil-affairs', description: 'grassroots visit recording a change of situation (走访摸排)' },
  'emergency-assistance': {
    department: 'civil-affairs',
    description: 'emergency assistance where the emergency happened: advance paid, documents confirmed or refused (急难救助)',
  },
  'economic-investigation': {
    department: 'civil-affairs',
    description: 'household economic-status investigation for one application, classified review (家庭经济状况调查)',
  },
  'allowance-payment': {
    department: 'civil-affairs',
    description: 'one line of a month’s allowance payment file: payee, household, month, amount (低保金、特困供养金发放明细)',
  },
  'allowance-payment-file': {
    department: 'civil-affairs',
    description: 'close of a month’s allowance payment file for a programme and district: line count and total (发放清单结束)',
  },
  // 教育 education
  'education-assistance-grant': { department: 'education', description: 'education assistance given to a student (教育资助)' },
  'student-enrolment': { department: 'education', description: 'student enrolment (学籍)' },
  // 人社 HR and social security
  'work-injury-claim': { department: 'hr-social-security', description: 'work injury (工伤)' },
  'unemployment-registration': { department: 'hr-social-security', description: 'registered unemployment (失业登记)' },
  'employment-registration': { department: 'hr-social-security', description: 'employment (就业登记)' },
  'pension-record': { department: 'hr-social-security', description: 'pension contribution or benefit (养老保险)' },
  // 住建 housing
  'housing-assistance': {
    department: 'housing',
    description: 'housing assistance: public rental housing, rent subsidy, dangerous-house renovation (住房救助)',
  },
  'housing-condition': { department: 'housing', description: 'housing survey: dangerous-house grade or urban housing hardship (住房安全鉴定)' },
  // 农业农村 agriculture
  'relapse-monitoring-target': { department: 'agriculture', description: 'relapse-monitoring target (防止返贫监测对象)' },
  'retired-fisher': { department: 'agriculture', description: 'fisherman retired under the Yangtze fishing ban (退捕渔民)' },
  relocation: { department: 'agriculture', description: 'relocated household (易地搬迁)' },
  // 卫健 health
  'death-record': { department: 'health', description: 'registered death (死亡登记)' },
  'medical-spending': { department: 'health', description: 'medical spending over a period (医疗费用)' },
  'emergency-fund-case': { department: 'health', description: 'disease emergency-fund case (疾病应急救助)' },
  'serious-illness-diagnosis': { department: 'health', description: 'serious-illness diagnosis (重大疾病)' },
  'population-register-change': { department: 'health', description: 'population register change: birth, move in, move out (人口登记)' },
  // 应急管理 emergency management
  'disaster-relief': { department: 'emergency-management', description: 'disaster suffered and relief given (受灾救助)' },
  // 医保 medical insurance
  'medical-assistance-payment': { department: 'medical-insurance', description: 'medical assistance paid (医疗救助)' },
  'insurance-reimbursement': { department: 'medical-insurance', description: 'insurance reimbursement over a period (医保报销)' },
  'premium-subsidy': { department: 'medical-insurance', description: 'premium subsidy for residents’ medical insurance (参保资助)' },
  // 残联 disabled persons' federation
  'disability-certificate': { department: 'disabled-federation', description: 'disability certificate (残疾人证)' },
  // 司法 justice
  'legal-aid-case': { department: 'justice', description: 'legal aid case (法律援助)' },
} as const satisfies Record<string, { department: Department; description: string }>;

export type RecordType = keyof typeof RECORD_TYPE_OWNERS;
export const RECORD_TYPE_CODES = Object.keys(RECORD_TYPE_OWNERS) as [RecordType, ...RecordType[]];

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && Object.hasOwn(RECORD_TYPE_OWNERS, value);
}

export function recordTypesOf(department: string): RecordType[] {
  return RECORD_TYPE_CODES.filter((type) => RECORD_TYPE_OWNERS[type].department === department);
}

/** Record types that change the low-income database itself rather than being compared with it. */
export const ROLL_RECORD_TYPES: readonly RecordType[] = ['low-income-roll-entry'];
/** Civil-affairs records of assistance given that the register keeps as cases. */
export const CASE_RECORD_TYPES: readonly RecordType[] = ['emergency-assistance'];
/** The month's allowance payment file: its lines and its close, checked against the roll (IND-20 to IND-24). */
export const PAYMENT_RECORD_TYPES: readonly RecordType[] = ['allowance-payment', 'allowance-payment-file'];
