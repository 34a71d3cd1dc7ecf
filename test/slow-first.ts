import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Runs the long files first so the two workers finish together. Vitest orders by the durations
 * it cached on an earlier run, but a fresh clone (and CI) has none and runs files in path order,
 * which leaves the reliability suites (about five of the ten minutes) for the end.
 */
const SLOW_FIRST = [
  'test/reliability/crash.test.ts',
  'test/console/warnings.test.ts',
  'test/console/supervision.test.ts',
  'test/reliability/load.test.ts',
  'test/reliability/full-batches.test.ts',
  'test/infra/bundling.test.ts',
  'test/reliability/bad-input.test.ts',
  'test/cli/lim-binary.test.ts',
  'test/integration/dynamodb-local.test.ts',
];

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(f.project.config.root, f.moduleId));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    // Stable: within a project group the base order (cached durations, when there are any) stays.
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => (a.file.project.name !== b.file.project.name ? a.index - b.index : rank(a.file) - rank(b.file) || a.index - b.index))
      .map(({ file }) => file);
  }
}
