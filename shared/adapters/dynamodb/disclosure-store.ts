import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DisclosureLine, DisclosureStore } from '../../ports/disclosure';
import { keys } from '../../table/keys';
import { batchPut } from './batch-write';
import { queryAll } from './query-all';
import { strip } from './submission-store';

/** Public-disclosure lines (access pattern 28): one partition a month, sorted by district. */
export class DynamoDisclosureStore implements DisclosureStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(lines: readonly DisclosureLine[]): Promise<void> {
    await batchPut(this.db, this.tableName, lines.map((l) => ({ ...keys.disclosureLine(l.month, l.district, l.kind, l.sourceId), entity: 'DisclosureLine', ...l })));
  }

  async month(month: string, district?: DisclosureLine['district']): Promise<DisclosureLine[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: district ? 'PK = :pk AND begins_with(SK, :d)' : 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.disclosureMonth(month), ...(district ? { ':d': `${district}#` } : {}) },
    });
    return items.map((i) => strip(i) as unknown as DisclosureLine);
  }
}
