import { createHash } from 'node:crypto';
import { bilingual } from '../../shared/domain/bilingual';
import { cityDay } from '../../shared/domain/city-time';
import { conflict, invalidInput, notFound, ruleBroken } from '../../shared/domain/errors';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import {
  assessmentParameters,
  type CareAssessmentRequest,
  decideCareNeed,
  deliveryFen,
  deliveryIncrements,
  type DeliveryReport,
  hoursDueIn,
  needIdFor,
  orderIdFor,
  reportDelayDays,
  SERVICE_KIND_NAMES,
  SELF_CARE_LEVEL_NAMES,
  type ServiceOrder,
  type ServiceOrderRequest,
} from '../../shared/domain/service-assistance';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { PartnerRegistry } from '../../shared/ports/partners';
import type { ServiceAssistanceStore, StoredCareAssessment, StoredDelivery } from '../../shared/ports/service-assistance';
import type { StatisticsStore } from '../../shared/ports/statistics';

const hashOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export interface CarePorts {
  register: Pick<HouseholdRegister, 'household'>;
  services: ServiceAssistanceStore;
  policy: PolicyBook;
  now: () => Date;
}

/** What a care assessment's receipt says: the need it raised (or not) and the parameters behind it. */
export type CareAssessmentReceipt = Omit<StoredCareAssessment, 'bodyHash' | 'note'> & { replayed: boolean };

const receiptOf = ({ bodyHash: _h, note: _n, ...a }: StoredCareAssessment, replayed: boolean): CareAssessmentReceipt => ({ ...a, replayed });

/**
 * 照护需求评估: civil affairs records a member's self-care ability; the rule (in force on the day
 * of the assessment, for the household's district) decides the service need, which enters the
 * needs list and the chain. The same assessment sent again changes nothing; a different one for
 * the same member and day is refused (a new assessment has a new day).
 */
export async function recordCareAssessment(
  input: { householdId: string; assessment: CareAssessmentRequest; by: string },
  ports: CarePorts,
): Promise<CareAssessmentReceipt> {
  const { householdId, assessment: a } = input;
  const household = await ports.register.household(householdId);
  if (!household) throw notFound('HouseholdNotFound', bilingual(`没有户编号为 ${householdId} 的家庭`, `no household ${householdId}`));
  if (!household.members.some((m) => m.personRef === a.personRef)) {
    throw invalidInput('InvalidCareAssessment', bilingual('该人员不是本户成员', 'the person is not a member of this household'), [
      { field: 'personRef', message: bilingual('不是本户成员', 'not a member of the household') },
    ]);
  }
  const recordedAt = ports.now().toISOString();
  if (a.assessedOn > cityDay(recordedAt)) {
    throw invalidInput('InvalidCareAssessment', bilingual('评估日期不能晚于今天', 'assessedOn may not be later than today'), [
      { field: 'assessedOn', message: bilingual('不能晚于今天', 'may not be in the future') },
    ]);
  }
  const bodyHash = hashOf(a);
  const needId = needIdFor(householdId, a.personRef, a.assessedOn);
  const decision = decideCareNeed(a, ports.policy.valuesOn(assessmentParameters(a.group, a.selfCareLevel), a.assessedOn, household.district));
  const stored: StoredCareAssessment = {
    needId,
    householdId,
    personRef: a.personRef,
    group: a.group,
    selfCareLevel: a.selfCareLevel,
    assessedOn: a.assessedOn,
    assessor: a.assessor,
    ...(a.note ? { note: a.note } : {}),
    raisesNeed: decision.raisesNeed,
    kinds: decision.kinds,
    hoursPerMonth: decision.hoursPerMonth,
    parameters: decision.parameters,
    reason: decision.reason,
    recordedAt,
    bodyHash,
  };
  const outcome = await ports.services.recordAssessment(stored, {
    householdId,
    at: recordedAt,
    entryId: `care:${needId}`,
    kind: 'care-assessed',
    actor: input.by,
    summary: `照护需求评估 care-needs assessment on ${a.assessedOn}: ${SELF_CARE_LEVEL_NAMES[a.selfCareLevel]}; ${decision.raisesNeed ? `service need ${needId}: ${decision.hoursPerMonth} hours a month` : 'no service need'}`,
    refs: { needId, personRef: a.personRef, assessor: a.assessor },
  });
  if (outcome === 'recorded') return receiptOf(stored, false);
  const existing = await ports.services.assessment(householdId, needId);
  if (existing?.bodyHash === bodyHash) return receiptOf(existing, true);
  throw conflict(
    'CareAssessmentExists',
    bilingual(`该成员 ${a.assessedOn} 的评估已另行记录`, `another assessment of this member on ${a.assessedOn} is on record`),
  );
}

export type ServiceOrderReceipt = ServiceOrder & { replayed: boolean };

export type OrderPorts = Omit<CarePorts, 'policy'> & { partners: Pick<PartnerRegistry, 'partner'> };

/**
 * 政府购买服务: civil affairs orders a service for a need from a contracted provider: a service
 * provider it registered (POST /partners), active and serving the household's district; a kind the
 * need names, no more hours a month than it gives, from the day it was assessed. One order per
 * need, provider, kind and period: the same order sent again is a replay.
 */
export async function placeServiceOrder(input: { order: ServiceOrderRequest; by: string }, ports: OrderPorts): Promise<ServiceOrderReceipt> {
  const o = input.order;
  const need = await ports.services.assessment(o.householdId, o.needId);
  if (!need)
    throw notFound(
      'ServiceNeedNotFound',
      bilingual(`户 ${o.householdId} 没有服务需求 ${o.needId}`, `household ${o.householdId} has no service need ${o.needId}`),
    );
  const refuse = (field: string, zh: string, en: string) => ruleBroken('ServiceOrderRefused', bilingual(zh, en), [{ field, message: bilingual(zh, en) }]);
  if (!need.raisesNeed) throw refuse('needId', '该评估未产生服务需求', 'the assessment raised no service need');
  if (!need.kinds.includes(o.serviceKind)) throw refuse('serviceKind', `需求不含 ${o.serviceKind}`, `the need is for ${need.kinds.join(', ')}`);
  if (o.hoursPerMonth > need.hoursPerMonth)
    throw refuse('hoursPerMonth', `每月不超过 ${need.hoursPerMonth} 小时`, `at most ${need.hoursPerMonth} hours a month for this need`);
  if (o.from < need.assessedOn) throw refuse('from', `不得早于评估日 ${need.assessedOn}`, `may not start before the assessment on ${need.assessedOn}`);
  const household = await ports.register.household(o.householdId);
  if (!household) throw notFound('HouseholdNotFound', bilingual(`没有户编号为 ${o.householdId} 的家庭`, `no household ${o.householdId}`));
  // Only an organisation civil affairs registered can sign in to read and report the order.
  const provider = await ports.partners.partner('service-provider', o.provider);
  if (!provider?.active) throw refuse('provider', `${o.provider} 不是已登记且有效的服务机构`, `${o.provider} is not a registered, active service provider`);
  if (!provider.districts.includes(household.district))
    throw refuse('provider', `服务机构不承接 ${household.district} 的服务`, `the provider does not serve district ${household.district}`);
  const orderedAt = ports.now().toISOString();
  const order: ServiceOrder = {
    orderId: orderIdFor(o),
    needId: o.needId,
    householdId: o.householdId,
    district: household.district,
    personRef: need.personRef,
    provider: o.provider,
    serviceKind: o.serviceKind,
    hoursPerMonth: o.hoursPerMonth,
    pricePerHourFen: o.pricePerHourFen,
    from: o.from,
    to: o.to,
    orderedAt,
    orderedBy: input.by,
  };
  const placed = await ports.services.placeOrder(order, {
    householdId: o.householdId,
    at: orderedAt,
    entryId: `service-order:${order.orderId}`,
    kind: 'service-ordered',
    actor: input.by,
    summary: `购买服务 ${SERVICE_KIND_NAMES[o.serviceKind]}: ${o.hoursPerMonth} hours a month at ${o.pricePerHourFen} fen an hour, ${o.from} to ${o.to}, from provider ${o.provider}`,
    refs: { orderId: order.orderId, needId: o.needId, provider: o.provider, serviceKind: o.serviceKind },
  });
  if (placed === 'placed') return { ...order, replayed: false };
  const existing = await ports.services.order(order.orderId);
  if (existing && existing.hoursPerMonth === o.hoursPerMonth && existing.pricePerHourFen === o.pricePerHourFen) return { ...existing, replayed: true };
  throw conflict(
    'ServiceOrderExists',
    bilingual(`订单 ${order.orderId} 已以其他时数或单价下达`, `order ${order.orderId} was placed with other hours or price`),
  );
}

export interface DeliveryPorts {
  services: ServiceAssistanceStore;
  statistics: StatisticsStore;
  now: () => Date;
}

export interface DeliveryReceipt {
  orderId: string;
  deliveredOn: string;
  hours: number;
  amountFen: number;
  reportedAt: string;
  reportDelayDays: number;
  monthHours: { month: string; delivered: number; ordered: number };
  replayed: boolean;
}

/**
 * 服务记录: the provider reports a day's service on its own order. One report per order and day
 * (the natural key): the same report again is a replay, a different one for a reported day is
 * refused. No more hours in a month than the order buys. The delivery enters the happiness list
 * (the chain) and the month's statistics (hours and spending by kind and district), counted once.
 */
export async function reportServiceDelivery(
  input: { orderId: string; provider: string; report: DeliveryReport },
  ports: DeliveryPorts,
): Promise<DeliveryReceipt> {
  const { report: r } = input;
  const found = await ports.services.orderWithDeliveries(input.orderId);
  // Another provider's order is answered as no order at all: a provider learns nothing of others' work.
  if (!found || found.order.provider !== input.provider)
    throw notFound('ServiceOrderNotFound', bilingual(`没有本机构的服务订单 ${input.orderId}`, `no service order ${input.orderId} of this provider`));
  const { order, deliveries } = found;
  const reportedAt = ports.now().toISOString();
  const reportedOn = cityDay(reportedAt);
  const bodyHash = hashOf(r);
  const month = r.deliveredOn.slice(0, 7);
  const ordered = hoursDueIn(order, month);
  const monthHours = (list: readonly StoredDelivery[]) => list.filter((d) => d.deliveredOn.startsWith(month)).reduce((s, d) => s + d.hours, 0);
  const receipt = (d: StoredDelivery, replayed: boolean, delivered: number): DeliveryReceipt => ({
    orderId: order.orderId,
    deliveredOn: d.deliveredOn,
    hours: d.hours,
    amountFen: deliveryFen(order, d.hours),
    reportedAt: d.reportedAt,
    reportDelayDays: reportDelayDays(d),
    monthHours: { month, delivered, ordered },
    replayed,
  });
  const countIt = (d: StoredDelivery) =>
    ports.statistics.count([{ eventKey: `service-delivered:${order.orderId}:${d.deliveredOn}`, month, increments: deliveryIncrements(order, d.hours) }]);

  const earlier = deliveries.find((d) => d.deliveredOn === r.deliveredOn);
  if (earlier) {
    if (earlier.bodyHash !== bodyHash)
      throw conflict('DeliveryAlreadyReported', bilingual(`${r.deliveredOn} 的服务已报告`, `the service of ${r.deliveredOn} is reported already`));
    // A replay after a crash between the write and the count counts it now (once, by its key).
    await countIt(earlier);
    return receipt(earlier, true, monthHours(deliveries));
  }
  const refuse = (field: string, zh: string, en: string) => ruleBroken('DeliveryRefused', bilingual(zh, en), [{ field, message: bilingual(zh, en) }]);
  if (r.deliveredOn < order.from || r.deliveredOn > order.to)
    throw refuse('deliveredOn', `不在订单服务期 ${order.from}–${order.to} 内`, `outside the order's period ${order.from} to ${order.to}`);
  if (r.deliveredOn > reportedOn) throw refuse('deliveredOn', '不能晚于今天', 'may not be later than today');
  if (monthHours(deliveries) + r.hours > ordered)
    throw refuse(
      'hours',
      `${month} 月已报 ${monthHours(deliveries)} 小时，订单购买 ${ordered} 小时`,
      `${monthHours(deliveries)} of the ${ordered} hours ordered for ${month} are reported already`,
    );

  const delivery: StoredDelivery = {
    orderId: order.orderId,
    deliveredOn: r.deliveredOn,
    hours: r.hours,
    reportedAt,
    reportedOn,
    provider: input.provider,
    ...(r.note ? { note: r.note } : {}),
    bodyHash,
  };
  const fen = deliveryFen(order, r.hours);
  const outcome = await ports.services.reportDelivery(delivery, {
    householdId: order.householdId,
    at: reportedAt,
    entryId: `service-delivery:${order.orderId}:${r.deliveredOn}`,
    kind: 'service-delivered',
    actor: `provider:${order.provider}`,
    summary: `${SERVICE_KIND_NAMES[order.serviceKind]}: ${r.hours} hours on ${r.deliveredOn}, ${fen} fen (order ${order.orderId})`,
    refs: {
      orderId: order.orderId,
      provider: order.provider,
      serviceKind: order.serviceKind,
      deliveredOn: r.deliveredOn,
      hours: String(r.hours),
      amountFen: String(fen),
    },
  });
  if (outcome === 'exists') {
    // Another request for the same day came first.
    const other = await ports.services.delivery(order.orderId, r.deliveredOn);
    if (other?.bodyHash !== bodyHash)
      throw conflict('DeliveryAlreadyReported', bilingual(`${r.deliveredOn} 的服务已报告`, `the service of ${r.deliveredOn} is reported already`));
  }
  await countIt(delivery);
  return receipt(delivery, outcome === 'exists', monthHours(deliveries) + r.hours);
}
