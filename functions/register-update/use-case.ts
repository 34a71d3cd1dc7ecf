import { z } from 'zod';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { CATEGORY_CODES } from '../../shared/domain/categories';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { Household, HouseholdRegister } from '../../shared/ports/household-register';
import { raiseWarnings } from '../../shared/application/raise-warnings';
import { twoRolls } from '../../shared/domain/indicators/household-indicators';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { WarningStore } from '../../shared/ports/warning-store';

/** The pseudonymized roll entry as it travels on the bus (names dropped, person references in). */
const rollEntryFacts = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  category: z.enum(CATEGORY_CODES),
  recognisedOn: z.string(),
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: z.number().int().optional(),
  allowance: z.object({ programme: z.string(), monthlyAmountFen: z.number().int(), startDate: z.string() }).optional(),
  members: z.array(z.object({ personRef: z.string(), maskedIdentityNumber: z.string(), relationship: z.string() })),
});

export interface RollPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

/**
 * 低收入人口数据库: a civil-affairs roll entry puts the household (and each member) into the
 * database. Before it moves anyone, it checks whether a member is already paid in another
 * household (indicator 12): this is the one place that sees both rolls at once.
 */
export async function putOnRollChecked(event: RecordAcceptedV1, ports: RollPorts): Promise<{ household: Household; raised: string[] }> {
  const facts = rollEntryFacts.parse(event.record);
  const current = await ports.register.membershipsOf(facts.members.map((m) => m.personRef));
  const drafts = twoRolls.evaluate({ householdId: facts.householdId, district: facts.district, paid: Boolean(facts.allowance), recordId: event.recordId }, [...current.values()]);
  const household = await putOnRoll(event, ports.register);
  if (!drafts.length) return { household, raised: [] };
  const parameters = Object.fromEntries(twoRolls.parameters.map((n) => [n, ports.policy.valueOn(n, event.acceptedAt.slice(0, 10), facts.district)]));
  const { raised } = await raiseWarnings(drafts.map((draft) => ({ indicator: twoRolls, parameters, draft })), ports, 'register-update');
  return { household, raised: raised.map((w) => w.warningId) };
}

/** Puts the household on the roll (used by putOnRollChecked, and by tests that need a roll). */
export async function putOnRoll(event: RecordAcceptedV1, register: HouseholdRegister): Promise<Household> {
  const facts = rollEntryFacts.parse(event.record);
  const household: Household = {
    householdId: facts.householdId,
    district: facts.district,
    category: facts.category,
    recognisedOn: facts.recognisedOn,
    ...(facts.area ? { area: facts.area } : {}),
    ...(facts.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: facts.monthlyIncomeFen } : {}),
    members: facts.members,
    allowances: facts.allowance ? [{ ...facts.allowance, status: 'active' }] : [],
    updatedAt: event.acceptedAt,
  };
  const paid = facts.allowance
    ? `, paid ${facts.allowance.programme} ${facts.allowance.monthlyAmountFen} fen a month from ${facts.allowance.startDate}`
    : '';
  await register.putOnRoll(household, {
    householdId: facts.householdId,
    at: event.acceptedAt,
    entryId: event.recordId,
    kind: 'roll-entry',
    actor: event.department,
    summary: `recognised as ${facts.category} on ${facts.recognisedOn} with ${facts.members.length} member(s)${paid}`,
    refs: { recordId: event.recordId, departmentRecordId: event.departmentRecordId },
  });
  return household;
}
