import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import * as z from 'zod';
import type { AcceptedRecord, RecordsAcceptedV1 } from '../../events/records-accepted.v1';
import { HOUSEHOLDS_ROLLED_V1, householdsRolledV1 } from '../../events/households-rolled.v1';
import { CATEGORY_CODES } from '../../shared/domain/categories';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import type { Membership } from '../../shared/domain/membership';
import type { Household } from '../../shared/domain/household';
import type { AllowanceEnd, HouseholdRegister, RollWrite } from '../../shared/ports/household-register';
import { raiseWarnings, type DraftToRaise } from '../../shared/application/raise-warnings';
import { twoRolls } from '../../shared/domain/indicators/ind-19-two-rolls';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { DisclosureLine } from '../../shared/domain/disclosure';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import type { AuditTrail } from '../../shared/ports/audit-trail';
import type { SubmissionProgress } from '../../shared/ports/submission-store';
import { recordGroupEvaluated } from '../../shared/application/submission-progress';
import { platformDecision, type AuditDraft } from '../../shared/domain/supervision/audit';
import { relatedPartyDrafts } from '../../shared/application/related-party';
import type { OfficerRegister } from '../../shared/ports/officer-register';

/** The pseudonymized roll entry as it travels on the bus (names dropped, person references in). */
const rollEntryFacts = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  category: z.enum(CATEGORY_CODES),
  recognisedOn: z.string(),
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: z.number().int().optional(),
  allowance: z.object({ programme: z.string(), monthlyAmountFen: z.number().int(), startDate: z.string() }).optional(),
  members: z.array(
    z.object({
      personRef: z.string(),
      maskedIdentityNumber: z.string(),
      relationship: z.string(),
      birthMonth: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .optional(),
    }),
  ),
  movedFrom: z.string().optional(),
});
type RollEntryFacts = z.infer<typeof rollEntryFacts>;

export interface RollPorts {
  register: HouseholdRegister;
  audit: AuditTrail;
  disclosure: DisclosureStore;
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
  progress: SubmissionProgress;
  /** Checks against favouritism (IND-27): the officers who sent roll entries, with their own households. */
  officers?: OfficerRegister;
}

/**
 * 低收入人口数据库: a group of civil-affairs roll entries puts the households (and each member)
 * into the database. Before it moves anyone, it checks whether a member is already paid in another
 * household (indicator 12): this is the one place that sees both rolls at once. The whole group
 * is read, written and announced together: one batch read of the memberships and households
 * concerned, households written several to a transaction, one HouseholdsRolled.v1 event.
 */
export async function putOnRollChecked(
  group: RecordsAcceptedV1,
  records: readonly AcceptedRecord[],
  ports: RollPorts,
): Promise<{ households: Household[]; raised: string[] }> {
  const entries = records.map((record) => ({ record, facts: rollEntryFacts.parse(record.record) }));
  const current = await ports.register.membershipsOf(entries.flatMap((e) => e.facts.members.map((m) => m.personRef)));
  const movedFrom = await ports.register.households(entries.flatMap((e) => (e.facts.movedFrom ? [e.facts.movedFrom] : [])));
  const handovers = entries.map((e) => wholeHouseholdMovedFrom(e.facts, movedFrom));

  // Indicator 12 against the database as it was, and against entries earlier in this group.
  const drafts: DraftToRaise[] = [];
  const earlier = new Map<string, Membership[]>();
  entries.forEach(({ record, facts }, i) => {
    const handover = handovers[i];
    const known = facts.members.flatMap((m) => [...(current.has(m.personRef) ? [current.get(m.personRef)!] : []), ...(earlier.get(m.personRef) ?? [])]);
    // Members the old roll is handing over are not on two rolls: their old allowance ends below.
    const elsewhere = known.filter((m) => m.householdId !== handover?.householdId);
    const parameters = ports.policy.valuesOn(twoRolls.parameters, cityDay(record.acceptedAt), facts.district);
    for (const draft of twoRolls.evaluate(
      { householdId: facts.householdId, district: facts.district, paid: Boolean(facts.allowance), recordId: record.recordId },
      elsewhere,
    ))
      drafts.push({ indicator: twoRolls, parameters, draft });
    for (const m of facts.members) earlier.set(m.personRef, [...(earlier.get(m.personRef) ?? []), membershipIn(facts, m.personRef)]);
  });

  const held = await ports.register.putOnRoll(entries.map(({ record, facts }) => rollWrite(record, facts)));
  // Disclosed as the register holds it: a late, older entry must not restate old values.
  await ports.disclosure.put(held.flatMap((household, i) => disclosureOf(household, entries[i]!.record)));

  const moves = entries.flatMap((e, i) => (handovers[i] ? [{ ...e, from: handovers[i], to: held[i]! }] : []));
  if (moves.length) await handOver(moves, ports);

  // 关系保: the officer who sent a roll entry, or the officer's household, on the household entered.
  if (ports.officers)
    drafts.push(
      ...(await relatedPartyDrafts(
        entries
          .filter(({ record }) => record.officer)
          .map(({ record, facts }) => ({
            kind: 'roll-entry' as const,
            officerId: record.officer!,
            householdId: facts.householdId,
            district: facts.district,
            recordId: record.recordId,
            recordType: record.recordType,
            department: record.department,
            memberRefs: facts.members.map((m) => m.personRef),
            on: cityDay(record.acceptedAt),
          })),
        { officers: ports.officers, policy: ports.policy },
      )),
    );
  const { raised, landed } = await raiseWarnings(drafts, ports, 'register-update', group.groupId);
  // Only now, with the memberships written, do the indicators look at the entries.
  await ports.events.publish([{ source: HOUSEHOLDS_ROLLED_V1.source, detailType: HOUSEHOLDS_ROLLED_V1.detailType, detail: householdsRolledV1.parse(group) }]);
  await recordGroupEvaluated(ports.progress, 'register-update', group.groupId, records, landed);
  return { households: held, raised: raised.map((w) => w.warningId) };
}

/** A member as this group's earlier entry puts them: in that household, paid if it has an allowance. */
function membershipIn(facts: RollEntryFacts, personRef: string): Membership {
  return {
    personRef,
    householdId: facts.householdId,
    district: facts.district,
    category: facts.category,
    activeProgrammes: facts.allowance ? [facts.allowance.programme] : [],
    household: { memberCount: facts.members.length },
  };
}

/**
 * Relocation (易地搬迁, 迁入迁出): the roll entry of the district moved to names the household's
 * number in the district it left. When every member of that household moves, its roll is handed
 * over: the old allowances end the day before the new one starts, and both chains say so, so the
 * household is neither dropped nor paid twice. A partial move is left to indicator 12.
 */
function wholeHouseholdMovedFrom(facts: RollEntryFacts, movedFrom: ReadonlyMap<string, Household>): Household | undefined {
  const from = facts.movedFrom ? movedFrom.get(facts.movedFrom) : undefined;
  if (!from) return undefined;
  const moving = new Set(facts.members.map((m) => m.personRef));
  return from.members.every((m) => moving.has(m.personRef)) ? from : undefined;
}

async function handOver(moves: readonly { record: AcceptedRecord; facts: RollEntryFacts; from: Household; to: Household }[], ports: RollPorts): Promise<void> {
  const ends: AllowanceEnd[] = [];
  const movedIn: ChainEntry[] = [];
  const decisions: AuditDraft[] = [];
  for (const { record, facts, from, to } of moves) {
    const startsOn = facts.allowance?.startDate ?? facts.recognisedOn;
    const endedOn = addCalendarDays(startsOn, -1);
    for (const a of from.allowances.filter((x) => x.status === 'active')) {
      ends.push({
        householdId: from.householdId,
        programme: a.programme,
        endedOn: endedOn < a.startDate ? a.startDate : endedOn,
        entry: {
          householdId: from.householdId,
          at: record.acceptedAt,
          entryId: `${record.recordId}:moved-out:${a.programme}`,
          kind: 'moved-out',
          actor: record.department,
          summary: `moved to district ${to.district} as household ${to.householdId}; ${a.programme} here ended on ${endedOn}, paid there from ${startsOn}`,
          refs: { recordId: record.recordId, movedTo: to.householdId, programme: a.programme },
        },
      });
    }
    movedIn.push({
      householdId: to.householdId,
      at: record.acceptedAt,
      entryId: `${record.recordId}:moved-in`,
      kind: 'moved-in',
      actor: record.department,
      summary: `moved in from district ${from.district} (household ${from.householdId}); that roll handed over as this one starts on ${startsOn}`,
      refs: { recordId: record.recordId, movedFrom: from.householdId },
    });
    decisions.push(
      platformDecision({
        by: 'register-update',
        department: record.department,
        at: ports.now().toISOString(),
        action: 'roll-handed-over',
        purpose: 'hand a relocated household’s roll over to the district it moved to (迁入迁出)',
        subjects: [from.householdId, to.householdId],
        details: { recordId: record.recordId },
      }),
    );
  }
  if (ends.length) await ports.register.endAllowances(ends);
  await ports.register.appendToChains(movedIn);
  await ports.audit.append(decisions);
}

/** 公示: a paid household on the roll, as the public may see it (masked head, no names, no income). */
function disclosureOf(household: Household, record: AcceptedRecord): DisclosureLine[] {
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
      department: record.department,
      amountFen: a.monthlyAmountFen,
      periodStart: a.startDate,
    }));
}

/** The household as a roll entry states it, and the chain entry that records it. */
function rollWrite(record: AcceptedRecord, facts: RollEntryFacts): RollWrite {
  const paid = facts.allowance ? `, paid ${facts.allowance.programme} ${facts.allowance.monthlyAmountFen} fen a month from ${facts.allowance.startDate}` : '';
  return {
    household: {
      householdId: facts.householdId,
      district: facts.district,
      category: facts.category,
      recognisedOn: facts.recognisedOn,
      ...(facts.area ? { area: facts.area } : {}),
      ...(facts.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: facts.monthlyIncomeFen } : {}),
      members: facts.members,
      allowances: facts.allowance ? [{ ...facts.allowance, status: 'active' }] : [],
      updatedAt: record.acceptedAt,
    },
    entry: {
      householdId: facts.householdId,
      at: record.acceptedAt,
      entryId: record.recordId,
      kind: 'roll-entry',
      actor: record.department,
      summary: `recognised as ${facts.category} on ${facts.recognisedOn} with ${facts.members.length} member(s)${paid}`,
      refs: { recordId: record.recordId, departmentRecordId: record.departmentRecordId },
    },
  };
}

/** Puts households on the roll (used by putOnRollChecked, and by tests that need a roll); returns them as held. */
export async function putOnRoll(records: readonly AcceptedRecord[], register: HouseholdRegister): Promise<Household[]> {
  return register.putOnRoll(records.map((record) => rollWrite(record, rollEntryFacts.parse(record.record))));
}
