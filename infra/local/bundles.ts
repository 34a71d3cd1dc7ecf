import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../../shared/platform/functions';
import type { FunctionId } from '../../shared/platform/api';
import { BUNDLING, esbuildOptions, REPO_ROOT } from '../bundling';

/** Where built bundles are kept between runs, by the hash of everything that goes into them. */
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'lim-bundles');
const SOURCE_DIRS = ['functions', 'shared', 'events'];
/** What a cached build holds (the bundles, their maps, the metafile): bumped when that changes. */
const CACHE_FORMAT = 2;

/** Every source file that can go into a bundle, the lock file and the options: a change to any is a new build. */
function inputsHash(target: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ BUNDLING, target, CACHE_FORMAT }))
    .update(readFileSync(join(REPO_ROOT, 'package-lock.json')));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) hash.update(relative(REPO_ROOT, path)).update(readFileSync(path));
    }
  };
  for (const d of SOURCE_DIRS) walk(join(REPO_ROOT, d));
  return hash.digest('hex').slice(0, 20);
}

/**
 * The functions' bundles as Lambda runs them (infra/bundling.ts, built for the Node that runs
 * the local platform), built once per change of the sources and shared by every local platform.
 * Returns the path of each function's bundle.
 */
export async function functionBundles(): Promise<Record<FunctionId, string>> {
  const target = `node${process.versions.node.split('.')[0]}`;
  const dir = join(CACHE_DIR, inputsHash(target));
  const paths = Object.fromEntries(Object.keys(FUNCTIONS).map((id) => [id, join(dir, `${id}.mjs`)])) as Record<FunctionId, string>;
  if (Object.values(paths).every((p) => existsSync(p)) && existsSync(join(dir, 'metafile.json'))) return holding(dir, paths);
  // Built aside and moved into place whole: two platforms starting at once never see half a build.
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  mkdirSync(building, { recursive: true });
  const entries = Object.fromEntries(Object.values(FUNCTIONS).map((f) => [f.id, join(REPO_ROOT, f.entry)]));
  const { metafile } = await build(esbuildOptions(entries, building, target));
  // What went into each bundle: tests hold it against the function's declared needs.
  writeFileSync(join(building, 'metafile.json'), JSON.stringify(metafile));
  try {
    if (existsSync(dir) && !existsSync(join(dir, 'metafile.json'))) rmSync(dir, { recursive: true, force: true }); // left half-built
    renameSync(building, dir);
  } catch (error) {
    // Another platform finished the same build first: use it.
    if (!existsSync(dir)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  holding(dir, paths);
  pruneOld(dir);
  return paths;
}

/**
 * Marks a build as used by this process (`<build>.in-use-<pid>`, beside it): its execution
 * environments start lazily, importing their bundle at a function's first call, so a build
 * pruned under a running platform (the cache is shared by every checkout on the machine whose
 * node_modules it is) made that function's worker exit 1 at its first call — policy-admin's at
 * the first `GET /policy/parameters`. A marked build is kept while its process lives.
 */
function holding<T>(dir: string, paths: T): T {
  const mark = `${dir}.in-use-${process.pid}`;
  if (!existsSync(mark)) {
    writeFileSync(mark, '');
    process.once('exit', () => {
      try {
        unlinkSync(mark);
      } catch {
        // gone already
      }
    });
  }
  const now = new Date();
  utimesSync(dir, now, now); // used now: among the most recent
  return paths;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Keeps the cache to the few most recent builds and those a live process uses; forgets the
 * marks of processes that are gone. Exported for its test (a cache directory of its own).
 */
export function pruneOld(keep: string, cacheDir = dirname(keep), isAlive: (pid: number) => boolean = alive) {
  const names = readdirSync(cacheDir);
  const inUse = new Set<string>();
  for (const name of names) {
    const m = /^(.+)\.in-use-(\d+)$/.exec(name);
    if (!m) continue;
    if (isAlive(Number(m[2]))) inUse.add(m[1]!);
    else rmSync(join(cacheDir, name), { force: true });
  }
  const builds = names
    .filter((name) => !name.includes('.') && !inUse.has(name))
    .map((name) => join(cacheDir, name))
    .filter((p) => basename(p) !== basename(keep) && statSync(p).isDirectory())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of builds.slice(3)) rmSync(old, { recursive: true, force: true });
}

/** The inputs (files and their bytes in the output) of each function's bundle, from the build's metafile. */
export async function bundleInputs(): Promise<Record<FunctionId, Record<string, number>>> {
  const paths = await functionBundles();
  const dir = join(Object.values(paths)[0]!, '..');
  const metafile = JSON.parse(readFileSync(join(dir, 'metafile.json'), 'utf8')) as {
    outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const out = {} as Record<FunctionId, Record<string, number>>;
  for (const [id, path] of Object.entries(paths) as [FunctionId, string][]) {
    const output = Object.entries(metafile.outputs).find(([file]) => join(REPO_ROOT, file) === path || file.endsWith(`/${id}.mjs`))?.[1];
    out[id] = Object.fromEntries(Object.entries(output?.inputs ?? {}).map(([file, v]) => [file, v.bytesInOutput]));
  }
  return out;
}
