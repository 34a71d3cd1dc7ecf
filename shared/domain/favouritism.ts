import type { DistrictCode } from './districts';
import { hexIdOf } from './hex-id';

/**
 * 杜绝人情保关系保，严查优亲厚友 (plan 四.3): civil affairs registers its staff and the village and
 * community officers who handle assistance, with the person references of the officer and of the
 * officer's own household (pseudonymized at the edge like anyone else's), so the platform can see
 * an officer acting on their own household (IND-27) and an officer deciding far more of a
 * district's approvals than the others (IND-28).
 */
export const OFFICER_ROLES = ['staff', 'village-officer', 'community-officer'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** A person as the register keeps them: the reference and the masked number, never the number. */
export interface RegisteredPerson {
  personRef: string;
  maskedIdentityNumber: string;
}

/** 经办人员登记: one officer, by the session name the officer signs with. */
export interface Officer {
  officerId: string;
  role: OfficerRole;
  district: DistrictCode;
  street?: string;
  village?: string;
  person: RegisteredPerson;
  /** The officer's own household (spouse, parents, children, …), the officer not included. */
  householdMembers: RegisteredPerson[];
  activeFrom: string;
  activeTo?: string;
  registeredAt: string;
  /** The department and officer who registered (or last re-registered) this one. */
  registeredBy: string;
}

/** Whether an officer is registered as active on a day (yyyy-mm-dd). */
export const activeOn = (o: Pick<Officer, 'activeFrom' | 'activeTo'>, day: string) => o.activeFrom <= day && (!o.activeTo || day <= o.activeTo);

/** The acts check 1 looks at, by the function where they happen. */
export const OFFICER_ACT_KINDS = ['recognition-decision', 'roll-entry', 'answer'] as const;
export type OfficerActKind = (typeof OFFICER_ACT_KINDS)[number];

/** An act of an officer on a household: who acted, on which household, and its members then. */
export interface OfficerAct {
  kind: OfficerActKind;
  officerId: string;
  householdId: string;
  district: DistrictCode;
  /** The record (or warning answered) the act is known by. */
  recordId: string;
  recordType: string;
  department: string;
  /** The person references of the household's members as the act sees them. */
  memberRefs: readonly string[];
  /** The day of the act, yyyy-mm-dd. */
  on: string;
}

export type Relationship = 'officer-himself' | 'household-member';

/** 关系保: how the acting officer is related to the household acted on, if at all. */
export interface RelatedParty {
  relationship: Relationship;
  /** The member of the household who is the officer or of the officer's household. */
  personRef: string;
}

/**
 * The officer, or a member of the officer's own household, is a member of the household acted
 * on. An officer not registered, or not active on the day of the act, is not checked (nothing
 * is known of the officer's household then); the officer's own membership comes first.
 */
export function relatedParty(act: Pick<OfficerAct, 'memberRefs' | 'on'>, officer: Officer | undefined): RelatedParty | undefined {
  if (!officer || !activeOn(officer, act.on)) return undefined;
  const members = new Set(act.memberRefs);
  if (members.has(officer.person.personRef)) return { relationship: 'officer-himself', personRef: officer.person.personRef };
  const relative = officer.householdMembers.find((m) => members.has(m.personRef));
  return relative ? { relationship: 'household-member', personRef: relative.personRef } : undefined;
}

/** A recognition decision as check 2 counts it: by whom, for which household, approved or not. */
export interface DecisionByOfficer {
  officerId: string;
  householdId: string;
  district: DistrictCode;
  recordId: string;
  /** The city day it was decided. */
  decidedOn: string;
  /** Recognised in a category (an approval), or refused. */
  approved: boolean;
  /** The household's members as the investigation listed them (person references), for a check after the fact. */
  memberRefs?: string[];
}

/** One officer's share of a district's approvals over a period, against the expected share. */
export interface Concentration {
  officerId: string;
  district: DistrictCode;
  from: string;
  to: string;
  approvals: number;
  districtApprovals: number;
  deciders: number;
  share: number;
  expectedShare: number;
  ratio: number;
  /** The households the officer approved in the period, each once, latest decision first. */
  households: { householdId: string; recordId: string; decidedOn: string }[];
}

/**
 * 优亲厚友: for one district, each officer's share of its approvals decided in the period
 * `[from, to]` against the expected share, 1 / the number of officers deciding there (those
 * registered active on `to` and any who decided in the period). Flagged: the ratio exceeds
 * `ratio` and the officer approved at least `minApprovals`. Decisions recorded twice (a retried
 * group) count once.
 */
export function concentrations(
  decisions: readonly DecisionByOfficer[],
  activeOfficers: readonly string[],
  period: { from: string; to: string },
  limits: { ratio: number; minApprovals: number },
): Concentration[] {
  const inPeriod = [...new Map(decisions.filter((d) => d.decidedOn >= period.from && d.decidedOn <= period.to).map((d) => [d.recordId, d])).values()];
  const deciders = new Set([...activeOfficers, ...inPeriod.map((d) => d.officerId)]);
  const approvals = inPeriod.filter((d) => d.approved);
  if (!approvals.length || deciders.size < 2) return [];
  const expectedShare = 1 / deciders.size;
  const byOfficer = new Map<string, DecisionByOfficer[]>();
  for (const d of approvals) byOfficer.set(d.officerId, [...(byOfficer.get(d.officerId) ?? []), d]);
  const found: Concentration[] = [];
  for (const [officerId, own] of byOfficer) {
    const share = own.length / approvals.length;
    const ratio = share / expectedShare;
    if (own.length < limits.minApprovals || ratio <= limits.ratio) continue;
    const latest = [...own].sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.recordId.localeCompare(b.recordId));
    const households = [...new Map(latest.map((d) => [d.householdId, d])).values()];
    found.push({
      officerId,
      district: own[0]!.district,
      ...period,
      approvals: own.length,
      districtApprovals: approvals.length,
      deciders: deciders.size,
      share,
      expectedShare,
      ratio,
      households: households.map((d) => ({ householdId: d.householdId, recordId: d.recordId, decidedOn: d.decidedOn })),
    });
  }
  return found.sort((a, b) => a.officerId.localeCompare(b.officerId));
}

const DAY_MS = 86_400_000;

/**
 * The period a check-2 run measures, and the fixed period it is raised once for: the `days`
 * days up to and including `asOf`, and the number of the `days`-long block since 1970 that
 * `asOf` falls in, so an hourly run raises one warning per officer and period, not one an hour.
 */
export function concentrationPeriod(asOf: string, days: number): { from: string; to: string; block: string } {
  const at = Date.parse(`${asOf}T00:00:00Z`);
  const from = new Date(at - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const block = Math.floor(at / DAY_MS / days);
  const blockStart = new Date(block * days * DAY_MS).toISOString().slice(0, 10);
  return { from, to: asOf, block: `${days}d@${blockStart}` };
}

/**
 * Where a warning about an officer (not a household) is kept: a stable placeholder derived from
 * the officer's id, as leads have theirs, so its dedupe and open-warning slot are the officer's.
 */
export function officerCaseId(officerId: string): string {
  return `OFFICER-${hexIdOf(`officer|${officerId}`, 20)}`;
}
