import type { WarningDraft } from '../warning';
import type { OfficerAct, RelatedParty } from '../favouritism';
import { defineIndicator } from './indicator';
import { listParameter } from './support';

const RELATIONSHIP_ZH = { 'officer-himself': '经办人本人', 'household-member': '经办人家庭成员' } as const;

/**
 * IND-27 关系保 (plan 四.3): a recognition decision, a roll entry or an answer made by an officer
 * who, or a member of whose own household, is a member of the household concerned → supervision.
 * Raised where the act happens (recognition, register-update, feedback-intake) and when an officer
 * is registered after acting. One warning per officer and household; later acts join it as evidence.
 */
export const relatedPartyAct = defineIndicator({
  id: 'IND-27',
  version: 1,
  title: 'officer acting on a household of their own or of their family (connection assistance)',
  titleZh: '经办人员办理本人或近亲属家庭（关系保）',
  recipients: ['supervision'],
  parameters: ['IND-27.actsChecked'],
  deadlineDays: 15,
  evaluate(act: OfficerAct, related: RelatedParty | undefined, parameters: Readonly<Record<string, unknown>>): WarningDraft[] {
    if (!related || !listParameter(parameters['IND-27.actsChecked']).includes(act.kind)) return [];
    return [
      {
        householdId: act.householdId,
        district: act.district,
        subjects: [related.personRef],
        dedupeKey: `${act.officerId}:${act.householdId}`,
        action: `review the ${act.kind} ${act.recordId} by officer ${act.officerId}: have another officer re-examine it (回避)`,
        explanation: `Officer ${act.officerId} made a ${act.kind} on household ${act.householdId}, of which ${related.relationship === 'officer-himself' ? 'the officer' : 'a member of the officer’s own household'} is a member (${RELATIONSHIP_ZH[related.relationship]}).`,
        evidence: [
          {
            recordId: act.recordId,
            recordType: act.recordType,
            department: act.department,
            subject: related.personRef,
            facts: { officerId: act.officerId, householdId: act.householdId, act: act.kind, relationship: related.relationship, on: act.on },
          },
        ],
      },
    ];
  },
});
