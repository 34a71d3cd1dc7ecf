import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { WriteAction } from '../../table/entity';
import { chunk, mapLimit, withPartialRetry } from '../partial-retry';

export interface Key {
  PK: string;
  SK: string;
}
export type Item = Record<string, unknown>;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type { WriteAction };

/** The outcome of one atomic group: done, or refused by one of its conditions (nothing of it written). */
export type GroupOutcome = 'done' | 'condition-failed';

/** The service limits the batching below is built to. */
export const LIMITS = { batchGetKeys: 100, batchWriteItems: 25, transactionActions: 100 } as const;

const keyOf = (action: WriteAction): string => {
  const k = 'Put' in action ? action.Put.Item : 'Update' in action ? action.Update.Key : 'Delete' in action ? action.Delete.Key : action.ConditionCheck.Key;
  return `${String(k?.PK)}\u0000${String(k?.SK)}`;
};
const keyString = (k: Key | Item) => `${String(k.PK)}\u0000${String(k.SK)}`;

/**
 * The single table, and the one place that batches calls to it: BatchGetItem 100 keys a call,
 * BatchWriteItem 25 items a call (unprocessed keys and items retried), transactions packed up to
 * 100 actions with each atomic group kept whole, pages followed. Entities (shared/table/entities)
 * say what an item is; adapters compose entities over this.
 */
export class Table {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
    /** Calls of one batch operation in flight at once. */
    private readonly inFlight = 4,
  ) {}

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: consistent }));
    return Item as Item | undefined;
  }

  /** Every item of `keys` that exists (in no particular order); duplicates are read once. */
  async batchGet(keys: readonly Key[], consistent = true): Promise<Item[]> {
    const unique = [...new Map(keys.map((k) => [keyString(k), { PK: k.PK, SK: k.SK }])).values()];
    const found: Item[] = [];
    await mapLimit(chunk(unique, LIMITS.batchGetKeys), this.inFlight, (batch) =>
      withPartialRetry('BatchGetItem', batch, async (pending) => {
        const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.name]: { Keys: [...pending], ConsistentRead: consistent } } }));
        found.push(...((out.Responses?.[this.name] ?? []) as Item[]));
        return { failed: (out.UnprocessedKeys?.[this.name]?.Keys ?? []) as Key[], reasons: ['unprocessed keys'] };
      }),
    );
    return found;
  }

  /** Items by key string (`PK\0SK`), for callers that look items up after a batchGet. */
  async batchGetMap(keys: readonly Key[], consistent = true): Promise<Map<string, Item>> {
    return new Map((await this.batchGet(keys, consistent)).map((i) => [keyString(i), i]));
  }

  /** Puts and deletes, 25 a call; the last write of a key in the list wins. Not atomic, not conditional. */
  async batchWrite(puts: readonly Item[], deletes: readonly Key[] = []): Promise<void> {
    type Request = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };
    const byKey = new Map<string, Request>();
    for (const Item of puts) byKey.set(keyString(Item), { PutRequest: { Item } });
    for (const k of deletes) byKey.set(keyString(k), { DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } });
    await mapLimit(chunk([...byKey.values()], LIMITS.batchWriteItems), this.inFlight, (batch) =>
      withPartialRetry('BatchWriteItem', batch, async (pending) => {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.name]: [...pending] } }));
        return { failed: (out.UnprocessedItems?.[this.name] ?? []) as Request[], reasons: ['unprocessed items'] };
      }),
    );
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of this.pages(input)) items.push(...page.items);
    return items;
  }

  /** One page of a query (its Limit, its ExclusiveStartKey) and the key to resume after it. */
  async page(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; next?: Item }> {
    const out = await this.db.send(new QueryCommand({ ...input, TableName: this.name }));
    return { items: (out.Items ?? []) as Item[], ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey as Item } : {}) };
  }

  /** The pages of a query, one at a time, with the key to resume after each. */
  async *pages(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<{ items: Item[]; next?: Item }> {
    let start = input.ExclusiveStartKey as Item | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, TableName: this.name, ExclusiveStartKey: start }));
      start = page.LastEvaluatedKey as Item | undefined;
      yield { items: (page.Items ?? []) as Item[], ...(start ? { next: start } : {}) };
    } while (start);
  }

  /** One conditional PutItem or UpdateItem: false when its condition failed (done already, or not allowed). */
  async writeOnce(action: Extract<WriteAction, { Put: unknown } | { Update: unknown }>): Promise<boolean> {
    try {
      if ('Put' in action) await this.db.send(new PutCommand({ ...action.Put, TableName: this.name } as never));
      else await this.db.send(new UpdateCommand({ ...action.Update, TableName: this.name } as never));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Writes atomic groups of actions with as few transactions as the 100-action limit allows. A
   * group is never split across transactions; groups that touch the same item go into later
   * rounds, in order, while transactions on disjoint items run side by side (`inFlight` at a
   * time). A group refused by a condition is reported and the others are written without it;
   * contention (TransactionConflict) is retried with backoff.
   */
  async transactGroups(groups: readonly (readonly WriteAction[])[], attempts = 8): Promise<GroupOutcome[]> {
    const outcomes: GroupOutcome[] = groups.map(() => 'done');
    const keysOf = groups.map((g) => g.map(keyOf));
    keysOf.forEach((keys) => {
      if (keys.length > LIMITS.transactionActions) throw new Error(`an atomic group of ${keys.length} actions exceeds the transaction limit`);
      if (new Set(keys).size !== keys.length) throw new Error('an atomic group touches the same item twice');
    });
    let pending = groups.map((_, i) => i).filter((i) => keysOf[i]!.length > 0);
    while (pending.length) {
      // Pack this round: groups in order into up to `inFlight` transactions on disjoint items. A
      // group that touches an item of the round, or of a group already put off, waits for the
      // next round, so groups on one item keep their order.
      const round: number[][] = [[]];
      let size = 0;
      const touched = new Set<string>();
      const later: number[] = [];
      for (const g of pending) {
        const keys = keysOf[g]!;
        let fits = !keys.some((k) => touched.has(k));
        if (fits && size + keys.length > LIMITS.transactionActions) {
          if (round.length < this.inFlight) {
            round.push([]);
            size = 0;
          } else fits = false;
        }
        for (const k of keys) touched.add(k);
        if (!fits) {
          later.push(g);
          continue;
        }
        round[round.length - 1]!.push(g);
        size += keys.length;
      }
      const failed = await mapLimit(round, this.inFlight, (tx) =>
        this.transactOnce(
          tx.map((g) => groups[g]!),
          attempts,
        ),
      );
      // A cancelled transaction wrote nothing: its groups that were not at fault go again, in order.
      const again: number[] = [];
      round.forEach((tx, t) => {
        const refused = failed[t]!;
        if (!refused.length) return;
        for (const [i, g] of tx.entries()) {
          if (refused.includes(i)) outcomes[g] = 'condition-failed';
          else again.push(g);
        }
      });
      pending = again.length ? [...again, ...later].sort((x, y) => x - y) : later;
    }
    return outcomes;
  }

  /** One transaction of whole groups; the indexes of groups whose condition failed (then nothing was written). */
  private async transactOnce(groups: readonly (readonly WriteAction[])[], attempts: number): Promise<number[]> {
    const actions = groups.flat();
    const owner = groups.flatMap((g, i) => g.map(() => i));
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: actions.map((a) => this.withTable(a)) }));
        return [];
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = [...new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [owner[i]!] : [])))];
        if (failed.length) return failed;
        const transient = reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
        if (!transient || attempt >= attempts) throw error;
        await sleep(Math.random() * Math.min(1_000, 20 * 2 ** attempt));
      }
    }
  }

  private withTable(action: WriteAction): TransactItem {
    if ('Put' in action) return { Put: { ...action.Put, TableName: this.name } } as TransactItem;
    if ('Update' in action) return { Update: { ...action.Update, TableName: this.name } } as TransactItem;
    if ('Delete' in action) return { Delete: { ...action.Delete, TableName: this.name } } as TransactItem;
    return { ConditionCheck: { ...action.ConditionCheck, TableName: this.name } } as TransactItem;
  }
}

export { keyString };
