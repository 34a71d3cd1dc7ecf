import { BroadcastChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';

const CHANNEL = `lim-policy-test-${process.pid}`;
vi.mock('../../shared/config', () => ({ config: () => ({ LIM_POLICY_CHANNEL: CHANNEL, POLICY_CACHE_SECONDS: 60 }) }));
vi.mock('../../shared/wiring/table', () => ({ policyStore: () => ({}) }));

describe('a policy change on the local platform reaches every function', () => {
  it('is broadcast even by a container whose first work is the change (it had not read the book, so had no channel)', async () => {
    const { policyChanged } = await import('../../shared/wiring/policy');
    const listener = new BroadcastChannel(CHANNEL);
    try {
      const heard = new Promise((resolve) => {
        listener.onmessage = (event) => resolve((event as MessageEvent).data);
      });
      policyChanged();
      await expect(heard).resolves.toBe('changed');
    } finally {
      listener.close();
    }
  }, 5_000);
});
