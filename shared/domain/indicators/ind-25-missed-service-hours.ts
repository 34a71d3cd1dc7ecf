import type { DistrictCode } from '../districts';
import { SERVICE_KIND_NAMES, SERVICE_PARAMETERS, type MissedMonth, type ServiceOrder } from '../service-assistance';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/**
 * IND-25, service assistance (服务类社会救助): a bought service's month ended with fewer hours
 * delivered than ordered by the report day of the next month → civil affairs, who bought it,
 * from the hourly sweep. One warning per order and month.
 */
export const missedServiceHours = defineIndicator({
  id: 'IND-25',
  version: 1,
  title: 'purchased care service: fewer hours delivered in a month than ordered',
  titleZh: '购买服务时数不足',
  recipients: ['civil-affairs'],
  parameters: [SERVICE_PARAMETERS.reportDueDay],
  deadlineDays: 10,
  evaluate(
    order: Pick<ServiceOrder, 'orderId' | 'householdId' | 'district' | 'personRef' | 'provider' | 'serviceKind' | 'hoursPerMonth'>,
    m: MissedMonth,
  ): WarningDraft {
    return {
      householdId: order.householdId,
      district: order.district as DistrictCode,
      subjects: [order.personRef],
      dedupeKey: `service-missed:${order.orderId}:${m.month}`,
      action: `check service order ${order.orderId} with provider ${order.provider}: make up the missing hours or withhold their price`,
      explanation: `Service order ${order.orderId} (${SERVICE_KIND_NAMES[order.serviceKind]}): ${m.dueHours} hours were due in ${m.month} and ${m.deliveredHours} were reported by ${m.reportDueOn}.`,
      evidence: [
        {
          recordId: `${order.orderId}:${m.month}`,
          recordType: 'service-order',
          department: 'civil-affairs',
          subject: order.personRef,
          facts: {
            orderId: order.orderId,
            provider: order.provider,
            serviceKind: order.serviceKind,
            month: m.month,
            dueHours: m.dueHours,
            deliveredHours: m.deliveredHours,
            reportDueOn: m.reportDueOn,
          },
        },
      ],
    };
  },
});
