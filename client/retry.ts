import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Backoff for answers worth sending again (throttled, 5xx, a batch still in progress, no answer
 * at all): exponential with full jitter, as the AWS SDKs do, so departments retrying together
 * do not come back together. Every request the client retries is idempotent on the platform.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

/** The wait before attempt `attempt + 1` (attempt counts from 1); a Retry-After the platform gave wins when longer. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)
    ? Math.max(jittered, Math.min(retryAfterSeconds * 1000, policy.maxDelayMs))
    : jittered;
}

export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  retryable: (error: unknown) => { retry: boolean; retryAfterSeconds?: number },
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      const verdict = retryable(error);
      if (!verdict.retry || n >= policy.attempts) throw error;
      await sleep(backoffMs(policy, n, verdict.retryAfterSeconds));
    }
  }
}
