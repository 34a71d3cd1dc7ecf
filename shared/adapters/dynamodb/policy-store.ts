import type { PolicyParameter } from '../../domain/policy/policy-book';
import { rowKey, type PolicyChangeEntry } from '../../domain/policy/policy-change';
import type { PolicyStore } from '../../ports/policy-store';
import { policyChange, policyRow, policyVersion } from '../../table/entities/policy';
import type { Table } from './table';

/** The policy book's changes (access patterns 16-18). */
export class DynamoPolicyStore implements PolicyStore {
  constructor(private readonly table: Table) {}

  async load() {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': policyVersion.partition },
      ConsistentRead: true,
    });
    return { version: policyVersion.versionOf(items), rows: policyRow.rowsOf(items) };
  }

  async commit(expectedVersion: number, entry: PolicyChangeEntry): Promise<boolean> {
    const rows = entry.diffs.flatMap((d) => (d.new ? [d.new] : []));
    const [outcome] = await this.table.transactGroups([
      [
        {
          Put: {
            Item: policyVersion.toItem(entry.version, entry.changedAt),
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :expected',
            ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
          },
        },
        ...rows.map((row: PolicyParameter) => ({ Put: { Item: policyRow.toItem(rowKey(row), row, entry.version) } })),
        { Put: { Item: policyChange.toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    ]);
    return outcome === 'done';
  }

  async changes(): Promise<PolicyChangeEntry[]> {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': policyChange.partition } });
    return items.map(policyChange.fromItem);
  }
}
