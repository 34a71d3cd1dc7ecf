import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import { z } from 'zod';
import type { RecordAcceptedV1 } from '../../events/record-accepted.v1';
import { HOUSEHOLD_ROLLED_V1, householdRolledV1 } from '../../events/household-rolled.v1';
import { CATEGORY_CODES } from '../../shared/domain/categories';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { Household, HouseholdRegister } from '../../shared/ports/household-register';
import { raiseWarnings } from '../../shared/application/raise-warnings';
import { twoRolls } from '../../shared/domain/indicators/household-indicators';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { DisclosureLine, DisclosureStore } from '../../shared/ports/disclosure';
import type { AuditTrail } from '../../shared/ports/audit-trail';
import { platformDecision } from '../../shared/domain/supervision/audit';

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
  movedFrom: z.string().optional(),
});

export interface RollPorts {
  register: HouseholdRegister;
  audit: AuditTrail;
  disclosure: DisclosureStore;
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
  const handover = await wholeHouseholdMovedFrom(facts, ports.register);
  // Members the old roll is handing over are not on two rolls: their old allowance ends below.
  const elsewhere = [...current.values()].filter((m) => m.householdId !== handover?.householdId);
  const drafts = twoRolls.evaluate({ householdId: facts.householdId, district: facts.district, paid: Boolean(facts.allowance), recordId: event.recordId }, elsewhere);
  const household = await putOnRoll(event, ports.register);
  // Disclosed as the register holds it: a late, older entry must not restate old values.
  await ports.disclosure.put(disclosureOf(household, event));
  if (handover) {
    await handOver(handover, household, facts.allowance?.startDate ?? facts.recognisedOn, event, ports.register);
    await ports.audit.append([
      platformDecision({
        by: 'register-update',
        department: event.department,
        at: ports.now().toISOString(),
        action: 'roll-handed-over',
        purpose: 'hand a relocated household’s roll over to the district it moved to (迁入迁出)',
        subjects: [handover.householdId, household.householdId],
        details: { recordId: event.recordId },
      }),
    ]);
  }
  let raised: string[] = [];
  if (drafts.length) {
    const parameters = Object.fromEntries(twoRolls.parameters.map((n) => [n, ports.policy.valueOn(n, cityDay(event.acceptedAt), facts.district)]));
    raised = (await raiseWarnings(drafts.map((draft) => ({ indicator: twoRolls, parameters, draft })), ports, 'register-update')).raised.map((w) => w.warningId);
  }
  // Only now, with the memberships written, do the indicators look at the entry.
  await ports.events.publish([{ source: HOUSEHOLD_ROLLED_V1.source, detailType: HOUSEHOLD_ROLLED_V1.detailType, detail: householdRolledV1.parse(event) }]);
  return { household, raised };
}

/**
 * Relocation (易地搬迁, 迁入迁出): the roll entry of the district moved to names the household's
 * number in the district it left. When every member of that household moves, its roll is handed
 * over: the old allowances end the day before the new one starts, and both chains say so, so the
 * household is neither dropped nor paid twice. A partial move is left to indicator 12.
 */
async function wholeHouseholdMovedFrom(facts: z.infer<typeof rollEntryFacts>, register: HouseholdRegister): Promise<Household | undefined> {
  if (!facts.movedFrom) return undefined;
  const from = await register.household(facts.movedFrom);
  if (!from) return undefined;
  const moving = new Set(facts.members.map((m) => m.personRef));
  return from.members.every((m) => moving.has(m.personRef)) ? from : undefined;
}

async function handOver(from: Household, to: Household, startsOn: string, event: RecordAcceptedV1, register: HouseholdRegister): Promise<void> {
  const endedOn = addCalendarDays(startsOn, -1);
  for (const a of from.allowances.filter((x) => x.status === 'active')) {
    await register.endAllowance(from.householdId, a.programme, endedOn < a.startDate ? a.startDate : endedOn, {
      householdId: from.householdId,
      at: event.acceptedAt,
      entryId: `${event.recordId}:moved-out:${a.programme}`,
      kind: 'moved-out',
      actor: event.department,
      summary: `moved to district ${to.district} as household ${to.householdId}; ${a.programme} here ended on ${endedOn}, paid there from ${startsOn}`,
      refs: { recordId: event.recordId, movedTo: to.householdId, programme: a.programme },
    });
  }
  await register.appendToChains([
    {
      householdId: to.householdId,
      at: event.acceptedAt,
      entryId: `${event.recordId}:moved-in`,
      kind: 'moved-in',
      actor: event.department,
      summary: `moved in from district ${from.district} (household ${from.householdId}); that roll handed over as this one starts on ${startsOn}`,
      refs: { recordId: event.recordId, movedFrom: from.householdId },
    },
  ]);
}

/** 公示: a paid household on the roll, as the public may see it (masked head, no names, no income). */
function disclosureOf(household: Household, event: RecordAcceptedV1): DisclosureLine[] {
  const head = household.members.find((m) => m.relationship === 'head') ?? household.members[0];
  return household.allowances
    .filter((a) => a.status === 'active')
    .map((a) => ({
      month: a.startDate.slice(0, 7),
      district: household.district,
      kind: 'allowance' as const,
      // One line per allowance, however many roll entries restate it: a later entry updates it.
      sourceId: `${household.householdId}:${a.programme}:${a.startDate}`,
      maskedHeadIdentityNumber: head?.maskedIdentityNumber ?? '',
      members: household.members.length,
      category: household.category,
      programme: a.programme,
      department: event.department,
      amountFen: a.monthlyAmountFen,
      periodStart: a.startDate,
    }));
}

/** Puts the household on the roll (used by putOnRollChecked, and by tests that need a roll); returns it as held. */
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
  return register.putOnRoll(household, {
    householdId: facts.householdId,
    at: event.acceptedAt,
    entryId: event.recordId,
    kind: 'roll-entry',
    actor: event.department,
    summary: `recognised as ${facts.category} on ${facts.recognisedOn} with ${facts.members.length} member(s)${paid}`,
    refs: { recordId: event.recordId, departmentRecordId: event.departmentRecordId },
  });
}
