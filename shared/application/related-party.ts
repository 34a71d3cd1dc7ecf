import { relatedParty, type OfficerAct } from '../domain/favouritism';
import { relatedPartyAct } from '../domain/indicators/ind-27-related-party';
import type { PolicyBook } from '../domain/policy/policy-book';
import type { OfficerRegister } from '../ports/officer-register';
import type { DraftToRaise } from './raise-warnings';

/**
 * Check 1 (IND-27 关系保) over a group of acts: the officers acting are read in one BatchGetItem,
 * then each act is checked against its officer's registration. Returns the drafts to raise with
 * the group's other warnings (raiseWarnings), so they reach supervision's queue the usual way.
 */
export async function relatedPartyDrafts(
  acts: readonly OfficerAct[],
  ports: { officers: Pick<OfficerRegister, 'officers'>; policy: PolicyBook },
): Promise<DraftToRaise[]> {
  if (!acts.length) return [];
  const officers = await ports.officers.officers(acts.map((a) => a.officerId));
  return acts.flatMap((act) => {
    const parameters = ports.policy.valuesOn(relatedPartyAct.parameters, act.on, act.district);
    return relatedPartyAct
      .evaluate(act, relatedParty(act, officers.get(act.officerId)), parameters)
      .map((draft) => ({ indicator: relatedPartyAct, parameters, draft }));
  });
}
