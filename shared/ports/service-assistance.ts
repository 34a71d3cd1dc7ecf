import type { ChainEntry } from '../domain/assistance-chain';
import type { ServiceOrder } from '../domain/service-assistance';
import type { StoredCareAssessment, StoredDelivery } from '../table/entities/service-assistance';

export type { StoredCareAssessment, StoredDelivery };

/** 服务类社会救助: assessments and their needs, orders and their deliveries. */
export interface ServiceAssistanceStore {
  /** Writes the assessment and its chain entry once; 'exists' when one with its need id is there already. */
  recordAssessment(a: StoredCareAssessment, entry: ChainEntry): Promise<'recorded' | 'exists'>;
  assessment(householdId: string, needId: string): Promise<StoredCareAssessment | undefined>;
  /** Every assessment of a household, oldest need id first. */
  assessmentsOf(householdId: string): Promise<StoredCareAssessment[]>;
  placeOrder(o: ServiceOrder, entry: ChainEntry): Promise<'placed' | 'exists'>;
  order(orderId: string): Promise<ServiceOrder | undefined>;
  /** An order with its deliveries in day order (one query). */
  orderWithDeliveries(orderId: string): Promise<{ order: ServiceOrder; deliveries: StoredDelivery[] } | undefined>;
  ordersOfProvider(provider: string): Promise<ServiceOrder[]>;
  /** The district's orders the sweep still watches on `day` (those whose watch has not ended). */
  ordersWatched(district: string, day: string): Promise<ServiceOrder[]>;
  /** Writes the delivery and its chain entry once per order and day; 'exists' when that day is reported already. */
  reportDelivery(d: StoredDelivery, entry: ChainEntry): Promise<'reported' | 'exists'>;
  delivery(orderId: string, deliveredOn: string): Promise<StoredDelivery | undefined>;
}
