import * as z from 'zod';
import { CARE_GROUPS, SELF_CARE_LEVELS, SERVICE_KINDS } from '../../domain/service-assistance';
import { district, fen, householdId, isoDate, isoDateTime, personRef } from './fields';

const needId = z
  .string()
  .regex(/^N[0-9A-F]{24}$/)
  .meta({ description: '服务需求编号 the service need (one per household, member and assessment day)' });
const orderId = z
  .string()
  .regex(/^O[0-9A-F]{24}$/)
  .meta({ description: '服务订单编号 the service order' });
const provider = z.string().meta({ description: '服务机构统一社会信用代码 the provider’s unified social credit code' });
const serviceKind = z
  .enum(SERVICE_KINDS)
  .meta({ description: '服务类型 生活照料 daily-living-care, 健康照护 health-care, 家庭支持 family-support, 能力提升 capacity-building' });
const hours = z.number().min(0).meta({ description: '小时 hours, in half-hour steps' });
const replayed = z.boolean().meta({ description: 'true when the same request was sent again: nothing was written twice' });

/** 照护需求评估 receipt: the need the rule raised, or none, and the parameters behind it. */
export const careAssessmentReceipt = z
  .object({
    needId,
    householdId,
    personRef,
    group: z.enum(CARE_GROUPS),
    selfCareLevel: z.enum(SELF_CARE_LEVELS),
    assessedOn: isoDate,
    assessor: z.string(),
    raisesNeed: z.boolean().meta({ description: '是否产生服务需求 whether the assessment raised a service need (needs list)' }),
    kinds: z.array(serviceKind),
    hoursPerMonth: hours.meta({ description: '每月服务时数 hours a month the need gives' }),
    parameters: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean()]))
      .meta({ description: 'the policy parameters read, as in force on the day of the assessment' }),
    reason: z.string(),
    recordedAt: isoDateTime,
    replayed,
  })
  .meta({ title: '照护需求评估回执 Care-needs assessment receipt' });

const orderFields = {
  orderId,
  needId,
  householdId,
  district,
  personRef,
  provider,
  serviceKind,
  hoursPerMonth: hours,
  pricePerHourFen: fen.meta({ description: '每小时单价（分） price per hour in fen' }),
  from: isoDate,
  to: isoDate,
  orderedAt: isoDateTime,
  orderedBy: z.string(),
};
/** 服务订单 as civil affairs sees it. */
export const serviceOrder = z.object(orderFields).meta({ title: '服务订单 Service order' });
export const serviceOrderReceipt = z.object({ ...orderFields, replayed }).meta({ title: '服务订单回执 Service order receipt' });
export const serviceOrderList = z.object({ orders: z.array(serviceOrder) }).meta({ title: '服务订单列表 Service orders' });

/** What a provider sees: no name, identity number, household or address; the member by the provider's own reference. */
export const providerOrderList = z
  .object({
    provider,
    orders: z.array(
      z.strictObject({
        orderId,
        district,
        serviceKind,
        hoursPerMonth: hours,
        pricePerHourFen: fen,
        from: isoDate,
        to: isoDate,
        memberRef: z
          .string()
          .regex(/^M[0-9A-F]{12}$/)
          .meta({ description: '服务对象代号 the member, by a reference of this provider’s own (the same across its orders, unknown to any other provider)' }),
      }),
    ),
  })
  .meta({ title: '服务机构订单 A provider’s orders' });

export const deliveryReceipt = z
  .object({
    orderId,
    deliveredOn: isoDate,
    hours,
    amountFen: fen.meta({ description: '服务金额（分） hours at the order’s price, in fen' }),
    reportedAt: isoDateTime,
    reportDelayDays: z.number().int().min(0).meta({ description: '报告延迟天数 days between the service and its report (IND-26 above the parameter)' }),
    monthHours: z
      .object({ month: z.string(), delivered: hours, ordered: hours })
      .meta({ description: 'the month’s hours reported so far, against those ordered' }),
    replayed,
  })
  .meta({ title: '服务记录回执 Delivery receipt' });

/** 需求清单's service needs. */
export const serviceNeed = z.object({
  needId,
  personRef,
  group: z.enum(CARE_GROUPS),
  selfCareLevel: z.enum(SELF_CARE_LEVELS),
  assessedOn: isoDate,
  kinds: z.array(serviceKind),
  hoursPerMonth: hours,
  reason: z.string(),
});
