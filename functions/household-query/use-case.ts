import { CATEGORIES } from '../../shared/domain/categories';
import type { WarningRecipient } from '../../shared/domain/departments';
import { PROGRAMMES } from '../../shared/domain/programmes';
import { bilingual } from '../../shared/domain/bilingual';
import type * as z from 'zod';
import { fieldProblems, invalidInput, notFound } from '../../shared/domain/errors';
import { problemsMessage } from '../../shared/domain/policy/policy-change';
import { departmentWarningsQuery, overdueWarningsQuery, recognitionDecisionsQuery } from '../../shared/platform/api';
import type { PolicyParameter } from '../../shared/domain/policy/policy-book';
import type { CategoryReview, Check, RecognitionDecision } from '../../shared/domain/recognition/classify';
import { checkReason, citeRow, decisionSummary } from '../../shared/domain/recognition/reasons';
import type { CorrectionStore } from '../../shared/ports/correction-store';
import type { DecisionCorrectionStore } from '../../shared/ports/decision-correction-store';
import { CORRECTION_CAUSE_LABELS } from '../../shared/domain/correction';
import type { RecognitionReader } from '../../shared/ports/assessment-store';
import { ForeignPageToken, type WarningLists } from '../../shared/ports/warning-lists';
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
import type { SubmissionProgress } from '../../shared/ports/submission-store';
import { evaluatorsOf } from '../../shared/records/evaluators';
import { isRecordType } from '../../shared/records/record-types';
import { SUBMISSION_ID_PATTERN, WARNING_ID_PATTERN } from '../../shared/platform/answers/fields';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import type { SubmissionStatus } from '../../shared/platform/answers/submissions';
import type { WarningDetail } from '../../shared/platform/answers/warnings';
import { indicatorTitleZh } from '../../shared/domain/indicators/names';
import type { ServiceAssistanceStore } from '../../shared/ports/service-assistance';
import { serviceNeedsOf } from './service-assistance';

/** The indicator's Chinese name from the registry, beside the English title the warning stored. */
function titleZhOf(id: string): { titleZh?: string } {
  const titleZh = indicatorTitleZh(id);
  return titleZh ? { titleZh } : {};
}

export interface QueryPorts {
  register: HouseholdRegister;
  warnings: WarningStore;
}

const HOUSEHOLD_ID = /^[A-Z0-9][A-Z0-9-]{5,39}$/;
const noHousehold = (householdId: string) => bilingual(`没有户编号为 ${householdId} 的家庭`, `no household ${householdId}`);
const MONTH_FORM = bilingual('月份须为 yyyy-mm', 'month must be yyyy-mm');

function checkHouseholdId(householdId: string) {
  if (!HOUSEHOLD_ID.test(householdId)) {
    throw invalidInput('InvalidHouseholdId', bilingual('户编号须为 6–40 个大写字母、数字或 -', 'householdId must be 6-40 upper-case letters, digits or "-"'), [
      { field: 'householdId', message: bilingual('不是户编号', 'not a household number') },
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
  if (!household && chain.length === 0) throw notFound('HouseholdNotFound', noHousehold(householdId));
  return {
    householdId,
    household: household ?? null,
    warnings: warnings.map((w) => ({
      warningId: w.warningId,
      indicator: w.indicator.id,
      title: w.indicator.title,
      ...titleZhOf(w.indicator.id),
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
export async function readNeedsList(householdId: string, ports: QueryPorts & { services?: ServiceAssistanceStore }) {
  checkHouseholdId(householdId);
  const [warnings, services] = await Promise.all([
    ports.warnings.listByHousehold(householdId),
    ports.services ? serviceNeedsOf(householdId, ports.services) : Promise.resolve([]),
  ]);
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
    services,
  };
}

/** 幸福清单: assistance actually delivered to the household — allowances and programmes granted. */
export async function readHappinessList(householdId: string, ports: QueryPorts) {
  checkHouseholdId(householdId);
  const [household, chain] = await Promise.all([ports.register.household(householdId), ports.register.chain(householdId)]);
  if (!household && chain.length === 0) throw notFound('HouseholdNotFound', noHousehold(householdId));
  return {
    householdId,
    allowances: household?.allowances ?? [],
    // A charity's delivery (慈善帮扶) and a provider's reported service (服务类社会救助) are delivered assistance too.
    delivered: chain
      .filter((e) => e.kind === 'assistance-granted' || e.kind === 'charity-delivered' || e.kind === 'service-delivered')
      .map((e) => ({ at: e.at, by: e.actor, what: e.summary, warningId: e.refs.warningId })),
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
    // 购买服务: hours and spending by service kind and district.
    servicesByKindAndDistrict: pick('SERVICE#'),
    // 慈善帮扶: matches and deliveries by need kind and district.
    charityByKindAndDistrict: pick('CHARITY#'),
  };
}

export async function readStatistics(month: string, store: StatisticsStore) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw invalidInput('InvalidMonth', MONTH_FORM, [{ field: 'month', message: bilingual('须为 yyyy-mm', 'must be yyyy-mm') }]);
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
    throw invalidInput('InvalidDay', '日期须为 yyyy-mm-dd / day must be a date in the form yyyy-mm-dd', [
      { field: 'day', message: bilingual('不是有效日期', 'not a date') },
    ]);
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
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw invalidInput('InvalidMonth', MONTH_FORM, [{ field: 'month', message: bilingual('不是有效月份', 'not a month') }]);
  if (district !== undefined && !(DISTRICT_CODES as readonly string[]).includes(district)) {
    throw invalidInput('InvalidDistrict', bilingual(`本市没有区县 ${district}`, `no district ${district} in the city`), [
      { field: 'district', message: bilingual('不是本市区县代码', 'not a district code of the city') },
    ]);
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

/**
 * 报送状态: how far a department's submission got, read in one Query of its partition: each
 * record is evaluated once every function that takes its type (events/rules.ts) has recorded
 * its group, with the warnings whose evidence names it. Only the department that sent it may
 * read it: anyone else's submission is as unknown as a made-up id (404).
 */
export async function readSubmissionStatus(department: string, submissionId: string, progress: SubmissionProgress): Promise<SubmissionStatus> {
  if (!SUBMISSION_ID_PATTERN.test(submissionId)) {
    throw invalidInput(
      'InvalidSubmissionId',
      '报送编号须为 S 加 26 位十六进制数字 / submissionId must be S and 26 hexadecimal digits, as the submission receipt gives it',
      [{ field: 'submissionId', message: '不是报送编号 / not a submission id' }],
    );
  }
  const { header, evaluations } = await progress.progressOf(submissionId);
  if (!header || header.department !== department)
    throw notFound('SubmissionNotFound', `${department} 没有报送 ${submissionId} / ${department} has no submission ${submissionId}`);

  // Who evaluated which record (by index), and the warnings attributed to it.
  const doneBy = new Map<number, Set<string>>();
  const warningsOf = new Map<number, Map<string, { warningId: string; indicatorId: string; recipients: Set<string> }>>();
  const typeOf = new Map<number, string>();
  for (const e of evaluations) {
    for (const i of e.indexes) {
      doneBy.set(i, (doneBy.get(i) ?? new Set()).add(e.evaluator));
      typeOf.set(i, e.recordType);
    }
    for (const w of e.warnings) {
      for (const i of w.indexes) {
        const held = warningsOf.get(i) ?? new Map();
        const one = held.get(w.warningId) ?? { warningId: w.warningId, indicatorId: w.indicatorId, recipients: new Set<string>() };
        for (const r of w.recipients) one.recipients.add(r);
        warningsOf.set(i, held.set(w.warningId, one));
      }
    }
  }
  const records = Array.from({ length: header.recordCount }, (_, index) => {
    // A header from before the status kept no list of its records: what the evaluations say, then.
    const recordType = header.records?.[index]?.recordType ?? typeOf.get(index);
    if (!recordType || !isRecordType(recordType)) return undefined;
    const done = doneBy.get(index) ?? new Set();
    const evaluated = evaluatorsOf(recordType).every((f) => done.has(f));
    return {
      recordId: header.records?.[index]?.departmentRecordId ?? `${submissionId}:${index}`,
      index,
      recordType,
      state: evaluated ? ('evaluated' as const) : ('accepted' as const),
      warnings: [...(warningsOf.get(index)?.values() ?? [])]
        .map((w) => ({
          warningId: w.warningId,
          indicatorId: w.indicatorId,
          recipients: [...w.recipients].sort() as SubmissionStatus['records'][number]['warnings'][number]['recipients'],
        }))
        .sort((a, b) => a.warningId.localeCompare(b.warningId)),
    };
  }).filter((r) => r !== undefined);
  const evaluated = records.filter((r) => r.state === 'evaluated').length;
  return {
    submissionId,
    batchId: header.batchId,
    department: header.department as SubmissionStatus['department'],
    acceptedAt: header.acceptedAt,
    state: evaluated === header.recordCount ? 'evaluated' : evaluations.length ? 'evaluating' : 'accepted',
    totals: { records: header.recordCount, evaluated, warningsRaised: new Set(records.flatMap((r) => r.warnings.map((w) => w.warningId))).size },
    records,
  };
}

const DEFAULT_PAGE = 25;

/** A list's page, with a foreign `next` token refused as the caller's mistake. */
async function pageOf<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof ForeignPageToken)) throw e;
    throw invalidInput(
      'InvalidPageToken',
      bilingual('翻页令牌无效，请从第一页重新开始', 'the page token is not one of this list’s; start again from the first page'),
      [{ field: 'next', message: bilingual('不是本列表的翻页令牌', 'not a page token of this list') }],
    );
  }
}

function listQuery<S extends z.ZodType>(schema: S, params: Record<string, string | undefined> | null | undefined): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw invalidInput('InvalidQuery', problemsMessage(problems), problems);
  }
  return parsed.data;
}

/** 待办预警 a page of the department's own warnings, newest first (access pattern 31). */
export async function listDepartmentWarnings(
  department: WarningRecipient,
  params: Record<string, string | undefined> | null | undefined,
  ports: { lists: WarningLists; now: () => Date },
) {
  const q = listQuery(departmentWarningsQuery, params);
  const status = q.status ?? 'open';
  const now = ports.now().toISOString();
  const page = await pageOf(() =>
    ports.lists.inbox({
      recipient: department,
      state: status === 'answered' ? 'answered' : 'open',
      ...(status === 'overdue' ? { dueBefore: now } : {}),
      ...(q.indicator ? { indicator: q.indicator } : {}),
      ...(q.district ? { district: q.district } : {}),
      limit: q.limit ? Number(q.limit) : DEFAULT_PAGE,
      ...(q.next ? { after: q.next } : {}),
    }),
  );
  return {
    department,
    status,
    items: page.items.map((e) => ({
      warningId: e.warningId,
      householdId: e.householdId,
      district: e.district,
      indicator: { id: e.indicatorId, title: e.indicatorTitle, ...titleZhOf(e.indicatorId) },
      raisedAt: e.raisedAt,
      dueBy: e.dueBy,
      overdue: e.state === 'open' && e.dueBy < now,
      ...(e.answeredAt ? { answeredAt: e.answeredAt } : {}),
    })),
    ...(page.next ? { next: page.next } : {}),
  };
}

/** 超期督办 a page of the open warnings past due, district by district (access pattern 32). */
export async function listOverdueWarnings(params: Record<string, string | undefined> | null | undefined, ports: { lists: WarningLists; now: () => Date }) {
  const q = listQuery(overdueWarningsQuery, params);
  const asOf = ports.now();
  const page = await pageOf(() =>
    ports.lists.overdue({
      districts: q.district ? [q.district] : DISTRICT_CODES,
      now: asOf.toISOString(),
      ...(q.department ? { recipient: q.department } : {}),
      limit: q.limit ? Number(q.limit) : DEFAULT_PAGE,
      ...(q.next ? { after: q.next } : {}),
    }),
  );
  return {
    asOf: asOf.toISOString(),
    items: page.items.map((w) => ({
      warningId: w.warningId,
      householdId: w.householdId,
      district: w.district,
      indicator: { id: w.indicator.id, title: w.indicator.title, ...titleZhOf(w.indicator.id) },
      recipients: w.recipients,
      answeredBy: w.recipients.filter((r) => w.outcomes[r] !== undefined),
      acknowledgedBy: [...(w.acknowledgedBy ?? [])].filter((r): r is WarningRecipient => (w.recipients as string[]).includes(r)),
      status: w.status,
      raisedAt: w.raisedAt,
      dueBy: w.dueBy,
      hoursOverdue: Math.max(0, Math.floor((asOf.getTime() - Date.parse(w.dueBy)) / 3_600_000)),
    })),
    ...(page.next ? { next: page.next } : {}),
  };
}

/** An identity number's shape anywhere in a string: 17 digits and a check character. */
const IDENTITY_NUMBER_SHAPE = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
/** Fact names that would hold a person in clear: the number itself or a person's name (a school's name may stay). */
const PERSONAL_FACT = /^(?:\w*[iI]dentityNumber|name|fullName|\w*[pP]ersonName)$/;

/**
 * Evidence facts as they may leave: indicators keep only masked numbers and person references,
 * but the answer does not rely on it — a fact named like a number or a name is dropped (unless
 * it is the masked form), and any identity-number-shaped string is masked.
 */
export function disclosableFacts(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(IDENTITY_NUMBER_SHAPE, (n) => maskIdentityNumber(n.toUpperCase()));
  if (Array.isArray(value)) return value.map(disclosableFacts);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k.startsWith('masked') || !PERSONAL_FACT.test(k))
        .map(([k, v]) => [k, disclosableFacts(v)]),
    );
  }
  return value;
}

/**
 * 预警详情 one warning (access pattern 8): its recipients read it, each through its own path, and
 * supervision reads any. Anyone else gets the 404 of a warning that does not exist, so the answer
 * does not tell whether a household has a warning the caller may not see.
 */
export async function readWarning(
  caller: WarningRecipient,
  warningId: string,
  ports: { warnings: WarningStore; now: () => Date; corrections?: Pick<CorrectionStore, 'corrections'> },
): Promise<{ detail: WarningDetail; audit: AuditNote }> {
  if (!WARNING_ID_PATTERN.test(warningId)) {
    throw invalidInput('InvalidWarningId', bilingual('预警编号须为 W 加 24 位十六进制数字', 'warningId must be W and 24 hexadecimal digits'), [
      { field: 'warningId', message: bilingual('不是预警编号', 'not a warning id') },
    ]);
  }
  const w = await ports.warnings.get(warningId);
  const recipient = w?.recipients.includes(caller);
  if (!w || (!recipient && caller !== 'supervision')) {
    throw notFound('WarningNotFound', bilingual(`${caller} 没有预警 ${warningId}`, `${caller} has no warning ${warningId}`));
  }
  const open = recipient ? !w.outcomes[caller] : w.status !== 'resolved';
  const corrections = Object.keys(w.outcomes).length && ports.corrections ? await ports.corrections.corrections(w.warningId) : [];
  const detail: WarningDetail = {
    warningId: w.warningId,
    householdId: w.householdId,
    district: w.district,
    indicator: {
      id: w.indicator.id,
      version: w.indicator.version,
      title: w.indicator.title,
      ...titleZhOf(w.indicator.id),
      parameters: { ...w.indicator.parameters },
    },
    status: w.status,
    raisedAt: w.raisedAt,
    dueBy: w.dueBy,
    overdue: open && w.dueBy < ports.now().toISOString(),
    action: w.action,
    explanation: w.explanation,
    evidence: w.evidence.map((e) => ({
      recordId: e.recordId,
      recordType: e.recordType,
      department: e.department,
      ...(e.subject ? { subject: e.subject } : {}),
      facts: disclosableFacts(e.facts) as Record<string, unknown>,
    })),
    recipients: w.recipients.map((r) => {
      const o = w.outcomes[r];
      return {
        department: r,
        pushed: w.pushedTo.includes(r),
        acknowledged: w.acknowledgedBy.includes(r),
        ...(o ? { outcome: { outcome: o.outcome, handledBy: o.handledBy, resolvedAt: o.resolvedAt } } : {}),
        ...correctionsOf(r),
      };
    }),
  };
  return { detail, audit: { subjects: [...w.subjects] } };

  function correctionsOf(r: string) {
    const mine = corrections.filter((c) => c.department === r);
    if (!mine.length) return {};
    return {
      corrections: mine.map((c) => ({
        correctionId: c.correctionId,
        sequence: c.sequence,
        cause: c.cause,
        causeName: `${CORRECTION_CAUSE_LABELS[c.cause].zh} / ${CORRECTION_CAUSE_LABELS[c.cause].en}`,
        correctedBy: c.correctedBy,
        correctedAt: c.correctedAt,
        outcome: c.outcome.outcome,
      })),
    };
  }
}

/** A check as the household is shown it: its reason in both languages and the rows behind its threshold. */
function shownCheck(check: Check, sources: Record<string, PolicyParameter>) {
  const policyRows = (check.parameters ?? []).flatMap((n) => (sources[n] ? [citeRow(sources[n])] : []));
  return {
    ...(check.code ? { code: check.code } : {}),
    test: check.test,
    value: check.value,
    threshold: check.threshold,
    passed: check.passed,
    reason: checkReason(check, policyRows),
    policyRows,
  };
}

const shownReviews = (reviews: readonly CategoryReview[], sources: Record<string, PolicyParameter>) =>
  reviews.map((r) => ({ category: r.category, qualifies: r.qualifies, checks: r.checks.map((c) => shownCheck(c, sources)) }));

/** 家庭经济状况 the latest assessment: what was investigated, every check with its policy row, and the category (access pattern 19b). */
export async function readAssessment(householdId: string, ports: { recognition: RecognitionReader }) {
  checkHouseholdId(householdId);
  const a = await ports.recognition.latest(householdId);
  if (!a) throw notFound('AssessmentNotFound', bilingual(`户编号为 ${householdId} 的家庭没有经济状况调查`, `household ${householdId} has no assessment`));
  const { investigation: inv } = a;
  return {
    householdId,
    district: a.district,
    recordId: a.recordId,
    ...(a.departmentRecordId ? { departmentRecordId: a.departmentRecordId } : {}),
    investigatedOn: inv.investigatedOn,
    decidedAt: a.decidedAt,
    policyVersion: a.policyVersion,
    category: a.category,
    categoryName: a.category ? CATEGORIES[a.category] : null,
    summary: decisionSummary(a.category, a.perCapitaMonthlyIncomeFen),
    investigation: {
      members: inv.members.map((m) => ({
        personRef: m.personRef,
        age: m.age,
        capacityToWork: m.capacityToWork,
        ...(m.disabilityGrade !== undefined ? { disabilityGrade: m.disabilityGrade } : {}),
        monthlyIncomeFen: m.monthlyIncomeFen,
      })),
      assetsFen: inv.assetsFen,
      necessarySpendingFen: inv.necessarySpendingFen,
      periodMonths: inv.periodMonths,
      ableLegalSupporter: inv.ableLegalSupporter,
    },
    ...(a.perCapitaMonthlyIncomeFen !== undefined ? { perCapitaMonthlyIncomeFen: a.perCapitaMonthlyIncomeFen } : {}),
    explained: a.reviews !== undefined,
    reviews: shownReviews(a.reviews ?? [], a.sources ?? {}),
  };
}

/**
 * The reasons of a decision: why each category checked before the one decided was not, and every
 * check of the one decided; for no category, every check that failed.
 */
export function decisionReasons(d: Pick<RecognitionDecision, 'category' | 'reviews' | 'sources'>): string[] {
  const reasons: string[] = [];
  for (const r of d.reviews) {
    const decided = r.category === d.category;
    for (const c of r.checks) if (decided || !c.passed) reasons.push(shownCheck(c, d.sources).reason);
    if (decided) break;
  }
  return [...new Set(reasons)];
}

/** 认定决定 a page of the household's decisions, latest investigation first (access pattern 34). */
export async function listRecognitionDecisions(
  householdId: string,
  params: Record<string, string | undefined> | null | undefined,
  ports: { recognition: RecognitionReader; corrections?: Pick<DecisionCorrectionStore, 'ofHousehold'> },
) {
  checkHouseholdId(householdId);
  const q = listQuery(recognitionDecisionsQuery, params);
  const page = await pageOf(() => ports.recognition.decisions(householdId, q.limit ? Number(q.limit) : DEFAULT_PAGE, q.next));
  // 纠错 shown beside the decision each corrects (the decision itself stays as it was).
  const corrections = page.items.length && ports.corrections ? await ports.corrections.ofHousehold(householdId) : [];
  if (!page.items.length && !q.next)
    throw notFound('AssessmentNotFound', bilingual(`户编号为 ${householdId} 的家庭没有认定决定`, `household ${householdId} has no recognition decision`));
  return {
    householdId,
    decisions: page.items.map((d) => ({
      recordId: d.recordId,
      ...(d.departmentRecordId ? { departmentRecordId: d.departmentRecordId } : {}),
      district: d.district,
      investigatedOn: d.investigatedOn,
      decidedAt: d.decidedAt,
      policyVersion: d.policyVersion,
      category: d.category,
      categoryName: d.category ? CATEGORIES[d.category] : null,
      perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
      summary: decisionSummary(d.category, d.perCapitaMonthlyIncomeFen),
      reasons: decisionReasons(d),
      reviews: shownReviews(d.reviews, d.sources),
      corrections: corrections
        .filter((c) => c.decisionId === d.recordId)
        .map((c) => ({
          correctionId: c.correctionId,
          sequence: c.sequence,
          cause: c.cause,
          causeName: `${CORRECTION_CAUSE_LABELS[c.cause].zh} / ${CORRECTION_CAUSE_LABELS[c.cause].en}`,
          reason: c.reason,
          correctedBy: c.correctedBy,
          correctedAt: c.correctedAt,
          from: c.from,
          category: c.category,
          perCapitaMonthlyIncomeFen: c.perCapitaMonthlyIncomeFen,
          changes: c.changes,
        })),
    })),
    ...(page.next ? { next: page.next } : {}),
  };
}
