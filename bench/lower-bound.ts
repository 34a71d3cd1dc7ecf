/**
 * The fewest calls the work of a case could have taken, each AWS call carrying as much as its
 * API allows:
 *
 *   Σ⌈records of a batch ÷ 25⌉        storing the records (BatchWriteItem: 25 items)
 * + Σ⌈records of a batch ÷ 10⌉        announcing them (PutEvents: 10 entries)
 * + ⌈distinct subjects ÷ 100⌉         matching the people with the database (BatchGetItem: 100 keys)
 * + ⌈items written ÷ 25⌉              every other item the platform wrote, as the proxy counted them
 * + ⌈warnings ÷ 10⌉                   announcing the warnings raised (PutEvents)
 * + Σ over queues ⌈messages ÷ 10⌉     pushing them (SendMessageBatch: 10 messages, one queue a call)
 *
 * Records, subjects, warnings and messages are what the case had to do (known from the workload
 * and read from the queues); "items written" is what the platform chose to write besides the
 * records, so the floor grows with the platform's data model but not with how it batches.
 */
export interface LowerBoundInput {
  batchSizes: readonly number[];
  distinctSubjects: number;
  /** All items the proxy saw put, updated or deleted. */
  itemsWritten: number;
  /** Distinct warnings that reached a queue. */
  warnings: number;
  /** Messages that reached each recipient's queue. */
  messagesPerQueue: ReadonlyMap<string, number>;
}

export interface LowerBoundTerm {
  name: string;
  formula: string;
  value: number;
}

export interface LowerBound {
  terms: LowerBoundTerm[];
  total: number;
}

const ceil = (a: number, b: number) => Math.ceil(a / b);

export function lowerBound(x: LowerBoundInput): LowerBound {
  const records = x.batchSizes.reduce((a, b) => a + b, 0);
  const otherItems = Math.max(0, x.itemsWritten - records);
  const perBatch = (per: number) => x.batchSizes.map((n) => `⌈${n}/${per}⌉`).join('+');
  const queues = [...x.messagesPerQueue].filter(([, n]) => n > 0);
  const terms: LowerBoundTerm[] = [
    { name: 'records stored', formula: perBatch(25), value: x.batchSizes.reduce((a, n) => a + ceil(n, 25), 0) },
    { name: 'record events', formula: perBatch(10), value: x.batchSizes.reduce((a, n) => a + ceil(n, 10), 0) },
    { name: 'subjects matched', formula: `⌈${x.distinctSubjects}/100⌉`, value: ceil(x.distinctSubjects, 100) },
    { name: 'other items written', formula: `⌈(${x.itemsWritten}−${records})/25⌉`, value: ceil(otherItems, 25) },
    { name: 'warning events', formula: `⌈${x.warnings}/10⌉`, value: ceil(x.warnings, 10) },
    {
      name: 'messages per queue',
      formula: queues.length ? queues.map(([q, n]) => `⌈${n}/10⌉ ${q}`).join(' + ') : '0',
      value: queues.reduce((a, [, n]) => a + ceil(n, 10), 0),
    },
  ];
  return { terms, total: terms.reduce((a, t) => a + t.value, 0) };
}

/** Every identity number a record names (its subject, and the members or changes it lists). */
export function identityNumbersIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) identityNumbersIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'identityNumber' && typeof v === 'string') out.add(v);
      else identityNumbersIn(v, out);
    }
  }
  return out;
}
