import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce } from './conditional';
import type { PolicyParameter } from '../../domain/policy/policy-book';
import type { PolicyChangeEntry, PolicyStore } from '../../ports/policy-store';
import { rowKey } from '../../domain/policy/policy-change';
import { keys } from '../../table/keys';
import { queryAll } from './query-all';

/** The policy book's changes (access patterns 16-18). */
export class DynamoPolicyStore implements PolicyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load() {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.POLICY_PARTITION },
      ConsistentRead: true,
    });
    const version = Number(items.find((i) => i.SK === keys.policyVersion().SK)?.version ?? 0);
    const rows = items.filter((i) => String(i.SK).startsWith(keys.POLICY_ROW_PREFIX)).map((i) => i.row as PolicyParameter);
    return { version, rows };
  }

  async commit(expectedVersion: number, entry: PolicyChangeEntry): Promise<boolean> {
    const rows = entry.diffs.flatMap((d) => (d.new ? [d.new] : []));
    return transactOnce(this.db, [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.policyVersion(), entity: 'PolicyVersion', version: entry.version, changedAt: entry.changedAt },
                ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :expected',
                ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
              },
            },
            ...rows.map((row: PolicyParameter) => ({
              Put: { TableName: this.tableName, Item: { ...keys.policyRow(rowKey(row)), entity: 'PolicyRow', row, version: entry.version } },
            })),
            { Put: { TableName: this.tableName, Item: { ...keys.policyChange(entry.version), entity: 'PolicyChange', ...entry }, ConditionExpression: 'attribute_not_exists(PK)' } },
    ]);
  }

  async changes(): Promise<PolicyChangeEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.POLICY_CHANGES_PARTITION },
    });
    return items.map(({ PK: _p, SK: _s, entity: _e, ...entry }) => entry as unknown as PolicyChangeEntry);
  }
}
