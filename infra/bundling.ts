import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

export const REPO_ROOT = join(import.meta.dirname, '..');

/**
 * How a function is bundled, declared once: the CDK construct (NodejsFunction's local esbuild),
 * the local platform's worker runtime and the benchmark all build the same bundle from these.
 */
export const BUNDLING = {
  format: 'esm',
  /** The Lambda runtime (FUNCTION_RUNTIME is nodejs24.x); the local platform builds for the Node it runs on. */
  target: 'node22',
  minify: true,
  // Source maps ship beside the bundle without the sources inside them: a small file, read only
  // when a stack trace is printed (NODE_OPTIONS --enable-source-maps), not at every cold start.
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // A CommonJS dependency inside an ESM bundle may still call require().
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  /**
   * Lambda and the local platform give a function its credentials in the environment: the SDK's
   * default provider chain is replaced by the environment provider, which keeps the profile, SSO,
   * web-identity and instance-metadata providers (and their own clients) out of every bundle.
   */
  alias: { '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'shared/adapters/aws/lambda-credentials.ts') },
} as const;

/** The same options for esbuild's JavaScript API (local runtime, benchmark). */
export function esbuildOptions(entryPoints: Record<string, string>, outdir: string, target: string = BUNDLING.target): BuildOptions {
  return {
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: BUNDLING.format,
    target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: { ...BUNDLING.alias },
    outExtension: { '.js': '.mjs' },
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
    metafile: true,
  };
}

/**
 * Builds the console (console/, Vite) into `outDir` with the base path it is served under. The
 * deployed console lives under the API stage (`/v1/console/`), the local one at `/console/`, so
 * a deployment builds its own copy (CDK asset bundling, infra/constructs/console-site.ts) rather
 * than shipping console/dist. Synchronous, as CDK's local bundling is.
 */
export function buildConsoleSync(base: string, outDir: string): void {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [
    vite,
    'build',
    '--config',
    join(REPO_ROOT, 'console', 'vite.config.ts'),
    '--configLoader',
    'runner',
    '--base',
    base,
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ];
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`console build failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
}
