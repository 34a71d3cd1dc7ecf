import type { DistrictCode } from '../districts';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/**
 * IND-19 (a rule of the plan's indicator 12), on the roll itself: a member of a household being
 * put on the roll with an allowance is already a member of another household that is paid (two
 * dibao rolls). Raised by register-update.
 */
export const twoRolls = defineIndicator({
  // Its own id, so the monthly figures, alarms and answers never mix it with IND-12 raised from
  // department records.
  id: 'IND-19',
  version: 1,
  title: 'the same person on two rolls: duplicate assistance',
  titleZh: '同一人在两个低保名册',
  recipients: ['civil-affairs'],
  deadlineDays: 15,
  evaluate(
    entry: { householdId: string; district: DistrictCode; paid: boolean; recordId: string },
    current: readonly { personRef: string; householdId: string; district: DistrictCode; activeProgrammes: readonly string[] }[],
  ): WarningDraft[] {
    if (!entry.paid) return [];
    return current
      .filter((m) => m.householdId !== entry.householdId && m.activeProgrammes.length > 0)
      .map((m) => ({
        householdId: entry.householdId,
        district: entry.district,
        subjects: [m.personRef],
        dedupeKey: `${m.personRef}:${m.householdId}`,
        action: `end one of the two allowances: the member is also paid in household ${m.householdId} (district ${m.district})`,
        explanation: `A member put on the roll of household ${entry.householdId} is already a member of household ${m.householdId}, which is paid ${m.activeProgrammes.join(', ')}.`,
        evidence: [
          {
            recordId: entry.recordId,
            recordType: 'low-income-roll-entry',
            department: 'civil-affairs',
            subject: m.personRef,
            facts: { otherHousehold: m.householdId, otherDistrict: m.district, paid: m.activeProgrammes.join(',') },
          },
        ],
      }));
  },
});
