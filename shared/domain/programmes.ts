import { CATEGORY_CODES, type AllowanceCategory, type Category } from './categories';
import type { Department } from './departments';

/**
 * The project list (项目清单): the assistance programmes of each department, by layer of the
 * layered, classified assistance system (domain.md section 4). Outcomes "enrolled" name one of
 * these codes; the happiness list counts assistance delivered by it.
 */
export type Layer = 'basic-living' | 'special' | 'emergency' | 'service' | 'other-help' | 'charity';

export interface Programme {
  code: string;
  name: string;
  department: Department;
  layer: Layer;
  /** Categories it is meant for; empty = decided case by case. */
  categories: readonly Category[];
}

/**
 * The allowance each allowance category is paid (低保金, 特困人员供养金): the programmes a roll
 * entry states, and the only ones an answer may end or adjust.
 */
export const ALLOWANCE_PROGRAMME = { DIBAO: 'dibao-allowance', TEKUN: 'tekun-support' } as const satisfies Record<AllowanceCategory, string>;
export type AllowanceProgramme = (typeof ALLOWANCE_PROGRAMME)[AllowanceCategory];
export const ALLOWANCE_PROGRAMMES = Object.values(ALLOWANCE_PROGRAMME) as [AllowanceProgramme, ...AllowanceProgramme[]];

export function isAllowanceProgramme(code: string): code is AllowanceProgramme {
  return (ALLOWANCE_PROGRAMMES as readonly string[]).includes(code);
}

const p = (code: string, name: string, department: Department, layer: Layer, categories: readonly Category[] = CATEGORY_CODES): Programme => ({
  code,
  name,
  department,
  layer,
  categories,
});

export const PROGRAMMES: readonly Programme[] = [
  p(ALLOWANCE_PROGRAMME.DIBAO, '最低生活保障金', 'civil-affairs', 'basic-living', ['DIBAO']),
  p(ALLOWANCE_PROGRAMME.TEKUN, '特困人员供养', 'civil-affairs', 'basic-living', ['TEKUN']),
  p('temporary-assistance', '临时救助', 'civil-affairs', 'emergency', []),
  p('needy-disabled-living-subsidy', '困难残疾人生活补贴', 'civil-affairs', 'special', ['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE']),
  p('severe-disability-care-subsidy', '重度残疾人护理补贴', 'civil-affairs', 'special'),
  p('orphan-basic-living', '孤儿和事实无人抚养儿童基本生活保障', 'civil-affairs', 'basic-living', []),
  p('care-services', '照料护理服务', 'civil-affairs', 'service', ['TEKUN', 'DIBAO']),
  p('fee-waivers', '水电气暖、殡葬等费用减免', 'civil-affairs', 'other-help', ['TEKUN', 'DIBAO']),
  p('charity-matching', '慈善帮扶', 'civil-affairs', 'charity', []),
  p('premium-subsidy', '城乡居民医保参保资助', 'medical-insurance', 'special', ['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RELAPSE_MONITORING']),
  p('outpatient-medical-assistance', '门诊医疗救助', 'medical-insurance', 'special'),
  p('inpatient-medical-assistance', '住院医疗救助', 'medical-insurance', 'special'),
  p('catastrophic-illness-assistance', '重特大疾病医疗救助', 'medical-insurance', 'special'),
  p('disease-emergency-fund', '疾病应急救助', 'health', 'emergency', []),
  p('education-grant', '助学金', 'education', 'special'),
  p('education-living-subsidy', '生活补助', 'education', 'special'),
  p('work-study', '勤工助学', 'education', 'special'),
  p('student-loan', '助学贷款', 'education', 'special'),
  p('fee-waiver-education', '学费减免', 'education', 'special'),
  p('public-rental-housing', '公租房实物保障', 'housing', 'special', ['TEKUN', 'DIBAO', 'DIBAO_EDGE']),
  p('rent-subsidy', '租赁补贴', 'housing', 'special', ['TEKUN', 'DIBAO', 'DIBAO_EDGE']),
  p('dangerous-house-renovation', '农村危房改造', 'housing', 'special'),
  p('employment-311', '"311"就业服务', 'hr-social-security', 'special'),
  p('public-welfare-post', '公益性岗位', 'hr-social-security', 'special'),
  p('startup-support', '创业扶持', 'hr-social-security', 'special'),
  p('emergency-living-relief', '应急救助', 'emergency-management', 'special', []),
  p('transitional-living-relief', '过渡期生活救助', 'emergency-management', 'special', []),
  p('legal-aid', '法律援助', 'justice', 'special'),
  p('relapse-prevention-support', '防返贫帮扶', 'agriculture', 'special', ['RELAPSE_MONITORING']),
  p('relocation-vocational-training', '搬迁群众职业培训', 'agriculture', 'special'),
  p('disability-rehabilitation', '残疾人康复服务', 'disabled-federation', 'service'),
];

export function programme(code: string): Programme | undefined {
  return PROGRAMMES.find((x) => x.code === code);
}
