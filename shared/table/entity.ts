import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type WithoutTable<T> = T extends { TableName?: unknown } ? Omit<T, 'TableName'> : T;
/**
 * One action of a transaction on the table (its name is filled in by the adapters' Table).
 * Entities say how their items change; adapters put the actions together into transactions.
 */
export type WriteAction =
  | { Put: WithoutTable<NonNullable<TransactItem['Put']>> }
  | { Update: WithoutTable<NonNullable<TransactItem['Update']>> }
  | { Delete: WithoutTable<NonNullable<TransactItem['Delete']>> }
  | { ConditionCheck: WithoutTable<NonNullable<TransactItem['ConditionCheck']>> };

export class CorruptItemError extends Error {
  constructor(entity: string, key: unknown, detail: string) {
    super(`item ${JSON.stringify(key)} is not a valid ${entity}: ${detail}`);
    this.name = 'CorruptItemError';
  }
}

/**
 * Reads an item as its entity: the kind must match and the attributes must parse. Unknown
 * attributes (keys, index keys) are dropped by the schema, so domain objects never carry them.
 */
export function parseItem<S extends z.ZodType>(entity: string, schema: S, item: Record<string, unknown>): z.infer<S> {
  if (item.entity !== entity) throw new CorruptItemError(entity, { PK: item.PK, SK: item.SK }, `it is a ${String(item.entity)}`);
  const parsed = schema.safeParse(item);
  if (!parsed.success)
    throw new CorruptItemError(entity, { PK: item.PK, SK: item.SK }, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A DynamoDB string set as the document client returns it, read as a sorted array (absent: empty). */
export const stringSet = z
  .instanceof(Set)
  .optional()
  .transform((s) => [...((s as Set<string> | undefined) ?? [])].map(String).sort());

/** A string set to store: DynamoDB has no empty sets, so an empty one is left out. */
export function toStringSet(values: readonly string[]): Set<string> | undefined {
  return values.length ? new Set(values) : undefined;
}
