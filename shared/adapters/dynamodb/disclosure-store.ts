import type { DisclosureLine } from '../../domain/disclosure';
import type { DisclosureStore } from '../../ports/disclosure';
import { disclosureLine } from '../../table/entities/disclosure';
import type { Table } from './table';

/** Public-disclosure lines (access pattern 28): one partition a month, sorted by district. */
export class DynamoDisclosureStore implements DisclosureStore {
  constructor(private readonly table: Table) {}

  /**
   * Each line on condition it was not withdrawn: a replayed answer or a rewrite never posts again
   * a line a correction took off (the refused ones are left as they are, marked).
   */
  async put(lines: readonly DisclosureLine[]): Promise<void> {
    await this.table.transactGroups(lines.map((l) => [disclosureLine.putPosted(l)]));
  }

  async month(month: string, district?: DisclosureLine['district']): Promise<DisclosureLine[]> {
    const items = await this.table.query({
      KeyConditionExpression: district ? 'PK = :pk AND begins_with(SK, :d)' : 'PK = :pk',
      FilterExpression: disclosureLine.postedOnly,
      ExpressionAttributeValues: { ':pk': disclosureLine.partition(month), ...(district ? { ':d': `${district}#` } : {}) },
    });
    return items.map(disclosureLine.fromItem);
  }

  async withdraw(line: Pick<DisclosureLine, 'month' | 'district' | 'kind' | 'sourceId'>, by: { correctionId: string; at: string }): Promise<boolean> {
    return this.table.writeOnce(disclosureLine.withdraw(line, by));
  }
}
