import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { FUNCTIONS } from '../../shared/platform/functions';

describe('function bundling', () => {
  it('bundles every handler with the local esbuild (no Docker) as an ESM module with the require banner', () => {
    const { app } = buildApp({ region: 'cn-north-1', stage: 'bundle' });
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory)
      .filter((d) => d.startsWith('asset.') && existsSync(join(assembly.directory, d, 'index.mjs')))
      .map((d) => join(assembly.directory, d));
    expect(assets).toHaveLength(Object.keys(FUNCTIONS).length);
    for (const dir of assets) {
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith("import { createRequire } from 'module';const require = createRequire(import.meta.url);")).toBe(true);
    }
  }, 120_000);
});
