import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Batch APIs (BatchWriteItem, BatchGetItem, PutEvents, SendMessageBatch) succeed partially.
 * This retries only what failed, with exponential backoff and full jitter, and reports what is
 * still failing after the last attempt instead of dropping it.
 */
export interface PartialRetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class PartialFailureError extends Error {
  constructor(
    readonly operation: string,
    readonly failed: number,
    readonly total: number,
    readonly reasons: string[],
  ) {
    super(`${operation}: ${failed} of ${total} entries still failing after retries (${[...new Set(reasons)].slice(0, 3).join('; ')})`);
    this.name = 'PartialFailureError';
  }
}

export async function withPartialRetry<T>(
  operation: string,
  items: readonly T[],
  attempt: (items: readonly T[]) => Promise<{ failed: T[]; reasons?: string[] }>,
  { attempts = 6, baseDelayMs = 50, maxDelayMs = 2_000 }: PartialRetryOptions = {},
): Promise<void> {
  let pending: readonly T[] = items;
  let reasons: string[] = [];
  for (let n = 0; n < attempts && pending.length > 0; n += 1) {
    if (n > 0) await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** n));
    const result = await attempt(pending);
    pending = result.failed;
    reasons = result.reasons ?? [];
  }
  if (pending.length > 0) throw new PartialFailureError(operation, pending.length, items.length, reasons);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Items in order, cut where the next would take a part past `maxBytes` (or `maxItems`); an item alone may not exceed it. */
export function chunkBySize<T>(items: readonly T[], bytesOf: (item: T) => number, maxBytes: number, maxItems = Number.POSITIVE_INFINITY): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = bytesOf(item);
    if (bytes > maxBytes) throw new Error(`an item of ${bytes} bytes exceeds the ${maxBytes}-byte limit`);
    if (current.length && (size + bytes > maxBytes || current.length >= maxItems)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length) out.push(current);
  return out;
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
