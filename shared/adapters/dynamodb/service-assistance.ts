import type { ChainEntry } from '../../domain/assistance-chain';
import type { ServiceOrder } from '../../domain/service-assistance';
import type { ServiceAssistanceStore, StoredCareAssessment, StoredDelivery } from '../../ports/service-assistance';
import { householdPartition } from '../../table/entities/household';
import { careAssessment, districtOrders, orderPartition, providerOrders, serviceDelivery, serviceOrder } from '../../table/entities/service-assistance';
import { TABLE_KEYS } from '../../table/keys';
import type { Table } from './table';

/** 服务类社会救助 over the single table (shared/table/entities/service-assistance.ts). */
export class DynamoServiceAssistance implements ServiceAssistanceStore {
  constructor(private readonly table: Table) {}

  async recordAssessment(a: StoredCareAssessment, entry: ChainEntry): Promise<'recorded' | 'exists'> {
    const [outcome] = await this.table.transactGroups([careAssessment.record(a, entry)]);
    return outcome === 'done' ? 'recorded' : 'exists';
  }

  async assessment(householdId: string, needId: string): Promise<StoredCareAssessment | undefined> {
    const item = await this.table.get(careAssessment.key(householdId, needId));
    return item ? careAssessment.fromItem(item) : undefined;
  }

  async assessmentsOf(householdId: string): Promise<StoredCareAssessment[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
      ExpressionAttributeValues: { ':pk': householdPartition(householdId), ':c': careAssessment.prefix },
    });
    return items.map(careAssessment.fromItem);
  }

  async placeOrder(o: ServiceOrder, entry: ChainEntry): Promise<'placed' | 'exists'> {
    const [outcome] = await this.table.transactGroups([serviceOrder.place(o, entry)]);
    return outcome === 'done' ? 'placed' : 'exists';
  }

  async order(orderId: string): Promise<ServiceOrder | undefined> {
    const item = await this.table.get(serviceOrder.key(orderId));
    return item ? serviceOrder.fromItem(item) : undefined;
  }

  async orderWithDeliveries(orderId: string) {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': orderPartition(orderId) },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.SK === serviceOrder.key(orderId).SK);
    if (!head) return undefined;
    return {
      order: serviceOrder.fromItem(head),
      deliveries: items.filter((i) => String(i.SK).startsWith(serviceDelivery.prefix)).map(serviceDelivery.fromItem),
    };
  }

  async ordersOfProvider(provider: string): Promise<ServiceOrder[]> {
    const { indexName, partitionKey } = TABLE_KEYS.gsi1;
    const items = await this.table.query({
      IndexName: indexName,
      KeyConditionExpression: `${partitionKey} = :p`,
      ExpressionAttributeValues: { ':p': providerOrders(provider) },
    });
    return items.map(serviceOrder.fromItem);
  }

  async ordersWatched(district: string, day: string): Promise<ServiceOrder[]> {
    const { indexName, partitionKey, sortKey } = TABLE_KEYS.gsi2;
    const items = await this.table.query({
      IndexName: indexName,
      KeyConditionExpression: `${partitionKey} = :p AND ${sortKey} >= :day`,
      ExpressionAttributeValues: { ':p': districtOrders(district), ':day': day },
    });
    return items.map(serviceOrder.fromItem);
  }

  async reportDelivery(d: StoredDelivery, entry: ChainEntry): Promise<'reported' | 'exists'> {
    const [outcome] = await this.table.transactGroups([serviceDelivery.report(d, entry)]);
    return outcome === 'done' ? 'reported' : 'exists';
  }

  async delivery(orderId: string, deliveredOn: string): Promise<StoredDelivery | undefined> {
    const item = await this.table.get(serviceDelivery.key(orderId, deliveredOn));
    return item ? serviceDelivery.fromItem(item) : undefined;
  }
}
