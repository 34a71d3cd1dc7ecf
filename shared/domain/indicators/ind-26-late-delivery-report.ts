import type { DistrictCode } from '../districts';
import { reportDelayDays, SERVICE_KIND_NAMES, SERVICE_PARAMETERS, type ServiceDelivery, type ServiceOrder } from '../service-assistance';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/**
 * IND-26, service assistance: a provider reported deliveries more days after they happened than
 * the parameter allows (a record written long after is hard to check) → civil affairs, from the
 * hourly sweep. One warning per order and month of delivery.
 */
export const lateDeliveryReport = defineIndicator({
  id: 'IND-26',
  version: 1,
  title: 'purchased care service: delivery reported late',
  titleZh: '服务记录迟报',
  recipients: ['civil-affairs'],
  parameters: [SERVICE_PARAMETERS.lateReportDays],
  deadlineDays: 10,
  evaluate(
    order: Pick<ServiceOrder, 'orderId' | 'householdId' | 'district' | 'personRef' | 'provider' | 'serviceKind'>,
    month: string,
    late: readonly Pick<ServiceDelivery, 'deliveredOn' | 'reportedOn' | 'hours'>[],
    lateReportDays: number,
  ): WarningDraft {
    return {
      householdId: order.householdId,
      district: order.district as DistrictCode,
      subjects: [order.personRef],
      dedupeKey: `service-late:${order.orderId}:${month}`,
      action: `ask provider ${order.provider} why deliveries of order ${order.orderId} were reported late, and check them`,
      explanation: `Service order ${order.orderId} (${SERVICE_KIND_NAMES[order.serviceKind]}): ${late.length} delivery report(s) of ${month} came more than ${lateReportDays} day(s) after the service.`,
      evidence: late.map((d) => ({
        recordId: `${order.orderId}:${d.deliveredOn}`,
        recordType: 'service-delivery',
        department: 'civil-affairs',
        subject: order.personRef,
        facts: { orderId: order.orderId, deliveredOn: d.deliveredOn, reportedOn: d.reportedOn, delayDays: reportDelayDays(d), hours: d.hours },
      })),
    };
  },
});
