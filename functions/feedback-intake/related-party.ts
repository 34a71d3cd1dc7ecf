import { raiseWarnings } from '../../shared/application/raise-warnings';
import { relatedPartyDrafts } from '../../shared/application/related-party';
import { cityDay } from '../../shared/domain/city-time';
import type { OfficerAct } from '../../shared/domain/favouritism';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import type { WarningStore } from '../../shared/ports/warning-store';

/**
 * 关系保 on an answer (IND-27): the officer of the session that answered, and the handling officer
 * the answer names, checked against the members of the household the warning is about (one
 * BatchGetItem of both officers). A replayed answer raises nothing new (the warning id is derived).
 */
export async function checkAnswerOfficers(
  answered: { warningId: string; department: string; officers: readonly string[] },
  ports: { officers: OfficerRegister; register: HouseholdRegister; warnings: WarningStore; events: EventPublisher; policy: PolicyBook; now: () => Date },
): Promise<string[]> {
  const officers = [...new Set(answered.officers)];
  const warning = officers.length ? await ports.warnings.get(answered.warningId) : undefined;
  const household = warning ? await ports.register.household(warning.householdId) : undefined;
  if (!warning || !household) return [];
  const on = cityDay(ports.now());
  const acts = officers.map(
    (officerId): OfficerAct => ({
      kind: 'answer',
      officerId,
      householdId: household.householdId,
      district: household.district,
      recordId: warning.warningId,
      recordType: 'warning-answer',
      department: answered.department,
      memberRefs: household.members.map((m) => m.personRef),
      on,
    }),
  );
  const { raised } = await raiseWarnings(await relatedPartyDrafts(acts, ports), ports, 'feedback-intake', `answer:${warning.warningId}:${answered.department}`);
  return raised.map((w) => w.warningId);
}
