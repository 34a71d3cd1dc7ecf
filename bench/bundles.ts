import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, stop as stopEsbuild } from 'esbuild';
import { esbuildOptions, REPO_ROOT } from '../infra/bundling';
import type { FunctionId } from '../shared/platform/api';
import { ENV } from '../shared/config';
import { environmentOf, FUNCTIONS, type FunctionDefinition } from '../shared/platform/functions';

/**
 * Each function bundled exactly as the CDK construct and the local platform bundle it
 * (infra/bundling.ts), its size without the source map, and its module init time: the import of
 * the bundle in a fresh Node process with the environment the function has on Lambda, several
 * times, the median kept.
 */

/** The environment of the deployed function: its declared needs (environmentOf) and Lambda's own. */
function lambdaEnvironment(d: FunctionDefinition): Record<string, string> {
  const region = 'cn-north-1';
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'ASIABENCHINITPROBE00',
    AWS_SECRET_ACCESS_KEY: 'bench-init-probe-secret-not-a-real-key',
    AWS_SESSION_TOKEN: 'bench-init-probe-token',
    AWS_LAMBDA_FUNCTION_NAME: `lim-bench-${d.id}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(d.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TZ: ':UTC',
    POWERTOOLS_SERVICE_NAME: d.id,
    POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    [ENV.principalPrefix]: 'lim-bench',
    NODE_OPTIONS: '--enable-source-maps',
    ...environmentOf(d.needs, {
      tableName: 'lim-bench-households',
      idempotencyTableName: 'lim-bench-idempotency',
      eventBusName: 'lim-bench-platform',
      workQueueUrls: JSON.stringify({ 'civil-affairs': `https://sqs.${region}.amazonaws.com.cn/000000000000/lim-bench-civil-affairs-work` }),
      personKey: { secretId: `arn:aws-cn:secretsmanager:${region}:000000000000:secret:lim-bench-person-key` },
      purposeKey: { secretId: `arn:aws-cn:secretsmanager:${region}:000000000000:secret:lim-bench-purpose-key` },
      auditHeadsTableName: 'lim-bench-audit-heads',
      auditKey: { keyId: `arn:aws-cn:kms:${region}:000000000000:key/00000000-0000-0000-0000-000000000000` },
    }),
  };
}

export interface BundleFigure {
  id: FunctionId;
  kb: number;
  initMs: number;
  /** Network connections the module tried to open while being imported (must be 0). */
  networkAtImport: number;
}

const PROBE = resolve(import.meta.dirname, 'init-probe.mjs');

/** Child processes still running, so an interrupted bench stops them by pid. */
export const runningProbes = new Set<number>();

function probeOnce(bundle: string, env: Record<string, string>): Promise<{ ms: number; attempts: number; handler: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [PROBE, bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) runningProbes.add(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (child.pid) runningProbes.delete(child.pid);
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`init probe of ${bundle} failed (exit ${code}): ${err.slice(0, 500)}`));
      resolvePromise(JSON.parse(line) as { ms: number; attempts: number; handler: string });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function measureBundles(runs = 5): Promise<BundleFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lim-bench-bundles-'));
  try {
    const figures: BundleFigure[] = [];
    await build(esbuildOptions(Object.fromEntries(Object.values(FUNCTIONS).map((d) => [d.id, join(REPO_ROOT, d.entry)])), dir));
    for (const d of Object.values(FUNCTIONS)) {
      const bundle = join(dir, `${d.id}.mjs`);
      const env = lambdaEnvironment(d);
      const times: number[] = [];
      let attempts = 0;
      for (let i = 0; i < runs; i += 1) {
        const r = await probeOnce(bundle, env);
        if (r.handler !== 'function') throw new Error(`${d.entry}: the bundle does not export a handler function`);
        times.push(r.ms);
        attempts = Math.max(attempts, r.attempts);
      }
      figures.push({ id: d.id, kb: statSync(bundle).size / 1024, initMs: median(times), networkAtImport: attempts });
    }
    return figures;
  } finally {
    await stopEsbuild(); // its service process
    rmSync(dir, { recursive: true, force: true });
  }
}
