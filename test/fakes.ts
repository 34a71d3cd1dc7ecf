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
import type { AllowanceChange, RecordedOutcome, StoredWarning, WarningStore } from '../shared/ports/warning-store';
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
    this.households.set(h.householdId, structuredClone(h));
    this.entries.push(e);
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
  async resolve(id: string, outcome: RecordedOutcome, status: 'acknowledged' | 'resolved', change: AllowanceChange | undefined, entries: readonly ChainEntry[]) {
    const w = this.warnings.get(id)!;
    if (w.outcomes[outcome.department]) return 'conflict' as const;
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
