import { raiseWarnings, type DraftToRaise } from '../../shared/application/raise-warnings';
import { cityDay } from '../../shared/domain/city-time';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { missedServiceHours } from '../../shared/domain/indicators/ind-25-missed-service-hours';
import { lateDeliveryReport } from '../../shared/domain/indicators/ind-26-late-delivery-report';
import type { PolicyBook } from '../../shared/domain/policy/policy-book';
import { lateReportsByMonth, missedMonths, SERVICE_PARAMETERS } from '../../shared/domain/service-assistance';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { ServiceAssistanceStore } from '../../shared/ports/service-assistance';
import type { WarningStore } from '../../shared/ports/warning-store';
import { mapLimit } from '../../shared/adapters/partial-retry';

export interface ServiceSweepPorts {
  services: ServiceAssistanceStore;
  warnings: WarningStore;
  events: EventPublisher;
  policy: PolicyBook;
  now: () => Date;
}

/**
 * 服务类社会救助: each order still watched is read with its deliveries; a month that ended short
 * of its hours by the report day (IND-25) and deliveries reported late (IND-26) warn civil
 * affairs, through the same raising path as every warning, one warning per order and month.
 * Parameters are those in force on the day measured (`asOf`), for the order's district.
 */
export async function checkServiceDeliveries(ports: ServiceSweepPorts, runId: string, asOf: Date = ports.now()) {
  const today = cityDay(asOf);
  const orders = (await Promise.all(DISTRICT_CODES.map((d) => ports.services.ordersWatched(d, today)))).flat().filter((o) => o.from <= today);
  const drafts: DraftToRaise[] = [];
  // An order's deliveries are a Query of its partition: a few in flight, not one after another.
  const read = await mapLimit(orders, 8, (o) => ports.services.orderWithDeliveries(o.orderId));
  for (const [i, o] of orders.entries()) {
    const found = read[i];
    if (!found) continue;
    // Only what was reported by the day measured counts (asOf may be in the past).
    const deliveries = found.deliveries.filter((d) => d.reportedOn <= today);
    const missedParams = ports.policy.valuesOn(missedServiceHours.parameters, today, o.district);
    for (const m of missedMonths(o, deliveries, today, Number(missedParams[SERVICE_PARAMETERS.reportDueDay]))) {
      drafts.push({ indicator: missedServiceHours, parameters: missedParams, draft: missedServiceHours.evaluate(o, m) });
    }
    const lateParams = ports.policy.valuesOn(lateDeliveryReport.parameters, today, o.district);
    const lateDays = Number(lateParams[SERVICE_PARAMETERS.lateReportDays]);
    for (const [month, late] of lateReportsByMonth(deliveries, lateDays)) {
      drafts.push({ indicator: lateDeliveryReport, parameters: lateParams, draft: lateDeliveryReport.evaluate(o, month, late, lateDays) });
    }
  }
  const { raised } = await raiseWarnings(drafts, ports, 'overdue-escalation', runId);
  return {
    ordersChecked: orders.length,
    missedHours: raised.filter((w) => w.indicator.id === missedServiceHours.id).map((w) => w.warningId),
    lateReports: raised.filter((w) => w.indicator.id === lateDeliveryReport.id).map((w) => w.warningId),
  };
}
