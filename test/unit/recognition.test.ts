import { describe, expect, it } from 'vitest';
import { classify, type Investigation, type InvestigatedMember } from '../../shared/domain/recognition/classify';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';

/** Table-driven at every boundary: the standard, 1.5 × the standard, parameter versions, the order of tiers. */
const policy = new PolicyBook(CITY_PARAMETERS);
const STANDARD_2026 = 90_000;
const member = (over: Partial<InvestigatedMember> = {}): InvestigatedMember => ({
  personRef: `p1_${'a'.repeat(43)}`,
  age: 45,
  capacityToWork: 'full',
  monthlyIncomeFen: 0,
  ...over,
});
const household = (perCapitaIncome: number, over: Partial<Investigation> = {}): Investigation => ({
  district: '430104',
  investigatedOn: '2026-11-20',
  members: [member({ monthlyIncomeFen: perCapitaIncome }), member({ personRef: `p1_${'b'.repeat(43)}`, monthlyIncomeFen: perCapitaIncome })],
  assetsFen: 0,
  necessarySpendingFen: 0,
  periodMonths: 12,
  ableLegalSupporter: true,
  ...over,
});

describe('classified review (分类审核认定)', () => {
  it.each([
    ['one fen below the dibao standard', STANDARD_2026 - 1, 'DIBAO'],
    ['exactly at the dibao standard', STANDARD_2026, 'DIBAO_EDGE'],
    ['one fen below 1.5 × the standard', STANDARD_2026 * 1.5 - 1, 'DIBAO_EDGE'],
    ['exactly at 1.5 × the standard', STANDARD_2026 * 1.5, null],
  ])('%s → %s', (_, income, category) => {
    expect(classify(household(income), policy).category).toBe(category);
  });

  it('uses the parameter version in force: the last day of 2025 and the first of 2026', () => {
    const income = 87_000; // below 2026's 90,000, above 2025's 85,000
    expect(classify(household(income, { investigatedOn: '2025-12-31' }), policy).category).toBe('DIBAO_EDGE');
    expect(classify(household(income, { investigatedOn: '2026-01-01' }), policy).category).toBe('DIBAO');
  });

  it('gives the higher tier when two qualify, and says why', () => {
    const alone = household(0, { members: [member({ age: 78, capacityToWork: 'none' })], ableLegalSupporter: false });
    const decision = classify(alone, policy);
    expect(decision.category).toBe('TEKUN');
    expect(decision.reviews.filter((r) => r.qualifies).map((r) => r.category)).toEqual(['TEKUN', 'DIBAO', 'DIBAO_EDGE']);
    expect(decision.parameters['dibao.standardMonthlyFen']).toBe(STANDARD_2026);
  });

  it('refuses tekun to someone with a legal supporter able to support', () => {
    const supported = household(0, { members: [member({ age: 78, capacityToWork: 'none' })], ableLegalSupporter: true });
    expect(classify(supported, policy).category).toBe('DIBAO');
  });

  it('keeps assets within the limit for dibao and the edge', () => {
    expect(classify(household(50_000, { assetsFen: 2 * 3_000_000 }), policy).category).toBe('DIBAO');
    expect(classify(household(50_000, { assetsFen: 2 * 3_000_000 + 2 }), policy).category).toBe(null);
  });

  it('recognises rigid-expenditure hardship above the edge: spending over half the income', () => {
    const income = 200_000; // above 1.5 × the standard, below last year's disposable income (540,000)
    const yearIncome = 2 * income * 12;
    expect(classify(household(income, { necessarySpendingFen: yearIncome / 2 + 1 }), policy).category).toBe('RIGID_EXPENDITURE');
    expect(classify(household(income, { necessarySpendingFen: yearIncome / 2 }), policy).category).toBe(null);
    const rigid = classify(household(income, { necessarySpendingFen: yearIncome }), policy).reviews.find((r) => r.category === 'RIGID_EXPENDITURE')!;
    expect(rigid.checks.map((c) => c.passed)).toEqual([true, true, true]);
  });
});
