import type { AuditTrail, AuditTreeHeads } from '../shared/ports/audit-trail';
import { auditEntries, logKey, type AuditDraft, type AuditEntry, type SealedLeaf, type SignedTreeHead } from '../shared/domain/supervision/audit';
import { restateAllowances } from '../shared/application/restated-roll';
import type { DisclosureLine, DisclosureStore } from '../shared/ports/disclosure';
import type { EmergencyCase, EmergencyCases } from '../shared/ports/emergency-cases';
import type { PolicyParameter } from '../shared/domain/policy/policy-book';
import type { PolicyChangeEntry, PolicyStore } from '../shared/ports/policy-store';
import type { Assessment, AssessmentStore } from '../shared/ports/assessment-store';
import { rowKey } from '../shared/domain/policy/policy-change';
import type { EventPublisher, PlatformEvent } from '../shared/ports/event-publisher';
import type { StoredRecord, SubmissionHeader, SubmissionStore } from '../shared/ports/submission-store';

/** In-memory ports for use-case tests: they behave like the adapters, minus the network. */
export class MemorySubmissionStore implements SubmissionStore {
  readonly headers = new Map<string, SubmissionHeader>();
  readonly stored = new Map<string, StoredRecord[]>();

  async get(id: string) {
    const h = this.headers.get(id);
    return h ? { ...h } : undefined;
  }
  async save(header: SubmissionHeader, records: readonly StoredRecord[]) {
    this.stored.set(header.submissionId, [...records]);
    if (this.headers.has(header.submissionId)) return 'exists' as const;
    this.headers.set(header.submissionId, { ...header });
    return 'saved' as const;
  }
  async records(id: string) {
    return this.stored.get(id) ?? [];
  }
  async markPublished(id: string, at: string) {
    this.headers.get(id)!.publishedAt = at;
  }
}

export class MemoryPublisher implements EventPublisher {
  readonly published: PlatformEvent[] = [];
  failNext = 0;
  async publish(events: readonly PlatformEvent[]) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('PutEvents: 3 of 3 entries still failing after retries (ThrottlingException)');
    }
    this.published.push(...events);
  }
}

export const fixedKey = { key: async () => Buffer.alloc(32, 9) };

import type { ChainEntry } from '../shared/domain/assistance-chain';
import type { Membership } from '../shared/domain/membership';
import type { Warning, WarningEvidence } from '../shared/domain/warning';
import type { Household, HouseholdRegister } from '../shared/ports/household-register';
import type { AllowanceChange, CategoryChange, RecordedOutcome, StoredWarning, WarningStore } from '../shared/ports/warning-store';
import type { WorkItemMessage, WorkQueues } from '../shared/ports/work-queues';

export class MemoryRegister implements HouseholdRegister {
  readonly households = new Map<string, Household>();
  readonly entries: ChainEntry[] = [];
  readonly deceased = new Map<string, string>();

  async membershipsOf(refs: readonly string[]) {
    const out = new Map<string, Membership>();
    for (const h of this.households.values()) {
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
          household: { memberCount: h.members.length, ...(h.area ? { area: h.area } : {}), ...(h.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: h.monthlyIncomeFen } : {}) },
        });
      }
    }
    return out;
  }
  async putOnRoll(h: Household, e: ChainEntry) {
    const before = this.households.get(h.householdId);
    if (before && before.updatedAt >= h.updatedAt) return structuredClone(before); // a late, older entry changes nothing
    const held = { ...structuredClone(h), allowances: restateAllowances(h.allowances, before?.allowances ?? []) };
    this.households.set(h.householdId, held);
    this.entries.push(e);
    return structuredClone(held);
  }
  async household(id: string) {
    return this.households.get(id);
  }
  async appendToChains(entries: readonly ChainEntry[]) {
    for (const e of entries) if (!this.entries.some((x) => x.householdId === e.householdId && x.entryId === e.entryId && x.at === e.at)) this.entries.push(e);
  }
  async chain(id: string) {
    return this.entries.filter((e) => e.householdId === id).sort((a, b) => a.at.localeCompare(b.at));
  }
  async endAllowance(id: string, programme: string, endedOn: string, e: ChainEntry) {
    const a = this.households.get(id)?.allowances.find((x) => x.programme === programme && x.status === 'active');
    if (!a) return false;
    Object.assign(a, { status: 'ended', endedOn });
    this.entries.push(e);
    return true;
  }
  async scheduleGradualExit(id: string, _district: string, programme: string, until: string, e: ChainEntry) {
    const a = this.households.get(id)?.allowances.find((x) => x.programme === programme && x.status === 'active');
    if (!a || a.gradualExitUntil) return false;
    a.gradualExitUntil = until;
    this.entries.push(e);
    return true;
  }
  async cancelGradualExit(id: string, programme: string, until: string, e: ChainEntry) {
    const a = this.households.get(id)?.allowances.find((x) => x.programme === programme && x.status === 'active');
    if (!a || a.gradualExitUntil !== until) return false;
    delete a.gradualExitUntil;
    this.entries.push(e);
    return true;
  }
  async gradualExitsDue(district: string, before: string) {
    return [...this.households.values()]
      .filter((h) => h.district === district)
      .flatMap((h) => h.allowances.filter((a) => a.status === 'active' && a.gradualExitUntil && a.gradualExitUntil < before).map((a) => ({ householdId: h.householdId, programme: a.programme, until: a.gradualExitUntil! })));
  }
}

export class MemoryWarnings implements WarningStore {
  readonly warnings = new Map<string, StoredWarning>();
  constructor(private readonly register: MemoryRegister) {}

  async raise(w: Warning, entries: readonly ChainEntry[]) {
    if (this.warnings.has(w.warningId)) return 'exists' as const;
    this.warnings.set(w.warningId, { ...structuredClone(w), pushedTo: [], acknowledgedBy: [], outcomes: {}, outcomesPublished: [] });
    this.register.entries.push(...entries);
    return 'raised' as const;
  }
  async absorb(id: string, evidence: readonly WarningEvidence[], entries: readonly ChainEntry[]) {
    const w = this.warnings.get(id)!;
    if (w.status === 'resolved') return 'closed' as const;
    if (w.evidence.some((e) => e.recordId === evidence[0]!.recordId && e.subject === evidence[0]!.subject)) return 'duplicate' as const;
    w.evidence.push(...evidence);
    this.register.entries.push(...entries);
    return 'absorbed' as const;
  }
  async get(id: string) {
    const w = this.warnings.get(id);
    return w ? structuredClone(w) : undefined;
  }
  async listByHousehold(id: string) {
    return [...this.warnings.values()].filter((w) => w.householdId === id);
  }
  async overdue(district: string, now: string) {
    return [...this.warnings.values()].filter((w) => w.district === district && w.status !== 'resolved' && w.dueBy < now);
  }
  async markPublished(id: string, at: string) {
    this.warnings.get(id)!.publishedAt = at;
  }
  async markOutcomePublished(id: string, recipient: string) {
    this.warnings.get(id)!.outcomesPublished.push(recipient);
  }
  async markPushed(id: string, recipients: readonly string[], entries: readonly ChainEntry[]) {
    const w = this.warnings.get(id)!;
    w.pushedTo = [...new Set([...w.pushedTo, ...recipients])].sort();
    if (w.status === 'raised') w.status = 'pushed';
    this.register.entries.push(...entries);
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
  async resolve(id: string, outcome: RecordedOutcome, status: 'acknowledged' | 'resolved', change: AllowanceChange | undefined, entries: readonly ChainEntry[], category?: CategoryChange) {
    const w = this.warnings.get(id)!;
    if (w.outcomes[outcome.department]) return 'conflict' as const;
    if (category) {
      const h = this.register.households.get(category.householdId);
      if (!h) return 'conflict' as const;
      Object.assign(h, { category: category.category, recognisedOn: category.since });
    }
    if (change) {
      const allowance = this.register.households.get(change.householdId)?.allowances.find((a) => a.programme === change.programme);
      if (!allowance || allowance.status !== 'active') return 'conflict' as const;
      if ('status' in change.change) Object.assign(allowance, { status: 'ended', endedOn: change.change.endedOn });
      else allowance.monthlyAmountFen = change.change.monthlyAmountFen;
    }
    w.outcomes[outcome.department] = outcome;
    w.status = status;
    this.register.entries.push(...entries);
    return 'resolved' as const;
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

import type { PersonFact, PersonFacts } from '../shared/ports/person-facts';

export class MemoryFacts implements PersonFacts {
  readonly facts: PersonFact[] = [];
  async factsOf(refs: readonly string[]) {
    return new Map(refs.map((r) => [r, this.facts.filter((f) => f.personRef === r)]));
  }
  async record(facts: readonly PersonFact[]) {
    for (const f of facts) {
      const i = this.facts.findIndex((x) => x.personRef === f.personRef && x.recordId === f.recordId);
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
  async save(a: Assessment) {
    const kept = this.items.get(a.householdId);
    if (kept && kept.investigation.investigatedOn > a.investigation.investigatedOn) return false;
    this.items.set(a.householdId, a);
    return true;
  }
  async all() {
    return [...this.items.values()];
  }
}

export class MemoryEmergencyCases implements EmergencyCases {
  readonly cases = new Map<string, EmergencyCase>();
  async open(c: EmergencyCase) {
    if (this.cases.has(c.caseId)) return 'exists' as const;
    this.cases.set(c.caseId, structuredClone(c));
    return 'opened' as const;
  }
  async get(id: string) {
    return this.cases.get(id);
  }
  async close(id: string, status: 'confirmed' | 'refused', on: string) {
    const c = this.cases.get(id);
    if (!c || !['awaiting-documents', 'flagged'].includes(c.status)) return false;
    Object.assign(c, { status, closedOn: on });
    return true;
  }
  async overdue(district: string, before: string) {
    return [...this.cases.values()].filter((c) => c.district === district && c.status === 'awaiting-documents' && `${c.documentsDueBy}#${c.caseId}` < before);
  }
  async flag(id: string, reason: string) {
    const c = this.cases.get(id);
    if (!c || c.status !== 'awaiting-documents') return false;
    c.status = 'flagged';
    c.flags.push(reason);
    return true;
  }
}

export class MemoryDisclosure implements DisclosureStore {
  readonly lines = new Map<string, DisclosureLine>();
  async put(lines: readonly DisclosureLine[]) {
    for (const l of lines) this.lines.set(`${l.month}#${l.district}#${l.kind}#${l.sourceId}`, l);
  }
  async month(month: string, district?: string) {
    return [...this.lines.values()].filter((l) => l.month === month && (!district || l.district === district));
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
