import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../output';

/**
 * Metrics' own warnings in the structured log: the one after a flush with nothing recorded is
 * left out (test/integration/local-function-logs.test.ts shows it per call), the others stay.
 */
let observability: typeof import('../../shared/observability');
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  // Read when the singletons are made, as in a function's execution environment.
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'statistics');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  output = captureOutput();
  observability = await import('../../shared/observability');
});
afterAll(() => {
  output.stop();
  vi.unstubAllEnvs();
});

describe('metrics warnings', () => {
  it('says nothing when an invocation recorded no metric', () => {
    output.lines.length = 0;
    observability.metrics.publishStoredMetrics();
    expect(output.lines).toEqual([]);
  });

  it('still reports a dimension CloudWatch would refuse, as a WARN line of the function', () => {
    output.lines.length = 0;
    observability.metrics.addDimension('district', '');
    observability.metrics.publishStoredMetrics();
    const lines = output.lines.map((l) => JSON.parse(l) as { level: string; message: string; service: string });
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', service: 'statistics', message: expect.stringContaining('The dimension district') })]);
  });
});
