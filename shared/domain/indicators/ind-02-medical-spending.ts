import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, leadWarning, memberWarning, monthsCovered, num } from './support';
import type { DistrictCode } from '../districts';

const spending = z.object({ personRef: z.string(), periodStart: z.string(), periodEnd: z.string(), outOfPocketFen: z.number(), district: z.string() });

/**
 * Indicator 2: personal medical spending over a period exceeds a share of household income →
 * possible rigid-expenditure hardship and medical assistance. For someone not yet monitored,
 * spending above a threshold is a discovery lead (主动发现).
 */
export const medicalSpendingShare = defineIndicator({
  id: 'IND-02',
  version: 1,
  title: 'medical spending beyond the household’s means: rigid-expenditure hardship or medical assistance',
  titleZh: '医疗支出超出家庭承受能力',
  reads: ['medical-spending', 'insurance-reimbursement'],
  recipients: ['civil-affairs', 'medical-insurance'],
  parameters: ['IND-02.shareOfIncome', 'IND-02.leadOutOfPocketFen'],
  deadlineDays: 20,
  evaluate({ observed, memberships, parameters }) {
    const r = factsOf(spending, observed);
    const share = num(parameters['IND-02.shareOfIncome'], 'IND-02.shareOfIncome');
    const leadThreshold = num(parameters['IND-02.leadOutOfPocketFen'], 'IND-02.leadOutOfPocketFen');
    const months = monthsCovered(r.periodStart, r.periodEnd);
    const facts = { periodStart: r.periodStart, periodEnd: r.periodEnd, outOfPocketFen: r.outOfPocketFen };
    const dedupeKey = `${r.personRef}:${r.periodStart}:${r.periodEnd}`;
    const member = memberships.get(r.personRef);
    if (!member) {
      if (r.outOfPocketFen < leadThreshold) return [];
      return [
        leadWarning(r.personRef, r.district as DistrictCode, observed, {
          dedupeKey,
          action: 'tell the family about rigid-expenditure and medical assistance and start the procedure',
          explanation: `Someone outside the low-income database paid ${r.outOfPocketFen} fen out of pocket for medical care in ${months} month(s), at or above the ${leadThreshold} fen lead threshold.`,
          facts: { ...facts, leadThresholdFen: leadThreshold },
        }),
      ];
    }
    const income = (member.household.monthlyIncomeFen ?? 0) * months;
    const limit = share * income;
    if (r.outOfPocketFen <= limit && !(income === 0 && r.outOfPocketFen >= leadThreshold)) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey,
        action: 'check rigid-expenditure eligibility and medical assistance',
        explanation:
          income > 0
            ? `Out-of-pocket medical spending of ${r.outOfPocketFen} fen over ${months} month(s) exceeds ${share * 100} % of the household's income for the period (${income} fen).`
            : `Out-of-pocket medical spending of ${r.outOfPocketFen} fen over ${months} month(s), and the household has no recorded income.`,
        facts: { ...facts, householdIncomeForPeriodFen: income, limitFen: Math.round(limit) },
      }),
    ];
  },
});
