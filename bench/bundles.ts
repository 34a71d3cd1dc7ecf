import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, stop as stopEsbuild, type BuildOptions } from 'esbuild';
import { FUNCTION_BUNDLING, REPO_ROOT } from '../infra/constructs/platform-function';
import type { FunctionId } from '../shared/platform/api';
import { ENV } from '../shared/config';
import { FUNCTIONS, type FunctionDefinition } from '../shared/platform/functions';

/**
 * Each function bundled exactly as the CDK construct bundles it (FUNCTION_BUNDLING, turned into
 * the esbuild call NodejsFunction makes: --bundle --platform=node plus one flag per option), its
 * size without the source map, and its module init time: the import of the bundle in a fresh
 * Node process with the environment the function has on Lambda, several times, the median kept.
 */

/** The esbuild options NodejsFunction derives from its bundling props (aws-lambda-nodejs/lib/bundling.js). */
export function esbuildOptionsFor(bundling: typeof FUNCTION_BUNDLING, entry: string, outdir: string): BuildOptions {
  const known = new Set(['format', 'target', 'minify', 'sourceMap', 'mainFields', 'banner', 'forceDockerBundling', 'externalModules']);
  const unknown = Object.keys(bundling).filter((k) => !known.has(k));
  // A new option in the construct must be mapped here too, or the bench would weigh other bundles.
  if (unknown.length) throw new Error(`bench/bundles.ts does not map the bundling option(s) ${unknown.join(', ')}`);
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: bundling.format as BuildOptions['format'],
    target: bundling.target,
    outfile: join(outdir, bundling.format === 'esm' ? 'index.mjs' : 'index.js'),
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    external: [...bundling.externalModules],
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
  };
}

/** The environment of the deployed function: the construct's, its bind* helpers', and Lambda's own. */
function lambdaEnvironment(d: FunctionDefinition): Record<string, string> {
  const region = 'cn-north-1';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'ASIABENCHINITPROBE00',
    AWS_SECRET_ACCESS_KEY: 'bench-init-probe-secret-not-a-real-key',
    AWS_SESSION_TOKEN: 'bench-init-probe-token',
    AWS_LAMBDA_FUNCTION_NAME: `lim-bench-${d.id}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(d.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    TZ: ':UTC',
    POWERTOOLS_SERVICE_NAME: d.id,
    POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    [ENV.principalPrefix]: 'lim-bench',
    NODE_OPTIONS: '--enable-source-maps',
    [ENV.tableName]: 'lim-bench-households',
  };
  if (d.needs.idempotency) env[ENV.idempotencyTableName] = 'lim-bench-idempotency';
  if (d.needs.publishEvents) env[ENV.eventBusName] = 'lim-bench-platform';
  if (d.needs.sendToWorkQueues) env[ENV.workQueueUrls] = JSON.stringify({ 'civil-affairs': `https://sqs.${region}.amazonaws.com.cn/000000000000/lim-bench-civil-affairs-work` });
  if (d.needs.personKey) env[ENV.personKeySecretId] = `arn:aws-cn:secretsmanager:${region}:000000000000:secret:lim-bench-person-key`;
  return env;
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
    for (const d of Object.values(FUNCTIONS)) {
      const outdir = join(dir, d.id);
      const options = esbuildOptionsFor(FUNCTION_BUNDLING, join(REPO_ROOT, d.entry), outdir);
      await build(options);
      const bundle = options.outfile!;
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
