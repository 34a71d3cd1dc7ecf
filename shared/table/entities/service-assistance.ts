import * as z from 'zod';
import type { ChainEntry } from '../../domain/assistance-chain';
import { DISTRICT_CODES } from '../../domain/districts';
import { CARE_GROUPS, SELF_CARE_LEVELS, SERVICE_KINDS, orderWatchedUntil, type ServiceDelivery, type ServiceOrder } from '../../domain/service-assistance';
import { parseItem, type WriteAction } from '../entity';
import type { ItemKey } from '../keys';
import { chainEntry, householdPartition } from './household';

/**
 * 服务类社会救助 items. A care assessment (with the need it raised) lives in its household's
 * partition, `#CARE#<needId>`, beside the chain. An order has its own partition `SVC#<orderId>`:
 * the order (`#ORDER`) and one item per day of delivery (`DELIVERY#<day>`), so the sweep reads an
 * order and its deliveries with one query. Orders are listed by provider (GSI1 `PROVIDER#<code>`)
 * and by district until the sweep stops watching them (GSI2 `SVCORDERS#<district>`, sorted by that day).
 */
export const CARE_PREFIX = '#CARE#';
const careKey = (householdId: string, needId: string): ItemKey => ({ PK: householdPartition(householdId), SK: `${CARE_PREFIX}${needId}` });
const parameterValue = z.union([z.number(), z.string(), z.boolean()]);
const careSchema = z.object({
  needId: z.string(),
  householdId: z.string(),
  personRef: z.string(),
  group: z.enum(CARE_GROUPS),
  selfCareLevel: z.enum(SELF_CARE_LEVELS),
  assessedOn: z.string(),
  assessor: z.string(),
  note: z.string().optional(),
  raisesNeed: z.boolean(),
  kinds: z.array(z.enum(SERVICE_KINDS)),
  hoursPerMonth: z.number(),
  parameters: z.record(z.string(), parameterValue),
  reason: z.string(),
  recordedAt: z.string(),
  bodyHash: z.string(),
});
export type StoredCareAssessment = z.infer<typeof careSchema>;
export const careAssessment = {
  key: careKey,
  prefix: CARE_PREFIX,
  fromItem: (item: Record<string, unknown>) => parseItem('CareAssessment', careSchema, item),
  /** The assessment once, with its chain entry; a second with the same need id fails its condition. */
  record: (a: StoredCareAssessment, entry: ChainEntry): WriteAction[] => [
    { Put: { Item: { ...careKey(a.householdId, a.needId), entity: 'CareAssessment', ...a }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { Item: chainEntry.toItem(entry) } },
  ],
};

export const orderPartition = (orderId: string) => `SVC#${orderId}`;
const orderKey = (orderId: string): ItemKey => ({ PK: orderPartition(orderId), SK: '#ORDER' });
export const providerOrders = (provider: string) => `PROVIDER#${provider}`;
export const districtOrders = (district: string) => `SVCORDERS#${district}`;
const orderSchema = z.object({
  orderId: z.string(),
  needId: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  personRef: z.string(),
  provider: z.string(),
  serviceKind: z.enum(SERVICE_KINDS),
  hoursPerMonth: z.number(),
  pricePerHourFen: z.number().int(),
  from: z.string(),
  to: z.string(),
  orderedAt: z.string(),
  orderedBy: z.string(),
});
export const serviceOrder = {
  key: orderKey,
  fromItem: (item: Record<string, unknown>): ServiceOrder => parseItem('ServiceOrder', orderSchema, item),
  /** The order once (a replay finds it there), with its chain entry in the household's partition. */
  place: (o: ServiceOrder, entry: ChainEntry): WriteAction[] => [
    {
      Put: {
        Item: {
          ...orderKey(o.orderId),
          entity: 'ServiceOrder',
          ...o,
          GSI1PK: providerOrders(o.provider),
          GSI1SK: `${o.from}#${o.orderId}`,
          GSI2PK: districtOrders(o.district),
          GSI2SK: `${orderWatchedUntil(o.to)}#${o.orderId}`,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    { Put: { Item: chainEntry.toItem(entry) } },
  ],
};

const deliveryKey = (orderId: string, deliveredOn: string): ItemKey => ({ PK: orderPartition(orderId), SK: `DELIVERY#${deliveredOn}` });
const deliverySchema = z.object({
  orderId: z.string(),
  deliveredOn: z.string(),
  hours: z.number(),
  reportedAt: z.string(),
  reportedOn: z.string(),
  provider: z.string(),
  note: z.string().optional(),
  bodyHash: z.string(),
});
export type StoredDelivery = ServiceDelivery & { bodyHash: string };
export const serviceDelivery = {
  key: deliveryKey,
  prefix: 'DELIVERY#',
  fromItem: (item: Record<string, unknown>): StoredDelivery => parseItem('ServiceDelivery', deliverySchema, item),
  /** One delivery per order and day (the natural key), with its chain entry (幸福清单). */
  report: (d: StoredDelivery, entry: ChainEntry): WriteAction[] => [
    { Put: { Item: { ...deliveryKey(d.orderId, d.deliveredOn), entity: 'ServiceDelivery', ...d }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { ConditionCheck: { Key: orderKey(d.orderId), ConditionExpression: 'attribute_exists(PK)' } },
    { Put: { Item: chainEntry.toItem(entry) } },
  ],
};
