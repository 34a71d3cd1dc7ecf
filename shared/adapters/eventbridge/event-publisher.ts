import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, PlatformEvent } from '../../ports/event-publisher';
import { chunkBySize, mapLimit, withPartialRetry } from '../partial-retry';

/** PutEvents takes at most 10 entries and 256 KB a call. */
const ENTRIES_PER_CALL = 10;
const BYTES_PER_CALL = 256 * 1024;

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: readonly PlatformEvent[]): Promise<void> {
    const entries: PutEventsRequestEntry[] = events.map((e) => ({
      EventBusName: this.busName,
      Source: e.source,
      DetailType: e.detailType,
      Detail: JSON.stringify(e.detail),
    }));
    await mapLimit(batchesOf(entries), 4, (batch) =>
      withPartialRetry('PutEvents', batch, async (pending) => {
        const out = await this.client.send(new PutEventsCommand({ Entries: [...pending] }));
        if (!out.FailedEntryCount) return { failed: [] };
        // Result entries are in request order; a failed one carries an ErrorCode.
        const failed = pending.filter((_, i) => out.Entries?.[i]?.ErrorCode);
        return { failed, reasons: (out.Entries ?? []).flatMap((r) => (r.ErrorCode ? [`${r.ErrorCode}`] : [])) };
      }),
    );
  }
}

/** Splits entries into calls within both the count and the size limit. */
function batchesOf(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const bytes = (e: PutEventsRequestEntry) => Buffer.byteLength(e.Detail ?? '') + Buffer.byteLength(e.DetailType ?? '') + Buffer.byteLength(e.Source ?? '');
  return chunkBySize(entries, bytes, BYTES_PER_CALL, ENTRIES_PER_CALL);
}
