import type { Partner, PartnerKind } from '../../domain/partners';
import type { PartnerRegistry } from '../../ports/partners';
import { partnerItem } from '../../table/entities/partner';
import type { Table } from './table';

export class DynamoPartnerRegistry implements PartnerRegistry {
  constructor(private readonly table: Table) {}

  async partner(kind: PartnerKind, organisationCode: string): Promise<Partner | undefined> {
    const item = await this.table.get(partnerItem.key(kind, organisationCode));
    return item ? partnerItem.fromItem(item) : undefined;
  }

  async register(partner: Partner): Promise<void> {
    await this.table.batchWrite([partnerItem.toItem(partner)]);
  }

  async list(kind: PartnerKind): Promise<Partner[]> {
    const items = await this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partnerItem.partition(kind) } });
    return items.map(partnerItem.fromItem);
  }
}
