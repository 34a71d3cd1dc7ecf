import type { KnownPeople } from '../shared/ports/known-people';
import type { CountedEvent, StatisticsStore } from '../shared/ports/statistics';
import { fileIdOf, type PaymentFileClose, type PaymentFileId, type PaymentLine } from '../shared/domain/payments';
import type { FiledLine, PaymentFiles } from '../shared/ports/payment-files';
import { singleKeyRing } from '../shared/privacy/key-ring';
import type { AuditTrail, AuditTreeHeads } from '../shared/ports/audit-trail';
import { auditEntries, logKey, type AuditDraft, type AuditEntry, type SealedLeaf, type SignedTreeHead } from '../shared/domain/supervision/audit';
import type { DisclosureLine } from '../shared/domain/disclosure';
import type { DisclosureStore } from '../shared/ports/disclosure';
import { mayTake, type EmergencyCase } from '../shared/domain/emergency-case';
import type { EmergencyCases } from '../shared/ports/emergency-cases';
import type { PolicyParameter } from '../shared/domain/policy/policy-book';
import type { PolicyStore } from '../shared/ports/policy-store';
import type { AssessmentStore } from '../shared/ports/assessment-store';
import type { Assessment } from '../shared/domain/recognition/classify';
import type { WhatIfJobStore } from '../shared/ports/what-if-jobs';
import { isExpired, type WhatIfJob } from '../shared/domain/policy/what-if-job';
import { ASSESSMENT_SHARDS } from '../shared/table/keys';
import { assessment as assessmentEntity } from '../shared/table/entities/assessment';
import { rowKey, type PolicyChangeEntry } from '../shared/domain/policy/policy-change';
import type { EventPublisher, PlatformEvent } from '../shared/ports/event-publisher';
import type { WarningRaisedV1, WarningsRaisedV1 } from '../events/warning-raised.v1';
import type { GroupEvaluation, SubmissionHeader, SubmissionProgress, SubmissionStore } from '../shared/ports/submission-store';

/** In-memory ports for use-case tests: they behave like the adapters, minus the network. */
export class MemorySubmissionStore implements SubmissionStore, SubmissionProgress {
  readonly headers = new Map<string, SubmissionHeader>();
  /** Each group's evaluation, by `<submissionId>|<evaluator>|<groupId>`, as first recorded. */
  readonly evaluations = new Map<string, GroupEvaluation>();

  async recordEvaluated(evaluation: GroupEvaluation) {
    const key = `${evaluation.submissionId}|${evaluation.evaluator}|${evaluation.groupId}`;
    if (this.evaluations.has(key)) return 'recorded-before' as const;
    this.evaluations.set(key, structuredClone(evaluation));
    return 'recorded' as const;
  }
  async progressOf(submissionId: string) {
    const header = this.headers.get(submissionId);
    const evaluations = [...this.evaluations.values()].filter((e) => e.submissionId === submissionId).map((e) => structuredClone(e));
    return { ...(header ? { header: structuredClone(header) } : {}), evaluations };
  }

  async get(id: string) {
    const h = this.headers.get(id);
    return h ? { ...h } : undefined;
  }
  async save(header: SubmissionHeader) {
    if (this.headers.has(header.submissionId)) return 'exists' as const;
    this.headers.set(header.submissionId, { ...header });
    return 'saved' as const;
  }
  async takeLease(id: string, now: string, until: string) {
    const h = this.headers.get(id);
    if (!h || h.publishedAt || (h.leaseUntil && h.leaseUntil >= now)) return false;
    h.leaseUntil = until;
    return true;
  }
  async releaseLease(id: string) {
    const h = this.headers.get(id);
    if (h && !h.publishedAt) delete h.leaseUntil;
  }
  async markPublished(id: string, at: string) {
    this.headers.get(id)!.publishedAt = at;
  }
}

export class MemoryPublisher implements EventPublisher {
  readonly published: PlatformEvent[] = [];
  /** The warnings published, out of their WarningsRaised.v1 groups, in order. */
  get raisedWarnings(): WarningRaisedV1[] {
    return this.published.filter((e) => e.detailType === 'WarningsRaised.v1').flatMap((e) => (e.detail as WarningsRaisedV1).warnings);
  }
  failNext = 0;
  async publish(events: readonly PlatformEvent[]) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('PutEvents: 3 of 3 entries still failing after retries (ThrottlingException)');
    }
    this.published.push(...events);
  }
}

export const fixedKey = { ring: async () => singleKeyRing(Buffer.alloc(32, 9)) };

import type { ChainEntry } from '../shared/domain/assistance-chain';
import type { Membership } from '../shared/domain/membership';
import { afterRollEntry, type Household, type HouseholdChange } from '../shared/domain/household';
import type { AllowanceEnd, GradualExitChange, HouseholdRegister, RollWrite } from '../shared/ports/household-register';
import { evidenceKey, statusWithPushes, type OpenWarning, type StoredWarning, type WarningPush } from '../shared/domain/warning';
import type { WarningAnswer, WarningStore, WarningWrite } from '../shared/ports/warning-store';
import type { WorkItemMessage, WorkQueues } from '../shared/ports/work-queues';

export class MemoryRegister implements HouseholdRegister {
  /** The households held, by id. */
  readonly held = new Map<string, Household>();
  readonly entries: ChainEntry[] = [];
  readonly deceased = new Map<string, string>();

  async membershipsOf(refs: readonly string[]) {
    const out = new Map<string, Membership>();
    for (const h of this.held.values()) {
      for (const m of h.members) {
        if (!refs.includes(m.personRef)) continue;
        const deceasedOn = this.deceased.get(m.personRef);
        out.set(m.personRef, {
          personRef: m.personRef,
          householdId: h.householdId,
          district: h.district,
          category: h.category,
          activeProgrammes: h.allowances.filter((a) => a.status === 'active').map((a) => a.programme),
          ...(deceasedOn ? { deceasedOn } : {}),
          household: {
            memberCount: h.members.length,
            ...(h.area ? { area: h.area } : {}),
            ...(h.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: h.monthlyIncomeFen } : {}),
          },
        });
      }
    }
    return out;
  }
  async households(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.held.has(id) ? [[id, structuredClone(this.held.get(id)!)] as const] : [])));
  }
  async putOnRoll(writes: readonly RollWrite[]) {
    const out: Household[] = [];
    for (const { household: h, entry: e } of writes) {
      const before = this.held.get(h.householdId);
      const after = afterRollEntry(before, h);
      if (!after) {
        out.push(structuredClone(before!)); // a late, older entry changes nothing
        continue;
      }
      const held = structuredClone(after);
      this.held.set(h.householdId, held);
      this.entries.push(e);
      out.push(structuredClone(held));
    }
    return out;
  }
  async household(id: string) {
    return this.held.get(id);
  }
  async appendToChains(entries: readonly ChainEntry[]) {
    for (const e of entries) if (!this.entries.some((x) => x.householdId === e.householdId && x.entryId === e.entryId && x.at === e.at)) this.entries.push(e);
  }
  async chain(id: string) {
    return this.entries.filter((e) => e.householdId === id).sort((a, b) => a.at.localeCompare(b.at));
  }
  async endAllowances(ends: readonly AllowanceEnd[]) {
    return ends.map(({ householdId, programme, endedOn, entry }) => {
      const a = this.held.get(householdId)?.allowances.find((x) => x.programme === programme && x.status === 'active');
      if (!a) return false;
      Object.assign(a, { status: 'ended', endedOn });
      this.entries.push(entry);
      return true;
    });
  }
  async scheduleGradualExits(changes: readonly GradualExitChange[]) {
    return changes.map(({ householdId, programme, until, entry }) => {
      const a = this.held.get(householdId)?.allowances.find((x) => x.programme === programme && x.status === 'active');
      if (!a || a.gradualExitUntil) return false;
      a.gradualExitUntil = until;
      this.entries.push(entry);
      return true;
    });
  }
  async cancelGradualExits(changes: readonly GradualExitChange[]) {
    return changes.map(({ householdId, programme, until, entry }) => {
      const a = this.held.get(householdId)?.allowances.find((x) => x.programme === programme && x.status === 'active');
      if (!a || a.gradualExitUntil !== until) return false;
      delete a.gradualExitUntil;
      this.entries.push(entry);
      return true;
    });
  }
  /** What an answer changes in a household (the warning store writes it with the answer); false where its condition fails. */
  change(householdId: string, change: HouseholdChange): boolean {
    const h = this.held.get(householdId);
    if (!h) return false;
    if (change.kind === 'recategorised') {
      Object.assign(h, { category: change.category, recognisedOn: change.since });
      return true;
    }
    const allowance = h.allowances.find((a) => a.programme === change.programme);
    if (allowance?.status !== 'active') return false;
    if (change.kind === 'allowance-ended') Object.assign(allowance, { status: 'ended', endedOn: change.endedOn });
    else allowance.monthlyAmountFen = change.monthlyAmountFen;
    return true;
  }
  async allowancesIn(district: string, programme: string) {
    return [...this.held.values()]
      .filter((h) => h.district === district)
      .flatMap((h) => h.allowances.filter((a) => a.programme === programme).map((a) => ({ householdId: h.householdId, allowance: structuredClone(a) })));
  }
  async gradualExitsDue(district: string, before: string) {
    return [...this.held.values()]
      .filter((h) => h.district === district)
      .flatMap((h) =>
        h.allowances
          .filter((a) => a.status === 'active' && a.gradualExitUntil && a.gradualExitUntil < before)
          .map((a) => ({ householdId: h.householdId, programme: a.programme, until: a.gradualExitUntil! })),
      );
  }
}

/** Warnings in memory, with the adapter's conditions: a write that would break one is a conflict. */
export class MemoryWarnings implements WarningStore {
  readonly warnings = new Map<string, StoredWarning>();
  /** Each household's open warnings by indicator. */
  readonly open = new Map<string, Map<string, OpenWarning>>();
  constructor(private readonly register: MemoryRegister) {}

  private view(w: StoredWarning): StoredWarning {
    const v = structuredClone(w);
    return { ...v, status: statusWithPushes(v.status, v.pushedTo) };
  }
  async openWarningsOf(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.open.get(id)?.size ? [[id, [...this.open.get(id)!.values()].map((o) => ({ ...o }))] as const] : [])));
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.warnings.has(id) ? [[id, this.view(this.warnings.get(id)!)] as const] : [])));
  }
  async get(id: string) {
    const w = this.warnings.get(id);
    return w ? this.view(w) : undefined;
  }
  async write(writes: readonly WarningWrite[], raisedBy: string) {
    const results: ('done' | 'conflict')[] = writes.map(() => 'done');
    const households = new Map<string, number[]>();
    for (const [i, w] of writes.entries()) {
      if (w.kind === 'raise') households.set(w.warning.householdId, [...(households.get(w.warning.householdId) ?? []), i]);
    }
    for (const [householdId, indexes] of households) {
      const raises = indexes.map((i) => writes[i] as Extract<WarningWrite, { kind: 'raise' }>);
      const open = this.open.get(householdId) ?? new Map<string, OpenWarning>();
      if (raises.some((r) => this.warnings.has(r.warning.warningId) || open.has(r.warning.indicator.id))) {
        for (const i of indexes) results[i] = 'conflict';
        continue;
      }
      for (const { warning: w, entries } of raises) {
        this.warnings.set(w.warningId, { ...structuredClone(w), raisedBy, pushedTo: [], acknowledgedBy: [], outcomes: {}, outcomesPublished: [] });
        open.set(w.indicator.id, {
          warningId: w.warningId,
          indicatorId: w.indicator.id,
          district: w.district,
          recipients: [...w.recipients],
          raisedAt: w.raisedAt,
          dueBy: w.dueBy,
          raisedBy,
        });
        void this.register.appendToChains(entries);
      }
      this.open.set(householdId, open);
    }
    writes.forEach((write, i) => {
      if (write.kind !== 'absorb') return;
      const w = this.warnings.get(write.warningId);
      if (!w || w.status === 'resolved' || w.evidence.some((e) => write.evidence.some((x) => evidenceKey(x) === evidenceKey(e)))) {
        results[i] = 'conflict';
        return;
      }
      w.evidence.push(...structuredClone(write.evidence));
      void this.register.appendToChains(write.entries);
    });
    return results;
  }
  async listByHousehold(id: string) {
    return [...this.warnings.values()].filter((w) => w.householdId === id).map((w) => this.view(w));
  }
  async overdue(district: string, now: string) {
    return [...this.warnings.values()].filter((w) => w.district === district && w.status !== 'resolved' && w.dueBy < now).map((w) => this.view(w));
  }
  async pushedAlready(pairs: readonly { warningId: string; recipient: string }[]) {
    return new Set(pairs.filter((p) => this.warnings.get(p.warningId)?.pushedTo.includes(p.recipient)).map((p) => `${p.warningId}|${p.recipient}`));
  }
  async recordPushes(pushes: readonly WarningPush[], entries: readonly ChainEntry[]) {
    for (const p of pushes) {
      const w = this.warnings.get(p.warningId);
      if (w) w.pushedTo = [...new Set([...w.pushedTo, p.recipient])].sort();
    }
    await this.register.appendToChains(entries);
  }
  async markOutcomePublished(id: string, recipient: string) {
    this.warnings.get(id)!.outcomesPublished.push(recipient);
  }
  readonly publishedGroups = new Set<string>();
  async groupPublished(raisedBy: string) {
    return this.publishedGroups.has(raisedBy);
  }
  async markGroupPublished(raisedBy: string) {
    this.publishedGroups.add(raisedBy);
  }
  async addRecipients(id: string, recipients: readonly string[]) {
    const w = this.warnings.get(id)!;
    w.recipients = [...new Set([...w.recipients, ...recipients])] as typeof w.recipients;
    w.status = 'pushed';
  }
  async acknowledge(id: string, recipient: string, entry: ChainEntry) {
    const w = this.warnings.get(id)!;
    if (w.acknowledgedBy.includes(recipient)) return;
    w.acknowledgedBy.push(recipient);
    if (w.status !== 'resolved') w.status = 'acknowledged';
    this.register.entries.push(entry);
  }
  async answer({ warning: stored, outcome, status, household, entries }: WarningAnswer) {
    const w = this.warnings.get(stored.warningId)!;
    if (w.outcomes[outcome.department]) return 'conflict' as const;
    if (household && !this.register.change(stored.householdId, household)) return 'conflict' as const;
    w.outcomes[outcome.department] = outcome;
    w.status = status;
    if (status === 'resolved' && this.open.get(w.householdId)?.get(w.indicator.id)?.warningId === w.warningId)
      this.open.get(w.householdId)!.delete(w.indicator.id);
    this.register.entries.push(...entries);
    return 'answered' as const;
  }
}

export class MemoryQueues implements WorkQueues {
  readonly sent: WorkItemMessage[] = [];
  failNext = 0;
  async send(messages: readonly WorkItemMessage[]) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('SendMessageBatch: 1 of 1 entries still failing after retries');
    }
    this.sent.push(...messages);
  }
}

import type { FactKey, PersonFact } from '../shared/domain/person-fact';
import type { PersonFacts } from '../shared/ports/person-facts';

/** Who the platform holds something under: the members of a register and the facts kept. */
export class MemoryKnownPeople implements KnownPeople {
  constructor(
    private readonly register: MemoryRegister = new MemoryRegister(),
    private readonly facts: MemoryFacts = new MemoryFacts(),
  ) {}
  async knownAmong(refs: readonly string[], retained: readonly { recordType: string; slot: string }[]) {
    const members = await this.register.membershipsOf(refs);
    const kept = await this.facts.factsAt(refs.flatMap((personRef) => retained.map((r) => ({ personRef, ...r }))));
    return new Set([...members.keys(), ...kept.keys()]);
  }
}

export class MemoryFacts implements PersonFacts {
  readonly facts: PersonFact[] = [];
  async factsAt(keys: readonly FactKey[]) {
    const out = new Map<string, PersonFact[]>();
    for (const f of this.facts)
      if (keys.some((k) => k.personRef === f.personRef && k.recordType === f.recordType && k.slot === f.slot))
        out.set(f.personRef, [...(out.get(f.personRef) ?? []), f]);
    return out;
  }
  async dossierOf(ref: string) {
    return this.facts.filter((f) => f.personRef === ref);
  }
  async record(facts: readonly PersonFact[]) {
    for (const f of facts) {
      const i = this.facts.findIndex((x) => x.personRef === f.personRef && x.recordType === f.recordType && x.slot === f.slot);
      if (i >= 0) this.facts[i] = f;
      else this.facts.push(f);
    }
  }
}

export class MemoryPolicyStore implements PolicyStore {
  version = 0;
  readonly rows = new Map<string, PolicyParameter>();
  readonly entries: PolicyChangeEntry[] = [];
  async load() {
    return { version: this.version, rows: [...this.rows.values()] };
  }
  async commit(expectedVersion: number, entry: PolicyChangeEntry) {
    if (this.version !== expectedVersion) return false;
    for (const d of entry.diffs) if (d.new) this.rows.set(rowKey(d.new), d.new);
    this.entries.push(entry);
    this.version = entry.version;
    return true;
  }
  async changes() {
    return [...this.entries];
  }
}

export class MemoryAssessments implements AssessmentStore {
  readonly items = new Map<string, Assessment>();
  readonly shards = ASSESSMENT_SHARDS;
  /** Pages read, in order: what a test of paging looks at. */
  readonly reads: { shard: number; after?: string; limit: number }[] = [];
  async save(assessments: readonly Assessment[]) {
    return assessments.map((a) => {
      const kept = this.items.get(a.householdId);
      if (kept && kept.investigation.investigatedOn > a.investigation.investigatedOn) return false;
      this.items.set(a.householdId, a);
      return true;
    });
  }
  async all() {
    return [...this.items.values()];
  }
  /** As DynamoDB pages a Query: by sort key (household id), and a last key whenever the page is full. */
  async page(shard: number, after: string | undefined, limit: number) {
    this.reads.push({ shard, limit, ...(after ? { after } : {}) });
    const pk = assessmentEntity.shard(shard);
    const inShard = [...this.items.values()]
      .filter((a) => assessmentEntity.key(a.householdId).PK === pk && (!after || a.householdId > after))
      .sort((a, b) => (a.householdId < b.householdId ? -1 : 1));
    const households = inShard.slice(0, limit).map(({ householdId, district, investigation }) => structuredClone({ householdId, district, investigation }));
    return { households, ...(households.length === limit ? { after: households.at(-1)!.householdId } : {}) };
  }
}

export class MemoryWhatIfJobs implements WhatIfJobStore {
  readonly jobs = new Map<string, WhatIfJob>();
  async create(job: WhatIfJob, now: Date) {
    const held = await this.get(job.jobId, now);
    if (held) return { created: false as const, job: held };
    this.jobs.set(job.jobId, structuredClone(job));
    return { created: true as const };
  }
  async get(jobId: string, now: Date) {
    const job = this.jobs.get(jobId);
    return job && !isExpired(job, now) ? structuredClone(job) : undefined;
  }
  async checkpoint(job: WhatIfJob, expectedStep: number) {
    if (this.jobs.get(job.jobId)?.step !== expectedStep) return false;
    this.jobs.set(job.jobId, structuredClone(job));
    return true;
  }
}

export class MemoryEmergencyCases implements EmergencyCases {
  readonly cases = new Map<string, EmergencyCase>();
  async open(cases: readonly EmergencyCase[]) {
    return cases.map((c) => {
      if (this.cases.has(c.caseId)) return 'exists' as const;
      this.cases.set(c.caseId, structuredClone(c));
      return 'opened' as const;
    });
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.cases.has(id) ? [[id, structuredClone(this.cases.get(id)!)] as const] : [])));
  }
  /** For tests: one case as held. */
  async get(id: string) {
    return this.cases.get(id);
  }
  async close(closes: readonly { caseId: string; status: 'confirmed' | 'refused'; on: string }[]) {
    return closes.map(({ caseId, status, on }) => {
      const c = this.cases.get(caseId);
      if (!c || !mayTake('close', c.status)) return false;
      Object.assign(c, { status, closedOn: on });
      return true;
    });
  }
  async overdue(district: string, before: string) {
    return [...this.cases.values()].filter((c) => c.district === district && c.status === 'awaiting-documents' && `${c.documentsDueBy}#${c.caseId}` < before);
  }
  async flag(flags: readonly { caseId: string; reason: string }[]) {
    return flags.map(({ caseId, reason }) => {
      const c = this.cases.get(caseId);
      if (!c || !mayTake('flag', c.status)) return false;
      c.status = 'flagged';
      c.flags.push(reason);
      return true;
    });
  }
}

export class MemoryDisclosure implements DisclosureStore {
  readonly lines = new Map<string, DisclosureLine>();
  /** Withdrawn lines, kept (as in the table) with who withdrew them. */
  readonly withdrawn = new Map<string, string>();
  async put(lines: readonly DisclosureLine[]) {
    for (const l of lines) {
      const k = `${l.month}#${l.district}#${l.kind}#${l.sourceId}`;
      // As the table: a withdrawn line stays withdrawn.
      if (!this.withdrawn.has(k)) this.lines.set(k, l);
    }
  }
  async month(month: string, district?: string) {
    return [...this.lines.entries()]
      .filter(([k, l]) => l.month === month && (!district || l.district === district) && !this.withdrawn.has(k))
      .map(([, l]) => l);
  }
  async withdraw(l: Pick<DisclosureLine, 'month' | 'district' | 'kind' | 'sourceId'>, by: { correctionId: string }) {
    const k = `${l.month}#${l.district}#${l.kind}#${l.sourceId}`;
    if (!this.lines.has(k)) return false;
    if (!this.withdrawn.has(k)) this.withdrawn.set(k, by.correctionId);
    return true;
  }
}

export class MemoryAuditTrail implements AuditTrail {
  /** By entry id: appending the same drafts again changes nothing, as in the table. */
  readonly byId = new Map<string, AuditEntry>();
  get entries(): AuditEntry[] {
    return [...this.byId.values()].sort((a, b) => (logKey(a) < logKey(b) ? -1 : 1));
  }
  async append(drafts: readonly AuditDraft[]) {
    const entries = auditEntries(drafts);
    for (const e of entries) this.byId.set(e.entryId, e);
    return entries;
  }
  async day(date: string) {
    return this.entries.filter((e) => e.at.slice(0, 10) === date);
  }
  async between(date: string, from: string, to: string, limit: number) {
    return (await this.day(date)).filter((e) => logKey(e) >= from && logKey(e) < to).slice(0, limit);
  }
}

export class MemoryAuditTreeHeads implements AuditTreeHeads {
  readonly heads: { head: SignedTreeHead; leaves: SealedLeaf[] }[] = [];
  async latest() {
    return this.heads.at(-1)?.head;
  }
  async ofDay(day: string) {
    return this.heads.filter((h) => h.head.day === day);
  }
  async around(day: string) {
    const previous = this.heads.filter((h) => h.head.day < day).at(-1)?.head;
    const next = this.heads.find((h) => h.head.day > day)?.head;
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
  }
  async put(head: SignedTreeHead, leaves: readonly SealedLeaf[]) {
    if (this.heads.some((h) => h.head.number === head.number)) return false;
    this.heads.push({ head, leaves: [...leaves] });
    return true;
  }
}

/** Payment files in memory, keyed as the adapter keys them: a line by its file, household and line id. */
export class MemoryPaymentFiles implements PaymentFiles {
  readonly lines = new Map<string, PaymentLine>();
  readonly closes = new Map<string, PaymentFileClose>();

  async addLines(lines: readonly FiledLine[]) {
    for (const { line, lineId } of lines) this.lines.set(`${fileIdOf(line)}#${line.householdId}#${lineId}`, structuredClone(line));
  }
  async close(closes: readonly PaymentFileClose[]) {
    for (const c of closes) this.closes.set(fileIdOf(c), structuredClone(c));
  }
  async closesOf(files: readonly PaymentFileId[]) {
    return new Map(files.flatMap((f) => (this.closes.has(fileIdOf(f)) ? [[fileIdOf(f), structuredClone(this.closes.get(fileIdOf(f))!)] as const] : [])));
  }
  async linesOf(file: PaymentFileId) {
    return [...this.lines.values()].filter((l) => fileIdOf(l) === fileIdOf(file)).map((l) => structuredClone(l));
  }
  async linesOfPayees(payees: readonly { personRef: string; month: string }[]) {
    const wanted = new Set(payees.map((p) => `${p.personRef}#${p.month}`));
    return [...this.lines.values()].filter((l) => wanted.has(`${l.personRef}#${l.month}`)).map((l) => structuredClone(l));
  }
}

/** Counts each event once by its key, as the DynamoDB store does; `failNext` is a crash before the count. */
export class MemoryStatistics implements StatisticsStore {
  readonly counted = new Set<string>();
  readonly months = new Map<string, Map<string, Record<string, number>>>();
  failNext = false;
  async count(events: readonly CountedEvent[]) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the function stopped before counting');
    }
    const now: string[] = [];
    for (const e of events) {
      if (this.counted.has(e.eventKey)) continue;
      this.counted.add(e.eventKey);
      now.push(e.eventKey);
      const month = this.months.get(e.month) ?? new Map<string, Record<string, number>>();
      this.months.set(e.month, month);
      for (const i of e.increments) {
        const values = month.get(i.dimension) ?? {};
        for (const [k, v] of Object.entries(i.add)) values[k] = (values[k] ?? 0) + v;
        month.set(i.dimension, values);
      }
    }
    return now;
  }
  async month(m: string) {
    return [...(this.months.get(m) ?? new Map<string, Record<string, number>>()).entries()].map(([dimension, values]) => ({ dimension, values }));
  }
  of(month: string, dimension: string) {
    return this.months.get(month)?.get(dimension);
  }
}
