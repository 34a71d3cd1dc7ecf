import { isAllowanceCategory } from '../categories';
import type { DistrictCode } from '../districts';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/**
 * Indicator 16: a household leaves DIBAO/TEKUN because its finances improved → offer, with its
 * consent, a transfer to DIBAO_EDGE, RIGID_EXPENDITURE or OTHER_HARDSHIP (退出转认定), on an
 * AssistanceEnded.v1 event.
 */
export const exitWithTransfer = defineIndicator({
  id: 'IND-16',
  version: 1,
  title: 'leaving dibao or tekun for better finances: offer a transfer',
  titleZh: '经济状况好转退出：经同意转入',
  recipients: ['civil-affairs'],
  deadlineDays: 30,
  evaluate(
    household: { householdId: string; district: DistrictCode; category: string; members: readonly { personRef: string }[] },
    exit: { programme: string; endedOn: string; exitReason: string; warningId: string; department: string },
  ): WarningDraft | undefined {
    if (exit.exitReason !== 'finances-improved' || !isAllowanceCategory(household.category)) return undefined;
    return {
      householdId: household.householdId,
      district: household.district,
      subjects: household.members.map((m) => m.personRef),
      dedupeKey: `${exit.programme}:${exit.endedOn}`,
      action: 'offer the household, with its consent, recognition as DIBAO_EDGE, RIGID_EXPENDITURE or OTHER_HARDSHIP',
      explanation: `The household's ${exit.programme} ended on ${exit.endedOn} because its finances improved; it stays monitored and may qualify for a lower tier.`,
      evidence: [
        {
          recordId: exit.warningId,
          recordType: 'assistance-ended',
          department: exit.department,
          facts: { programme: exit.programme, endedOn: exit.endedOn, category: household.category },
        },
      ],
    };
  },
});
