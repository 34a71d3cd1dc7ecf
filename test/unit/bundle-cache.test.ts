import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functionBundles, pruneOld } from '../../infra/local/bundles';

/**
 * The bundle cache is shared by every checkout using the same node_modules. Pruning it used to
 * remove the build a running platform had started from; a function whose execution environment
 * started later (policy-admin, at the first GET /policy/parameters) then could not import its
 * bundle and its worker exited 1. Builds a live process marked are kept now.
 */
let cache = '';
afterEach(() => {
  if (cache) rmSync(cache, { recursive: true, force: true });
});

function build(name: string, minutesAgo: number) {
  const dir = join(cache, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'policy-admin.mjs'), 'export const handler = async () => ({});');
  const at = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(dir, at, at);
}

describe('the bundle cache', () => {
  it('keeps a build a live process uses however old, drops the marks of dead processes, and keeps three others besides the new one', () => {
    cache = mkdtempSync(join(tmpdir(), 'lim-bundles-test-'));
    for (const [name, age] of [
      ['aaaaaaaaaaaaaaaaaaaa', 60],
      ['bbbbbbbbbbbbbbbbbbbb', 50],
      ['cccccccccccccccccccc', 40],
      ['dddddddddddddddddddd', 30],
      ['eeeeeeeeeeeeeeeeeeee', 20],
      ['ffffffffffffffffffff', 10],
      ['gggggggggggggggggggg', 0],
    ] as const)
      build(name, age);
    writeFileSync(join(cache, 'aaaaaaaaaaaaaaaaaaaa.in-use-1001'), ''); // a running platform, oldest of all
    writeFileSync(join(cache, 'bbbbbbbbbbbbbbbbbbbb.in-use-1002'), ''); // its process is gone
    pruneOld(join(cache, 'gggggggggggggggggggg'), cache, (pid) => pid === 1001);
    expect(readdirSync(cache).sort()).toEqual([
      'aaaaaaaaaaaaaaaaaaaa',
      'aaaaaaaaaaaaaaaaaaaa.in-use-1001',
      'dddddddddddddddddddd',
      'eeeeeeeeeeeeeeeeeeee',
      'ffffffffffffffffffff',
      'gggggggggggggggggggg',
    ]);
    expect(existsSync(join(cache, 'aaaaaaaaaaaaaaaaaaaa', 'policy-admin.mjs'))).toBe(true);
  });

  it('marks the build this process runs its functions from', async () => {
    const paths = await functionBundles();
    const dir = dirname(paths['policy-admin']);
    expect(existsSync(paths['policy-admin'])).toBe(true);
    expect(existsSync(`${dir}.in-use-${process.pid}`)).toBe(true);
  });
});
