import { createHash } from 'node:crypto';
import { MAX_RECORDS_PER_BATCH } from '../shared/records/batch';

/**
 * Any number of records as batches the API takes (≤ MAX_RECORDS_PER_BATCH each), under batch
 * ids derived from a run id and the batch's number. A rerun with the same run id sends the same
 * batches under the same ids: those accepted before answer 200 `replayed` and count as done, so
 * a run that failed part way resumes instead of sending its records twice.
 */
export { MAX_RECORDS_PER_BATCH };

/** A run id leaves room in the batch id (≤ 128 characters, shared/records/batch.ts) for `-<number>`. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{2,99}$/;

export interface PlannedBatch<T> {
  /** 1-based. */
  batchNumber: number;
  batchId: string;
  /** Index of its first record among the run's records. */
  firstRecord: number;
  records: T[];
}

/** Why a run id cannot be used, or undefined. */
export function runIdProblem(runId: string): string | undefined {
  return RUN_ID.test(runId)
    ? undefined
    : '运行编号须为 3-100 个字母、数字、"."、"_"、":" 或 "-"，以字母或数字开头 / the run id must be 3-100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';
}

/**
 * The run id of a set of records when the caller gives none: a hash of all of them together (in
 * order, keys sorted), so the same file sent again is the same run. It is a hash of the whole
 * content, never of one record's identity number alone, and is cut to 96 bits. Written in letters
 * (hex digit → a-p): a hex run of eleven digits can read as a mobile number, and the platform
 * refuses identifiers that hold one (about 1 run id in 500 would have been refused).
 */
export function runIdFor(records: readonly unknown[]): string {
  const hex = createHash('sha256').update(canonicalJson(records)).digest('hex').slice(0, 24);
  return `lim-${hex.replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
}

export function batchIdFor(runId: string, batchNumber: number): string {
  return `${runId}-${String(batchNumber).padStart(4, '0')}`;
}

export function planBatches<T>(records: readonly T[], runId: string, size = MAX_RECORDS_PER_BATCH): PlannedBatch<T>[] {
  const problem = runIdProblem(runId);
  if (problem) throw new RangeError(problem);
  if (!Number.isInteger(size) || size < 1 || size > MAX_RECORDS_PER_BATCH) throw new RangeError(`batch size must be 1-${MAX_RECORDS_PER_BATCH}`);
  const batches: PlannedBatch<T>[] = [];
  for (let first = 0; first < records.length; first += size) {
    const batchNumber = batches.length + 1;
    batches.push({ batchNumber, batchId: batchIdFor(runId, batchNumber), firstRecord: first, records: records.slice(first, first + size) });
  }
  return batches;
}

/** JSON with object keys sorted, so the same records give the same text however they were built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
