import { relatedPartyDrafts } from '../../shared/application/related-party';
import { referencesFor } from '../../shared/application/person-refs';
import { raiseWarnings } from '../../shared/application/raise-warnings';
import { DISTRICT_CODES, type DistrictCode } from '../../shared/domain/districts';
import { fieldProblems, invalidInput } from '../../shared/domain/errors';
import { problemsMessage } from '../../shared/domain/policy/policy-change';
import type { Officer, OfficerAct } from '../../shared/domain/favouritism';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import { officersQuery, type OfficerRegistration } from '../../shared/platform/answers/officers';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { KnownPeople } from '../../shared/ports/known-people';
import type { OfficerRegister } from '../../shared/ports/officer-register';
import type { PersonKeySource } from '../../shared/ports/person-key';
import type { WarningStore } from '../../shared/ports/warning-store';

export interface OfficerPorts {
  officers: OfficerRegister;
  register: HouseholdRegister;
  warnings: WarningStore;
  events: EventPublisher;
  personKey: PersonKeySource;
  knownPeople: KnownPeople;
  policy: PolicyBook;
  now: () => Date;
}

/** What the registration answers (shared/platform/answers/officers.ts) and the audit entry names. */
export interface Registered {
  outcome: 'registered' | 'replaced' | 'unchanged';
  officer: Officer;
  checkedAfterTheFact: { decisions: number; households: string[]; raised: string[] };
}

/**
 * 经办人员登记: registers an officer (or replaces the registration: the household members list is
 * the new one) with person references made at the edge, as records' are, then checks the
 * households the officer had already decided (recognition decisions by officer) against the
 * officer's household as now registered (IND-27 after the fact). A registration sent again
 * changes nothing and raises nothing new (the warnings' ids are derived).
 */
export async function registerOfficer(request: OfficerRegistration, registeredBy: string, ports: OfficerPorts): Promise<Registered> {
  const ring = await ports.personKey.ring();
  const refs = await referencesFor([request.identityNumber, ...request.householdMembers.map((m) => m.identityNumber)], ring, ports.knownPeople);
  const person = (identityNumber: string) => ({ personRef: refs.get(identityNumber)!, maskedIdentityNumber: maskIdentityNumber(identityNumber) });
  const officer: Officer = {
    officerId: request.officerId,
    role: request.role,
    district: request.district,
    ...(request.street ? { street: request.street } : {}),
    ...(request.village ? { village: request.village } : {}),
    person: person(request.identityNumber),
    householdMembers: request.householdMembers.map((m) => person(m.identityNumber)),
    activeFrom: request.activeFrom,
    ...(request.activeTo ? { activeTo: request.activeTo } : {}),
    registeredAt: ports.now().toISOString(),
    registeredBy,
  };
  const before = (await ports.officers.officers([officer.officerId])).get(officer.officerId);
  const same = before && sameRegistration(before, officer);
  const kept = same ? before : officer;
  if (!same) await ports.officers.register(officer);

  const decisions = await ports.officers.decisionsBy(officer.officerId);
  const households = await ports.register.households([...new Set(decisions.map((d) => d.householdId))]);
  // The members the investigation listed, and those the roll holds now (a roll entry may have followed).
  const acts = decisions.flatMap((d): OfficerAct[] => {
    const memberRefs = [...new Set([...(d.memberRefs ?? []), ...(households.get(d.householdId)?.members.map((m) => m.personRef) ?? [])])];
    if (!memberRefs.length) return [];
    return [
      {
        kind: 'recognition-decision',
        officerId: d.officerId,
        householdId: d.householdId,
        district: d.district,
        recordId: d.recordId,
        recordType: 'economic-investigation',
        department: 'civil-affairs',
        memberRefs,
        on: d.decidedOn,
      },
    ];
  });
  const drafts = await relatedPartyDrafts(acts, { officers: { officers: async () => new Map([[kept.officerId, kept]]) }, policy: ports.policy });
  const { raised } = await raiseWarnings(drafts, ports, 'policy-admin', `officers:${kept.officerId}:${kept.registeredAt}`);
  return {
    outcome: !before ? 'registered' : same ? 'unchanged' : 'replaced',
    officer: kept,
    checkedAfterTheFact: {
      decisions: decisions.length,
      households: [...new Set(acts.map((a) => a.householdId))].sort(),
      raised: raised.map((w) => w.warningId),
    },
  };
}

/** Everything but when and by whom: a registration sent again is the same one. */
function sameRegistration(a: Officer, b: Officer): boolean {
  const { registeredAt: _a, registeredBy: _b, ...x } = a;
  const { registeredAt: _c, registeredBy: _d, ...y } = b;
  return JSON.stringify(canonical(x)) === JSON.stringify(canonical(y));
}
const canonical = (o: object): unknown => Object.fromEntries(Object.entries(o).sort(([k], [l]) => k.localeCompare(l)));

/** `GET /officers?district=`: one district's officers, or every district's in code order. */
export async function listOfficers(params: Record<string, string | undefined> | null, ports: Pick<OfficerPorts, 'officers'>) {
  const parsed = officersQuery.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw invalidInput('InvalidQuery', problemsMessage(problems), problems);
  }
  const districts: readonly DistrictCode[] = parsed.data.district ? [parsed.data.district] : DISTRICT_CODES;
  const items = (await Promise.all(districts.map((d) => ports.officers.ofDistrict(d)))).flat();
  return { items: items.map(officerViewOf), count: items.length };
}

/** An officer as the API shows one: masked numbers, no references of the family. */
export function officerViewOf(o: Officer) {
  return {
    officerId: o.officerId,
    role: o.role,
    district: o.district,
    ...(o.street ? { street: o.street } : {}),
    ...(o.village ? { village: o.village } : {}),
    maskedIdentityNumber: o.person.maskedIdentityNumber,
    householdMembers: o.householdMembers.map((m) => ({ maskedIdentityNumber: m.maskedIdentityNumber })),
    activeFrom: o.activeFrom,
    ...(o.activeTo ? { activeTo: o.activeTo } : {}),
    registeredAt: o.registeredAt,
    registeredBy: o.registeredBy,
  };
}
