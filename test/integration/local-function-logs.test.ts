import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionBundles } from '../../infra/local/bundles';
import { LocalLambdas } from '../../infra/local/lambda-runtime';
import type { FunctionId } from '../../shared/platform/api';
import { captureOutput } from '../output';

/**
 * What the functions themselves print on the local runtime, from the bundles Lambda runs: two
 * functions called at once, each several times, with a body that is not JSON (a 400 that counts
 * nothing). Their worker threads' output reaches this process's stdout and stderr.
 */
const REGION = 'cn-north-1';
/** The two functions called, and the route each is called on. */
const ROUTES = {
  'submission-intake': { resource: '/departments/{department}/submissions', path: '/departments/health/submissions', pathParameters: { department: 'health' } },
  'household-query': { resource: '/persons/query', path: '/persons/query', pathParameters: {} },
} satisfies Partial<Record<FunctionId, unknown>>;
const CALLED = Object.keys(ROUTES) as (keyof typeof ROUTES)[];
const CALLS_EACH = 3;

let lambdas: LocalLambdas;
let output: ReturnType<typeof captureOutput>;

/** A department's POST whose body was cut off, as API Gateway hands it on: refused with a 400. */
function cutOffPost(id: keyof typeof ROUTES) {
  return {
    ...ROUTES[id],
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    queryStringParameters: null,
    body: '{"batchId":"health-2026-11-03","records":[',
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), identity: { userArn: 'arn:aws-cn:sts::000000000000:assumed-role/lim-local-health/officer-0417' } },
  };
}

const logLines = () => output.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  const bundles = await functionBundles();
  output = captureOutput();
  lambdas = new LocalLambdas({
    region: REGION,
    bundles,
    // Powertools' settings as the local platform sets them (infra/local/platform.ts); a refused
    // call reaches no service, so the rest of the environment is the table name config requires.
    environment: (id) => ({
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIDLOCALLOGSTEST001',
      AWS_SECRET_ACCESS_KEY: 'local-logs-test-secret',
      TABLE_NAME: 'lim-local-households',
      POWERTOOLS_SERVICE_NAME: id,
      POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    }),
  });
  const answers = await Promise.all(CALLED.flatMap((id) => Array.from({ length: CALLS_EACH }, () => lambdas.invoke(id, cutOffPost(id)))));
  expect(answers.map((a) => (a as { statusCode: number }).statusCode)).toEqual(answers.map(() => 400));
  // Each refusal is logged last (the error middleware is the outermost); wait for all of them to arrive.
  for (let waited = 0; logLines().filter((l) => l.message === 'request rejected').length < CALLED.length * CALLS_EACH && waited < 5_000; waited += 50)
    await sleep(50);
}, 120_000);

afterAll(async () => {
  output?.stop();
  await lambdas?.stop();
});

describe('the functions’ own logs on the local runtime', () => {
  it('name, in every line, the function that wrote it', () => {
    const logs = logLines().filter((l) => typeof l.function_name === 'string');
    expect(logs.filter((l) => l.message === 'request rejected')).toHaveLength(CALLED.length * CALLS_EACH);
    for (const l of logs)
      expect({ service: l.service, message: l.message }).toEqual({ service: (l.function_name as string).replace(/^local-/, ''), message: l.message });
    expect(new Set(logs.map((l) => l.service))).toEqual(new Set(CALLED));
  });

  it('print no warning after a call that records no metric', () => {
    expect(output.lines.filter((l) => l.includes('No application metrics'))).toEqual([]);
    expect(logLines().filter((l) => l.level === 'WARN')).toEqual([]);
  });
});
