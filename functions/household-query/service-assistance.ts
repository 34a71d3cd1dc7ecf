import type * as z from 'zod';
import { bilingual } from '../../shared/domain/bilingual';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { invalidInput } from '../../shared/domain/errors';
import { fieldProblems } from '../../shared/domain/errors';
import { problemsMessage } from '../../shared/domain/policy/policy-change';
import { memberRefFor, ORGANISATION_CODE_PATTERN, type ServiceOrder, serviceOrdersQuery } from '../../shared/domain/service-assistance';
import type { ServiceAssistanceStore } from '../../shared/ports/service-assistance';

type Params = Record<string, string | undefined> | null | undefined;
function queryOf<S extends z.ZodType>(schema: S, params: Params): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw invalidInput('InvalidQuery', problemsMessage(problems), problems);
  }
  return parsed.data;
}

/** The query of GET /service-orders, checked. */
export const serviceOrdersQueryOf = (params: Params) => queryOf(serviceOrdersQuery, params);

/** 服务订单: civil affairs lists the orders of one provider, or of one district or all, latest period first. */
export async function listServiceOrders(query: { provider?: string; district?: string }, services: ServiceAssistanceStore) {
  const orders = query.provider
    ? await services.ordersOfProvider(query.provider)
    : (await Promise.all((query.district ? [query.district] : DISTRICT_CODES).map((d) => services.ordersWatched(d, '0')))).flat();
  const shown = orders
    .filter((o) => !query.district || o.district === query.district)
    .sort((a, b) => b.from.localeCompare(a.from) || a.orderId.localeCompare(b.orderId));
  return { orders: shown };
}

/** What a provider sees of its order: the work, where (the district) and for whom by its own reference; no name, number, household or address. */
export function providerView(o: ServiceOrder) {
  return {
    orderId: o.orderId,
    district: o.district,
    serviceKind: o.serviceKind,
    hoursPerMonth: o.hoursPerMonth,
    pricePerHourFen: o.pricePerHourFen,
    from: o.from,
    to: o.to,
    memberRef: memberRefFor(o.provider, o.personRef),
  };
}

/** 服务机构的订单: a provider's own orders, minimal and masked. */
export async function listProviderOrders(provider: string, services: ServiceAssistanceStore) {
  if (!ORGANISATION_CODE_PATTERN.test(provider)) {
    throw invalidInput('InvalidProvider', bilingual('服务机构代码须为 18 位统一社会信用代码', 'provider must be an 18-character unified social credit code'), [
      { field: 'provider', message: bilingual('不是统一社会信用代码', 'not a unified social credit code') },
    ]);
  }
  const orders = await services.ordersOfProvider(provider);
  return { provider, orders: orders.sort((a, b) => b.from.localeCompare(a.from)).map(providerView) };
}

/** 需求清单's service part: each assessment that raised a need. */
export async function serviceNeedsOf(householdId: string, services: ServiceAssistanceStore) {
  const assessments = await services.assessmentsOf(householdId);
  return assessments
    .filter((a) => a.raisesNeed)
    .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn))
    .map((a) => ({
      needId: a.needId,
      personRef: a.personRef,
      group: a.group,
      selfCareLevel: a.selfCareLevel,
      assessedOn: a.assessedOn,
      kinds: a.kinds,
      hoursPerMonth: a.hoursPerMonth,
      reason: a.reason,
    }));
}
