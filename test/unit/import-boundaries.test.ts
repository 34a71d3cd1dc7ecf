import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules in biome.jsonc, tried on files that break them: the project's own config is
 * copied into an empty tree where each case is one file with one import, and Biome says which
 * files it refuses. (`npm run lint` holds the real tree to the same rules.)
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

const cases: { file: string; imports: string; refused: boolean }[] = [
  // The domain core: no AWS, no ports or adapters, no edge, no infra, no function.
  { file: 'shared/domain/a.ts', imports: '@aws-sdk/client-dynamodb', refused: true },
  { file: 'shared/domain/b.ts', imports: '@aws-lambda-powertools/logger', refused: true },
  { file: 'shared/domain/c.ts', imports: 'aws-cdk-lib/aws-iam', refused: true },
  { file: 'shared/domain/d.ts', imports: '../ports/warning-store', refused: true },
  { file: 'shared/domain/e.ts', imports: '../adapters/dynamodb/table', refused: true },
  { file: 'shared/domain/f.ts', imports: '../http/api-error', refused: true },
  { file: 'shared/domain/g.ts', imports: '../../infra/local/platform', refused: true },
  { file: 'shared/domain/indicators/h.ts', imports: '../../../functions/statistics/use-case', refused: true },
  { file: 'shared/domain/i.ts', imports: './warning', refused: false },
  { file: 'shared/domain/j.ts', imports: '../privacy/free-text', refused: false },
  { file: 'shared/domain/k.ts', imports: 'zod', refused: false },
  { file: 'shared/domain/l.ts', imports: 'node:crypto', refused: false },
  // A function imports no other function.
  { file: 'functions/recognition/a.ts', imports: '../statistics/use-case', refused: true },
  { file: 'functions/recognition/b.ts', imports: '../../functions/statistics/use-case', refused: true },
  { file: 'functions/recognition/c.ts', imports: './use-case', refused: false },
  { file: 'functions/recognition/d.ts', imports: '../../shared/application/raise-warnings', refused: false },
  { file: 'functions/recognition/e.ts', imports: '../../events/warning-raised.v1', refused: false },
  { file: 'functions/recognition/f.ts', imports: '@aws-sdk/client-sqs', refused: false },
  // Shared code and event contracts are used by functions and infra, never the reverse.
  { file: 'shared/adapters/dynamodb/a.ts', imports: '../../../functions/statistics/use-case', refused: true },
  { file: 'shared/application/a.ts', imports: '../../infra/local/platform', refused: true },
  { file: 'shared/adapters/dynamodb/b.ts', imports: '@aws-sdk/client-dynamodb', refused: false },
  { file: 'events/a.ts', imports: '../functions/department-routing/use-case', refused: true },
  { file: 'events/b.ts', imports: '../test/fixtures', refused: true },
  { file: 'events/c.ts', imports: '../shared/domain/districts', refused: false },
  // The departments' client library and the lim command: the shared schemas, never the platform's insides.
  { file: 'client/a.ts', imports: '../functions/submission-intake/use-case', refused: true },
  { file: 'client/b.ts', imports: '../infra/local/platform', refused: true },
  { file: 'client/c.ts', imports: '../cli/main', refused: true },
  { file: 'client/d.ts', imports: '../shared/records/catalogue', refused: false },
  { file: 'client/e.ts', imports: '@aws-sdk/client-sqs', refused: false },
  { file: 'cli/a.ts', imports: '../infra/local/sigv4', refused: true },
  { file: 'cli/commands/b.ts', imports: '../../functions/feedback-intake/use-case', refused: true },
  { file: 'cli/c.ts', imports: '../client/index', refused: false },
];

const tree = mkdtempSync(join(tmpdir(), 'lim-boundaries-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

interface Diagnostic {
  category: string;
  location: { path: string };
}

function refusedFiles(): Map<string, string[]> {
  writeFileSync(join(tree, 'biome.jsonc'), readFileSync(join(ROOT, 'biome.jsonc'), 'utf8').replace('./node_modules/', `${ROOT}/node_modules/`));
  for (const c of cases) {
    mkdirSync(dirname(join(tree, c.file)), { recursive: true });
    writeFileSync(join(tree, c.file), `import { x } from '${c.imports}';\n\nexport const y = x;\n`);
  }
  const run = spawnSync(BIOME, ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'], { cwd: tree, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  const byFile = new Map<string, string[]>();
  for (const d of report.diagnostics) byFile.set(d.location.path, [...(byFile.get(d.location.path) ?? []), d.category]);
  return byFile;
}

describe('import boundaries (biome.jsonc)', () => {
  const refused = refusedFiles();
  it.each(cases)('$file importing $imports: refused $refused', ({ file, refused: expected }) => {
    expect((refused.get(file) ?? []).includes('lint/style/noRestrictedImports')).toBe(expected);
  });
});
