import { printFigures } from '../test/reliability/figures';
import type { ProxyCounts } from '../infra/local/counting-proxy';
import type { LowerBound } from './lower-bound';
import type { CaseOutcome } from './observe';
import type { Batch } from './workload';

/** The bench's tables: one per case, then the other figures and the targets. */

const n = (x: number) => x.toLocaleString('en');

const operations = (ops: Record<string, { calls: number; errors: number }>) =>
  Object.entries(ops)
    .sort(([, a], [, b]) => b.calls - a.calls)
    .map(([op, c]) => `${op} ${n(c.calls)}${c.errors ? ` (${n(c.errors)} answered with an error)` : ''}`)
    .join(' · ') || '—';

export function printRows(title: string, rows: [string, string | number][]) {
  printFigures(title, Object.fromEntries(rows));
}

export function printCase(r: {
  title: string;
  batches: Batch[];
  counts: ProxyCounts;
  outcome: CaseOutcome;
  bound: LowerBound;
  calls: number;
  ratio: number;
  resubmitted: number;
}) {
  const { counts: c, outcome: o, bound } = r;
  const records = r.batches.reduce((a, b) => a + b.records.length, 0);
  const aboutMembers = r.batches.reduce((a, b) => a + b.aboutMembers, 0);
  const byDepartment = r.batches.map((b) => `${b.department} ${b.records.length}`).join(', ');
  const rows: [string, string | number][] = [
    ['records', `${n(records)} in ${r.batches.length} batch(es): ${byDepartment}; ${n(aboutMembers)} about people in the database`],
    ['calls through the proxy', `${n(r.calls)} = DynamoDB ${n(c.dynamodb.calls)} + SQS ${n(c.sqs.calls)} + EventBridge ${n(c.events.calls)}`],
    ['  DynamoDB', operations(c.dynamodb.operations)],
    [
      '  DynamoDB work',
      `${n(c.dynamodb.itemsWritten)} items written (${
        Object.entries(c.dynamodb.itemsWrittenByTable)
          .map(([t, k]) => `${t} ${n(k)}`)
          .join(', ') || 'none'
      }; ${n(c.dynamodb.transactionalItemsWritten)} in transactions), ${n(c.dynamodb.keysRead)} keys read, ${n(c.dynamodb.unprocessed)} unprocessed`,
    ],
    ['  SQS', `${operations(c.sqs.operations)}; ${n(c.sqs.messagesSent)} messages`],
    [
      '  EventBridge',
      `${operations(c.events.operations)}; ${n(c.events.entries)} entries (${
        Object.entries(c.events.entriesByDetailType)
          .map(([t, k]) => `${t} ${n(k)}`)
          .join(', ') || 'none'
      })`,
    ],
    ['lower bound', 'Σ⌈records/25⌉ + Σ⌈records/10⌉ + ⌈subjects/100⌉ + ⌈(items written − records)/25⌉ + ⌈warnings/10⌉ + Σ_queue ⌈messages/10⌉'],
    ...bound.terms.map((t): [string, string] => [`  ${t.name}`, `${t.formula} = ${n(t.value)}`]),
    ['  total', n(bound.total)],
    ['calls ÷ lower bound', `${r.ratio.toFixed(2)}  (target ≤ 1.5${r.ratio <= 1.5 ? '' : ': MISSED'})`],
    ['warnings expected', `${n(o.expected)} messages; on the queues ${n(o.newMessages)} new`],
    [
      'lost / duplicated / unexpected',
      `${o.lost.length} / ${o.duplicated} / ${o.unexpected.length}${
        o.unexpected.length
          ? ` (e.g. ${o.unexpected
              .slice(0, 3)
              .map((w) => `${w.indicator} → ${w.recipient}`)
              .join(', ')})`
          : ''
      }`,
    ],
    [
      'failed deliveries',
      `${o.failedDeliveries} = max(failure queue ${o.failures.failureQueue}, failed bus deliveries ${o.failures.failedBusDeliveries}) + DLQs ${o.failures.deadLetters}`,
    ],
    ['batches sent again after a 5xx', r.resubmitted],
  ];
  if (o.lost.length)
    rows.push([
      '  lost, first ones',
      o.lost
        .slice(0, 5)
        .map((w) => `${w.indicator} ${w.householdId} → ${w.recipient}`)
        .join('; '),
    ]);
  if (o.unreadable) rows.push(['unreadable messages', o.unreadable]);
  printRows(r.title, rows);
}

export interface Target {
  name: string;
  value: string | number;
  target: string;
  /** undefined: not measured. */
  met: boolean | undefined;
}

export function printTargets(targets: readonly Target[]) {
  printRows(
    'targets (2-core machine)',
    targets.map((t): [string, string] => [t.name, `${t.value}  (target ${t.target}) ${t.met === undefined ? 'NOT MEASURED' : t.met ? 'met' : 'MISSED'}`]),
  );
}
