import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvocationTimeoutError, LocalLambdas } from '../../infra/local/lambda-runtime';
import type { FunctionId } from '../../shared/platform/api';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { HttpFront } from '../../infra/local/http-front';
import { DepartmentClient } from '../../infra/local/department-client';

/**
 * The local platform's Lambda runtime with a bundle of the test's own: invocations in worker
 * threads, at most `concurrency` at once per function, one stopped for good when it overruns its
 * timeout, and each function with only the environment it was given.
 */
let dir: string;
let lambdas: LocalLambdas;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lim-runtime-'));
  writeFileSync(
    join(dir, 'probe.mjs'),
    `import { writeFileSync } from 'node:fs';
     export const handler = async (event, context) => {
       const startedAt = Date.now();
       await new Promise((r) => setTimeout(r, event.ms));
       if (event.marker) writeFileSync(event.marker, 'ran to the end');
       if (event.fail) throw Object.assign(new Error('refused: ' + event.fail), { name: 'ProbeError' });
       return { startedAt, endedAt: Date.now(), table: process.env.TABLE_NAME ?? null, bus: process.env.EVENT_BUS_NAME ?? null, remaining: context.getRemainingTimeInMillis() };
     };`,
  );
  const probe = join(dir, 'probe.mjs');
  lambdas = new LocalLambdas({
    region: 'cn-north-1',
    bundles: { statistics: probe, 'audit-seal': probe } as Record<FunctionId, string>,
    environment: (id) => ({ TABLE_NAME: `${id}-table` }),
    definitions: { statistics: { timeoutSeconds: 5, memoryMb: 128, concurrency: 2 }, 'audit-seal': { timeoutSeconds: 1, memoryMb: 128, concurrency: 1 } },
  });
});
afterAll(async () => {
  await lambdas?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local Lambda runtime', () => {
  it('runs at most the function’s concurrency at once, and queues the rest', async () => {
    const runs = (await Promise.all(Array.from({ length: 6 }, () => lambdas.invoke('statistics', { ms: 150 })))) as { startedAt: number; endedAt: number }[];
    // The most invocations running at one instant: at every start, those started and not yet ended.
    const atOnce = Math.max(...runs.map((r) => runs.filter((o) => o.startedAt <= r.startedAt && r.startedAt < o.endedAt).length));
    expect(atOnce).toBe(2);
    expect(lambdas.coldStarts.filter((c) => c.id === 'statistics')).toHaveLength(2);
  });

  it('gives a function only its own environment, and its remaining time', async () => {
    const r = (await lambdas.invoke('statistics', { ms: 1 })) as { table: string; bus: string | null; remaining: number };
    expect(r).toMatchObject({ table: 'statistics-table', bus: null });
    expect(r.remaining).toBeGreaterThan(4_000);
    expect(r.remaining).toBeLessThanOrEqual(5_000);
  });

  it('stops an invocation that overruns its timeout where it is, and starts the next one fresh', async () => {
    const marker = join(dir, 'overran');
    const t0 = Date.now();
    await expect(lambdas.invoke('audit-seal', { ms: 2_500, marker })).rejects.toBeInstanceOf(InvocationTimeoutError);
    expect(Date.now() - t0).toBeLessThan(2_000);
    await sleep(2_000);
    expect(existsSync(marker)).toBe(false); // terminated: it never reached the end
    await expect(lambdas.invoke('audit-seal', { ms: 5 })).resolves.toMatchObject({ table: 'audit-seal-table' });
    expect(lambdas.coldStarts.filter((c) => c.id === 'audit-seal')).toHaveLength(2);
  });

  it('passes a handler’s error back with its name and message', async () => {
    await expect(lambdas.invoke('statistics', { ms: 1, fail: 'contract' })).rejects.toMatchObject({ name: 'ProbeError', message: 'refused: contract' });
  });
});

describe('the local API front over that runtime', () => {
  it('answers 504 for a function stopped at its timeout and 502 for one that failed, as API Gateway does', async () => {
    const credential = { accessKeyId: 'AKIDLOCALHEALTH0001', secretAccessKey: 'local-secret-health-0001', principal: 'health' as const };
    const front = new HttpFront({
      region: 'cn-north-1',
      principalPrefix: 'lim-local',
      credentials: new Map([[credential.accessKeyId, credential]]),
      // Every route runs the probe: too long for audit-seal's one second, or failing outright.
      invoke: (_, event) => lambdas.invoke('audit-seal', JSON.parse(event.body ?? '{}')) as Promise<APIGatewayProxyResult>,
    });
    const url = await front.start(0);
    try {
      const client = new DepartmentClient('health', { url, region: 'cn-north-1', sqsEndpoint: url, queueUrl: `${url}/q`, credential });
      const slow = await client.call('POST', '/departments/health/submissions', { ms: 2_500 });
      expect([slow.status, slow.body, slow.headers?.['x-amzn-errortype']]).toEqual([504, { message: 'Endpoint request timed out' }, 'IntegrationTimeout']);
      const failed = await client.call('POST', '/departments/health/submissions', { ms: 1, fail: 'probe' });
      expect([failed.status, failed.body]).toEqual([502, { message: 'Internal server error' }]);
      client.close();
    } finally {
      await front.stop();
    }
  });
});
