import { CATEGORIES } from '../../shared/domain/categories';
import type { WarningRecipient } from '../../shared/domain/departments';
import { PROGRAMMES } from '../../shared/domain/programmes';
import { invalidInput, notFound } from '../../shared/domain/errors';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { PersonKeySource } from '../../shared/ports/person-key';
import type { PersonFacts } from '../../shared/ports/person-facts';
import type { StatisticsStore } from '../../shared/ports/statistics';
import type { WarningStore } from '../../shared/ports/warning-store';
import { referencesFor } from '../../shared/application/person-refs';
import type { KnownPeople } from '../../shared/ports/known-people';
import type { PersonQuery } from '../../shared/records/person-query';
import type { AuditSigner, AuditTrail, AuditTreeHeads } from '../../shared/ports/audit-trail';
import type { DisclosureStore } from '../../shared/ports/disclosure';
import { DISTRICT_CODES, type DistrictCode } from '../../shared/domain/districts';
import { treeHeadMessage, type AuditNote, type SignedTreeHead } from '../../shared/domain/supervision/audit';
import { verifyAuditDay } from '../../shared/domain/supervision/verify-day';

export interface QueryPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
}

const HOUSEHOLD_ID = /^[A-Z0-9][A-Z0-9-]{5,39}$/;

function checkHouseholdId(householdId: string) {
  if (!HOUSEHOLD_ID.test(householdId)) {
    throw invalidInput('InvalidHouseholdId', 'householdId must be 6-40 upper-case letters, digits or "-"', [
      { field: 'householdId', message: 'not a household number' },
    ]);
  }
}

/** 一户一条救助链: the household, its warnings and its chain in time order, with who did what. */
export async function readAssistanceChain(householdId: string, ports: QueryPorts) {
  checkHouseholdId(householdId);
  const [household, chain, warnings] = await Promise.all([
    ports.register.household(householdId),
    ports.register.chain(householdId),
    ports.warnings.listByHousehold(householdId),
  ]);
  if (!household && chain.length === 0) throw notFound('HouseholdNotFound', `no household ${householdId}`);
  return {
    householdId,
    household: household ?? null,
    warnings: warnings.map((w) => ({
      warningId: w.warningId,
      indicator: w.indicator.id,
      title: w.indicator.title,
      status: w.status,
      recipients: w.recipients,
      raisedAt: w.raisedAt,
      dueBy: w.dueBy,
      acknowledgedBy: w.acknowledgedBy,
      outcomes: Object.values(w.outcomes).map((o) => ({ department: o.department, outcome: o.outcome, handledBy: o.handledBy, resolvedAt: o.resolvedAt })),
    })),
    chain,
  };
}

/** 需求清单: what the household needs now — every open warning, with who must act by when. */
export async function readNeedsList(householdId: string, ports: QueryPorts) {
  checkHouseholdId(householdId);
  const warnings = await ports.warnings.listByHousehold(householdId);
  const open = warnings.filter((w) => w.status !== 'resolved');
  return {
    householdId,
    needs: open.map((w) => ({
      warningId: w.warningId,
      indicator: w.indicator.id,
      need: w.action,
      why: w.explanation,
      waitingFor: w.recipients.filter((r) => !w.outcomes[r]),
      dueBy: w.dueBy,
      overdue: w.dueBy < new Date().toISOString(),
    })),
  };
}

/** 幸福清单: assistance actually delivered to the household — allowances and programmes granted. */
export async function readHappinessList(householdId: string, ports: QueryPorts) {
  checkHouseholdId(householdId);
  const [household, chain] = await Promise.all([ports.register.household(householdId), ports.register.chain(householdId)]);
  if (!household && chain.length === 0) throw notFound('HouseholdNotFound', `no household ${householdId}`);
  return {
    householdId,
    allowances: household?.allowances ?? [],
    delivered: chain.filter((e) => e.kind === 'assistance-granted').map((e) => ({ at: e.at, by: e.actor, what: e.summary, warningId: e.refs.warningId })),
  };
}

/**
 * 信息查询: is this person in the low-income database, and in which category? Each department
 * gets only what its duties need: civil affairs, coordination and supervision see the household;
 * justice sees legal-aid eligibility; the others see whether and in which category. Returned with
 * the audit note: whom and why, whatever the department is shown.
 */
export async function queryPerson(
  query: PersonQuery,
  who: WarningRecipient,
  ports: QueryPorts & { personKey: PersonKeySource; knownPeople: KnownPeople; facts: PersonFacts },
) {
  // During a key rotation the platform may know the person by an older version's reference.
  const ref = (await referencesFor([query.identityNumber], await ports.personKey.ring(), ports.knownPeople)).get(query.identityNumber)!;
  const member = (await ports.register.membershipsOf([ref])).get(ref);
  const audit: AuditNote = { subjects: [ref], purpose: query.purpose };
  const base = { inDatabase: Boolean(member), category: member?.category ?? null, categoryName: member ? CATEGORIES[member.category] : null };
  if (who === 'civil-affairs' || who === 'county-coordination' || who === 'supervision') {
    // 一人一条救助链: the person's own chain — what each department reported about them, in order.
    const facts = await ports.facts.dossierOf(ref);
    return {
      answer: {
        ...base,
        personRef: ref,
        householdId: member?.householdId ?? null,
        district: member?.district ?? null,
        activeProgrammes: member?.activeProgrammes ?? [],
        chain: facts
          .map((f) => ({ at: f.acceptedAt, department: f.department, recordType: f.recordType, recordId: f.recordId }))
          .sort((a, b) => a.at.localeCompare(b.at)),
      },
      audit,
    };
  }
  if (who === 'justice') return { answer: { ...base, legalAidEligible: Boolean(member) }, audit };
  return { answer: base, audit };
}

export function readProjectList() {
  return { projects: PROGRAMMES };
}

/** The month's statistics as supervision reads them. */
async function monthlyStatistics(month: string, store: StatisticsStore) {
  const rows = await store.month(month);
  const pick = (prefix: string) =>
    Object.fromEntries(rows.filter((r) => r.dimension.startsWith(prefix)).map((r) => [r.dimension.slice(prefix.length), r.values]));
  const all = rows.find((r) => r.dimension === 'ALL')?.values ?? {};
  const raised = all.raised ?? 0;
  const answered = all.answered ?? 0;
  return {
    month,
    totals: {
      raised,
      answered,
      overdue: all.overdue ?? 0,
      overdueRate: raised ? (all.overdue ?? 0) / raised : 0,
      averageHandlingHours: answered ? Math.round(((all.handlingSeconds ?? 0) / answered / 3600) * 10) / 10 : null,
      assistanceGranted: all.granted ?? 0,
      assistanceGrantedFen: all.grantedFen ?? 0,
    },
    byIndicator: pick('IND#'),
    byDepartment: pick('DEPT#'),
    byDistrict: pick('DIST#'),
    // 幸福清单 summary: assistance delivered by programme and district.
    happinessByProgrammeAndDistrict: pick('PROG#'),
  };
}

export async function readStatistics(month: string, store: StatisticsStore) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalidInput('InvalidMonth', 'month must be yyyy-mm', [{ field: 'month', message: 'must be yyyy-mm' }]);
  return monthlyStatistics(month, store);
}

export interface AuditReadPorts {
  trail: AuditTrail;
  heads: AuditTreeHeads;
  signer: AuditSigner;
  now: () => Date;
  retentionDays: number;
}

/**
 * 数字监督: one day of the audit trail, in order, verified against its signed tree heads: every
 * head's MAC (KMS VerifyMac), its number and link, its root recomputed from its leaves, and every
 * entry against the leaf it was sealed as. Entries after the last head are reported as unsealed.
 */
export async function readAuditTrail(day: string, ports: AuditReadPorts) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    throw invalidInput('InvalidDay', '日期须为 yyyy-mm-dd / day must be a date in the form yyyy-mm-dd', [{ field: 'day', message: 'not a date' }]);
  }
  // Past retention, TTL removes entries a few at a time: a partial day would read as tampered.
  if (Date.parse(day) + ports.retentionDays * 86_400_000 <= ports.now().getTime()) {
    throw notFound(
      'AuditDayExpired',
      `该日审计记录已超过保留期（${ports.retentionDays} 天）/ the trail of ${day} is past its retention period (${ports.retentionDays} days)`,
    );
  }
  const [entries, heads, { previous, next }] = await Promise.all([ports.trail.day(day), ports.heads.ofDay(day), ports.heads.around(day)]);
  const checked = (head: SignedTreeHead) => ports.signer.verify(treeHeadMessage(head), head.mac).then((macValid) => ({ head, macValid }));
  // About 100 heads a day (one each 15 minutes): their MACs are checked together.
  const [dayHeads, [before, after]] = await Promise.all([
    Promise.all(heads.map(async ({ head, leaves }) => ({ ...(await checked(head)), leaves }))),
    Promise.all([previous && checked(previous), next && checked(next)]),
  ]);
  const verification = verifyAuditDay({ day, entries, heads: dayHeads, ...(before ? { previous: before } : {}), ...(after ? { next: after } : {}) });
  return { day, entries, verification };
}

/**
 * 公示: the month's assistance as the public may see it: allowances that started and assistance
 * granted, by district, each with the masked identity number of the head of household, the
 * department and the amount. Nothing else leaves: no names, no person references, no incomes.
 */
export async function readDisclosure(month: string, district: string | undefined, store: DisclosureStore) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalidInput('InvalidMonth', 'month must be yyyy-mm', [{ field: 'month', message: 'not a month' }]);
  if (district !== undefined && !(DISTRICT_CODES as readonly string[]).includes(district)) {
    throw invalidInput('InvalidDistrict', `no district ${district} in the city`, [{ field: 'district', message: 'not a district code of the city' }]);
  }
  const lines = await store.month(month, district as DistrictCode | undefined);
  return {
    month,
    district: district ?? '*',
    lines: lines
      .map((l) => ({
        district: l.district,
        kind: l.kind,
        maskedHeadIdentityNumber: l.maskedHeadIdentityNumber,
        members: l.members,
        category: l.category,
        programme: l.programme,
        department: l.department,
        amountFen: l.amountFen,
        periodStart: l.periodStart,
        ...(l.periodEnd ? { periodEnd: l.periodEnd } : {}),
      }))
      .sort((a, b) => a.district.localeCompare(b.district) || a.periodStart.localeCompare(b.periodStart)),
  };
}
