import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECORDS_PER_BATCH, batchIdFor, planBatches, runIdFor, runIdProblem } from '../../client/batches';
import { submissionBatch } from '../../shared/records/batch';
import { identifierProblem } from '../../shared/privacy/free-text';
import { deathRecord, identityNumber } from '../fixtures/people';

const deaths = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    deathRecord({ identityNumber: identityNumber('430104', '1940-01-01', i % 1000), name: '李桂英' }, `WJ-SW-2026-${String(i).padStart(6, '0')}`),
  );

describe('batches of a run (client/batches.ts)', () => {
  it('cuts 1,201 records into 500, 500 and 201, in order, under ids numbered from the run id', () => {
    const records = deaths(1201);
    const batches = planBatches(records, 'health-deaths-2026-11');
    expect(batches.map((b) => [b.batchNumber, b.batchId, b.firstRecord, b.records.length])).toEqual([
      [1, 'health-deaths-2026-11-0001', 0, 500],
      [2, 'health-deaths-2026-11-0002', 500, 500],
      [3, 'health-deaths-2026-11-0003', 1000, 201],
    ]);
    expect(batches.flatMap((b) => b.records)).toEqual(records);
  });

  it('covers any number of records in order, no batch above the API’s limit, with batch ids the API takes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2600 }), fc.integer({ min: 1, max: MAX_RECORDS_PER_BATCH }), (n, size) => {
        const records = Array.from({ length: n }, (_, i) => i);
        const batches = planBatches(records, 'run-2026', size);
        expect(batches.flatMap((b) => b.records)).toEqual(records);
        expect(batches.every((b) => b.records.length >= 1 && b.records.length <= size)).toBe(true);
        expect(batches.every((b) => records[b.firstRecord] === b.records[0])).toBe(true);
        for (const b of batches) expect(submissionBatch.safeParse({ batchId: b.batchId, records: b.records }).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('derives the same run id from the same records however their keys are ordered, and another from other records', () => {
    const records = deaths(3);
    const reordered = records.map((r) => Object.fromEntries(Object.entries(r).reverse()));
    expect(runIdFor(reordered)).toBe(runIdFor(records));
    expect(runIdFor(records)).toMatch(/^lim-[a-p]{24}$/);
    expect(runIdFor(records.slice(0, 2))).not.toBe(runIdFor(records));
    expect(runIdFor([{ ...records[0]!, dateOfDeath: '2026-11-21' }, ...records.slice(1)])).not.toBe(runIdFor(records));
    // Nothing of a record shows through the id.
    expect(runIdFor(records)).not.toContain(records[0]!.identityNumber.slice(0, 6));
  });

  it('derives run ids the platform never refuses as holding a number (mobile or identity shapes)', () => {
    // With hex digits, about 1 run id in 500 held eleven digits in a row that read as a mobile number.
    const refused = Array.from({ length: 20_000 }, (_, i) => batchIdFor(runIdFor([{ n: i }]), 1)).filter((id) => identifierProblem(id));
    expect(refused).toEqual([]);
  });

  it('keeps batch ids within the API’s pattern for every run id it accepts, and refuses the others', () => {
    expect(runIdProblem('health-deaths-2026-11')).toBeUndefined();
    expect(runIdProblem('x'.repeat(100))).toBeUndefined();
    expect(submissionBatch.shape.batchId.safeParse(batchIdFor('x'.repeat(100), 9999)).success).toBe(true);
    expect(submissionBatch.shape.batchId.safeParse(batchIdFor('abc', 1)).success).toBe(true);
    for (const bad of ['ab', '-starts-with-dash', 'has space', '死亡记录', 'x'.repeat(101)]) {
      expect(runIdProblem(bad), bad).toMatch(/运行编号.* \/ the run id/);
      expect(() => planBatches([1], bad)).toThrow(RangeError);
    }
    expect(() => planBatches([1], 'run-2026', MAX_RECORDS_PER_BATCH + 1)).toThrow(RangeError);
  });
});
