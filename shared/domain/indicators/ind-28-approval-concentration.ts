import type { WarningDraft } from '../warning';
import { officerCaseId, type Concentration } from '../favouritism';
import { defineIndicator } from './indicator';

/** Evidence pieces a warning carries at most: the households the officer approved, latest first. */
const MAX_HOUSEHOLDS = 50;

/**
 * IND-28 优亲厚友 (plan 四.3): an officer decided far more of a district's approvals over the
 * period than the district's share (1 / officers deciding there), and at least a minimum number.
 * From the hourly sweep; one warning per officer and period, kept under the officer's case id.
 */
export const approvalConcentration = defineIndicator({
  id: 'IND-28',
  version: 1,
  title: 'one officer decided far more of a district’s approvals than the district’s share',
  titleZh: '经办人员认定集中度异常（优亲厚友）',
  recipients: ['supervision'],
  parameters: ['IND-28.periodDays', 'IND-28.ratio', 'IND-28.minApprovals'],
  deadlineDays: 30,
  evaluate(c: Concentration, block: string): WarningDraft {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    return {
      householdId: officerCaseId(c.officerId),
      district: c.district,
      subjects: [],
      dedupeKey: `${c.officerId}:${block}`,
      action: `check a sample of the ${c.approvals} approval(s) officer ${c.officerId} decided in district ${c.district} from ${c.from} to ${c.to}`,
      explanation: `Officer ${c.officerId} decided ${c.approvals} of the district’s ${c.districtApprovals} approvals (${pct(c.share)}) from ${c.from} to ${c.to}, ${c.ratio.toFixed(1)} times the share expected of one of ${c.deciders} deciding officers (${pct(c.expectedShare)}).`,
      evidence: c.households.slice(0, MAX_HOUSEHOLDS).map((h) => ({
        recordId: h.recordId,
        recordType: 'recognition-decision',
        department: 'civil-affairs',
        facts: {
          officerId: c.officerId,
          householdId: h.householdId,
          decidedOn: h.decidedOn,
          approvals: c.approvals,
          districtApprovals: c.districtApprovals,
          deciders: c.deciders,
          ratio: Math.round(c.ratio * 100) / 100,
        },
      })),
    };
  },
});
