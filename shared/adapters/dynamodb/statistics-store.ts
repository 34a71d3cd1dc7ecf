import type { CountedEvent, StatisticsStore } from '../../ports/statistics';
import { countedEvent, statistic } from '../../table/entities/statistics';
import { keyString, LIMITS, type Table, type WriteAction } from './table';

/**
 * Statistics counters (access patterns 14-15). A group of events is summed into one update per
 * counter, in the same transaction as one marker per event: each event counts once, even on a
 * replay, and a group costs one transaction rather than one per event.
 */
export class DynamoStatisticsStore implements StatisticsStore {
  constructor(private readonly table: Table) {}

  async count(events: readonly CountedEvent[]): Promise<string[]> {
    const counted: string[] = [];
    let pending = dedupe(events);
    for (let attempt = 1; pending.length; attempt += 1) {
      const parts = packed(pending);
      const outcomes = await this.table.transactGroups(parts.map(actionsOf));
      for (const [i, part] of parts.entries()) if (outcomes[i] === 'done') counted.push(...part.map((e) => e.eventKey));
      const refused = parts.filter((_, i) => outcomes[i] !== 'done').flat();
      if (!refused.length) break;
      // Some events of those parts were counted before (a replay): count the others.
      const markers = await this.table.batchGetMap(refused.map((e) => countedEvent.key(e.eventKey)));
      pending = refused.filter((e) => !markers.has(keyString(countedEvent.key(e.eventKey))));
      if (attempt >= 5 && pending.length) throw new Error(`statistics: ${pending.length} events kept conflicting`);
    }
    return counted;
  }

  async month(month: string) {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': statistic.partition(month) } });
    return items.map(statistic.fromItem);
  }
}

const dedupe = (events: readonly CountedEvent[]) => [...new Map(events.map((e) => [e.eventKey, e])).values()];

/** Counter updates of a part: one per month and dimension, the amounts summed. */
function sums(part: readonly CountedEvent[]): Map<string, { month: string; dimension: string; add: Record<string, number> }> {
  const out = new Map<string, { month: string; dimension: string; add: Record<string, number> }>();
  for (const e of part) {
    for (const inc of e.increments) {
      const k = `${e.month}|${inc.dimension}`;
      const sum = out.get(k) ?? { month: e.month, dimension: inc.dimension, add: {} };
      for (const [name, value] of Object.entries(inc.add)) sum.add[name] = (sum.add[name] ?? 0) + value;
      out.set(k, sum);
    }
  }
  return out;
}

/** Splits events into parts whose markers and summed counters fit one transaction. */
function packed(events: readonly CountedEvent[]): CountedEvent[][] {
  const parts: CountedEvent[][] = [];
  let current: CountedEvent[] = [];
  for (const e of events) {
    const next = [...current, e];
    if (current.length && next.length + sums(next).size > LIMITS.transactionActions) {
      parts.push(current);
      current = [e];
    } else current = next;
  }
  if (current.length) parts.push(current);
  return parts;
}

function actionsOf(part: readonly CountedEvent[]): WriteAction[] {
  return [
    ...part.map((e) => ({ Put: { Item: countedEvent.toItem(e.eventKey, e.month), ConditionExpression: 'attribute_not_exists(PK)' } })),
    ...[...sums(part).values()].map(({ month, dimension, add }) => {
      const names = Object.keys(add);
      return {
        Update: {
          Key: statistic.key(month, dimension),
          UpdateExpression: `SET entity = :e ADD ${names.map((_, i) => `#n${i} :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
          ExpressionAttributeValues: { ':e': 'Statistic', ...Object.fromEntries(names.map((n, i) => [`:v${i}`, add[n]])) },
        },
      };
    }),
  ];
}
