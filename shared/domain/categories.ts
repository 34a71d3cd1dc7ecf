/** Low-income categories (低收入人口类别), domain.md section 1. */
export const CATEGORIES = {
  TEKUN: '特困人员',
  DIBAO: '最低生活保障对象',
  DIBAO_EDGE: '最低生活保障边缘家庭成员',
  RIGID_EXPENDITURE: '刚性支出困难家庭成员',
  RELAPSE_MONITORING: '防止返贫监测对象',
  OTHER_HARDSHIP: '其他困难人员',
} as const;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

/**
 * Categories paid a regular basic-living allowance (基本生活救助), each by its own programme
 * (ALLOWANCE_PROGRAMME in programmes.ts): a roll entry states it, a gradual exit (渐退) ends it,
 * and leaving one for better finances is offered a transfer (indicator 16).
 */
export const ALLOWANCE_CATEGORIES = ['TEKUN', 'DIBAO'] as const satisfies readonly Category[];
export type AllowanceCategory = (typeof ALLOWANCE_CATEGORIES)[number];

export function isAllowanceCategory(category: string): category is AllowanceCategory {
  return (ALLOWANCE_CATEGORIES as readonly string[]).includes(category);
}
