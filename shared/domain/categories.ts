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

/** Categories that receive a regular basic-living allowance (基本生活救助). */
export const ALLOWANCE_CATEGORIES: readonly Category[] = ['TEKUN', 'DIBAO'];
