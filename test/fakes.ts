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
