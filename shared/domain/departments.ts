/**
 * The departments that share data with the platform and receive warnings (domain.md section 3),
 * plus the county coordination mechanism (县级困难群众基本生活保障工作协调机制), which receives
 * complex cases but shares no data. Finance funds programmes and receives no warnings.
 */
export const DEPARTMENTS = {
  'civil-affairs': '民政',
  education: '教育',
  'hr-social-security': '人力资源社会保障',
  housing: '住房城乡建设',
  agriculture: '农业农村',
  health: '卫生健康',
  'emergency-management': '应急管理',
  'medical-insurance': '医疗保障',
  'disabled-federation': '残联',
  justice: '司法',
} as const;

export type Department = keyof typeof DEPARTMENTS;
export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS) as [Department, ...Department[]];

export const COUNTY_COORDINATION = 'county-coordination' as const;
/** Digital supervision (数字监督): overdue warnings and possible "connection" cases go here. */
export const SUPERVISION = 'supervision' as const;

/** Everyone who has a work queue: each department, county coordination and supervision. */
export type WarningRecipient = Department | typeof COUNTY_COORDINATION | typeof SUPERVISION;
export const WARNING_RECIPIENTS = [...DEPARTMENT_CODES, COUNTY_COORDINATION, SUPERVISION] as [WarningRecipient, ...WarningRecipient[]];

export function isDepartment(value: string): value is Department {
  return Object.hasOwn(DEPARTMENTS, value);
}
export function isWarningRecipient(value: string): value is WarningRecipient {
  return value === COUNTY_COORDINATION || value === SUPERVISION || isDepartment(value);
}
