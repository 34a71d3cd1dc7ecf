import * as z from 'zod';
import { freeText } from '../privacy/free-text';
import { PERSON_REF_PATTERN } from '../privacy/person-ref';
import { addCalendarDays } from './city-time';
import { DISTRICT_CODES, type DistrictCode } from './districts';
import { hexIdOf } from './hex-id';
import type { PolicyValue } from './policy/policy-book';

/**
 * 服务类社会救助 (plan 三.4): people in low-income households who cannot look after themselves
 * get care bought from contracted organisations (政府购买服务). Civil affairs assesses a member's
 * self-care ability; the rule below turns the assessment into a service need (需求清单), which
 * civil affairs orders from a provider; the provider reports each delivery (幸福清单).
 */

/** Who the plan names: elderly, minors, disabled and seriously ill people who cannot look after themselves. */
export const CARE_GROUPS = ['elderly', 'minor', 'disabled', 'seriously-ill'] as const;
export type CareGroup = (typeof CARE_GROUPS)[number];
export const CARE_GROUP_NAMES: Record<CareGroup, string> = {
  elderly: '老年人 elderly',
  minor: '未成年人 minor',
  disabled: '残疾人 disabled',
  'seriously-ill': '重病患者 seriously ill',
};

/** The national ability assessment's levels (老年人能力评估规范 GB/T 42195-2022), mildest first. */
export const SELF_CARE_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total'] as const;
export type SelfCareLevel = (typeof SELF_CARE_LEVELS)[number];
export const SELF_CARE_LEVEL_NAMES: Record<SelfCareLevel, string> = {
  intact: '能力完好 intact',
  mild: '轻度失能 mildly impaired',
  moderate: '中度失能 moderately impaired',
  severe: '重度失能 severely impaired',
  total: '完全失能 totally impaired',
};

/** The services the plan lists: daily-living care, health care, family support, capacity building. */
export const SERVICE_KINDS = ['daily-living-care', 'health-care', 'family-support', 'capacity-building'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SERVICE_KIND_NAMES: Record<ServiceKind, string> = {
  'daily-living-care': '生活照料 daily-living care',
  'health-care': '健康照护 health care',
  'family-support': '家庭支持 family support',
  'capacity-building': '能力提升 capacity building',
};

/** The policy parameters the rules read (city-parameters.ts), never literals. */
export const SERVICE_PARAMETERS = {
  hoursPerMonth: (level: SelfCareLevel) => `service.hoursPerMonth.${level}`,
  kinds: (group: CareGroup) => `service.kinds.${group}`,
  reportDueDay: 'service.reportDueDay',
  lateReportDays: 'service.lateReportDays',
} as const;

/** The parameters an assessment of this group and level reads. */
export const assessmentParameters = (group: CareGroup, level: SelfCareLevel) => [SERVICE_PARAMETERS.hoursPerMonth(level), SERVICE_PARAMETERS.kinds(group)];

const label = (zh: string, en: string) => ({ description: `${zh} ${en}` });
const day = z.iso.date();
const personRef = z.string().regex(PERSON_REF_PATTERN).meta(label('人员标识', 'the member’s person reference, as the chain and person query give it'));
/** A staff number, not a name: names never go into stored free text. */
const officerId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/)
  .meta(label('评估员工号', 'the assessor’s staff number (not a name)'));
/** Hours in half-hour steps. */
const hours = (max: number) =>
  z
    .number()
    .positive()
    .max(max)
    .refine((h) => Number.isInteger(h * 2), { message: '须为 0.5 小时的整数倍 / must be a multiple of half an hour' });
/** An organisation's unified social credit code (统一社会信用代码, GB 32100: 18 characters). */
export const ORGANISATION_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const organisationCode = z
  .string()
  .regex(ORGANISATION_CODE_PATTERN)
  .meta(label('服务机构统一社会信用代码', 'the provider’s unified social credit code (18 characters)'));

/** `POST /households/{householdId}/care-assessments`: a member's self-care ability as assessed. */
export const careAssessmentRequest = z
  .strictObject({
    personRef,
    group: z.enum(CARE_GROUPS).meta(label('对象类别', 'elderly | minor | disabled | seriously-ill')),
    selfCareLevel: z
      .enum(SELF_CARE_LEVELS)
      .meta(label('自理能力等级', 'intact 能力完好 | mild 轻度失能 | moderate 中度失能 | severe 重度失能 | total 完全失能')),
    assessedOn: day.meta(label('评估日期', 'the day of the assessment (yyyy-mm-dd)')),
    assessor: officerId,
    note: freeText({ max: 500 }).optional().meta(label('评估说明', 'what was observed; no names or numbers')),
  })
  .meta({ description: '照护需求评估 care-needs assessment' });
export type CareAssessmentRequest = z.infer<typeof careAssessmentRequest>;

/** `POST /service-orders`: civil affairs buys a service from a contracted provider for a need. */
export const serviceOrderRequest = z
  .strictObject({
    householdId: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/)
      .meta(label('户编号', 'the household of the need')),
    needId: z
      .string()
      .regex(/^N[0-9A-F]{24}$/)
      .meta(label('服务需求编号', 'the service need it answers (from the needs list)')),
    provider: organisationCode,
    serviceKind: z.enum(SERVICE_KINDS).meta(label('服务类型', 'one of the need’s service kinds')),
    hoursPerMonth: hours(300).meta(label('每月服务时数', 'hours a month, in half-hour steps')),
    pricePerHourFen: z.number().int().positive().max(100_000).meta(label('每小时单价（分）', 'price per hour in fen')),
    from: day.meta(label('服务起始日', 'first day of service')),
    to: day.meta(label('服务截止日', 'last day of service')),
  })
  .refine((o) => o.from <= o.to, { path: ['to'], message: '截止日不得早于起始日 / to must not be before from' })
  .meta({ description: '政府购买服务订单 a service order' });
export type ServiceOrderRequest = z.infer<typeof serviceOrderRequest>;

/** `POST /provider/orders/{orderId}/deliveries`: one day's service as the provider reports it. */
export const deliveryReport = z
  .strictObject({
    deliveredOn: day.meta(label('服务日期', 'the day the service was given')),
    hours: hours(24).meta(label('服务时数', 'hours given that day, in half-hour steps')),
    note: freeText({ max: 500 }).optional().meta(label('服务记录', 'what was done; no names or numbers')),
  })
  .meta({ description: '服务记录 a delivery report' });
export type DeliveryReport = z.infer<typeof deliveryReport>;

/** `GET /service-orders?provider=`. */
export const serviceOrdersQuery = z.strictObject({
  provider: organisationCode.optional(),
  district: z.enum(DISTRICT_CODES).optional().meta(label('区县代码', 'only this district')),
});

/** What the rule made of an assessment: whether it raises a service need, which kinds, how many hours a month. */
export interface CareDecision {
  raisesNeed: boolean;
  kinds: ServiceKind[];
  hoursPerMonth: number;
  /** The parameters read, with their values, as the need records them. */
  parameters: Record<string, PolicyValue>;
  reason: string;
}

/**
 * The rule (plan 三.4): a member who cannot fully look after themselves gets the hours a month
 * their level's parameter gives, in the kinds of service their group's parameter lists; someone
 * whose ability is intact, or whose level's hours are 0, raises no need.
 */
export function decideCareNeed(a: Pick<CareAssessmentRequest, 'group' | 'selfCareLevel'>, parameters: Readonly<Record<string, PolicyValue>>): CareDecision {
  const hoursName = SERVICE_PARAMETERS.hoursPerMonth(a.selfCareLevel);
  const kindsName = SERVICE_PARAMETERS.kinds(a.group);
  const hoursPerMonth = Number(parameters[hoursName]);
  if (!Number.isFinite(hoursPerMonth) || hoursPerMonth < 0) throw new Error(`policy parameter ${hoursName} is not a number of hours`);
  const kinds = String(parameters[kindsName] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k): k is ServiceKind => (SERVICE_KINDS as readonly string[]).includes(k));
  const used = { [hoursName]: parameters[hoursName]!, [kindsName]: parameters[kindsName] ?? '' };
  const level = SELF_CARE_LEVEL_NAMES[a.selfCareLevel];
  if (hoursPerMonth === 0 || kinds.length === 0) {
    return { raisesNeed: false, kinds: [], hoursPerMonth: 0, parameters: used, reason: `${level}: no service need (${hoursName} = ${hoursPerMonth})` };
  }
  return {
    raisesNeed: true,
    kinds,
    hoursPerMonth,
    parameters: used,
    reason: `${level}, ${CARE_GROUP_NAMES[a.group]}: ${hoursPerMonth} hours a month of ${kinds.join(', ')}`,
  };
}

/** A need's id: one per household, member and assessment day, so the same assessment sent again is the same need. */
export const needIdFor = (householdId: string, personRef: string, assessedOn: string) =>
  `N${hexIdOf(`service-need|${householdId}|${personRef}|${assessedOn}`, 24)}`;
/** An order's id: one per need, provider, kind and period. */
export const orderIdFor = (o: Pick<ServiceOrderRequest, 'needId' | 'provider' | 'serviceKind' | 'from' | 'to'>) =>
  `O${hexIdOf(`service-order|${o.needId}|${o.provider}|${o.serviceKind}|${o.from}|${o.to}`, 24)}`;
export const ORDER_ID_PATTERN = /^O[0-9A-F]{24}$/;
export const NEED_ID_PATTERN = /^N[0-9A-F]{24}$/;
/**
 * What a provider sees of the member: a reference of its own, the same across its orders for one
 * person and different at every other provider, so providers cannot link people between them.
 */
export const memberRefFor = (provider: string, personRef: string) => `M${hexIdOf(`service-member|${provider}|${personRef}`, 12)}`;

/** A service order as stored. */
export interface ServiceOrder {
  orderId: string;
  needId: string;
  householdId: string;
  district: DistrictCode;
  personRef: string;
  provider: string;
  serviceKind: ServiceKind;
  hoursPerMonth: number;
  pricePerHourFen: number;
  from: string;
  to: string;
  orderedAt: string;
  orderedBy: string;
}

/** A delivery as stored: the day, the hours, when it was reported (a city day) and by whom. */
export interface ServiceDelivery {
  orderId: string;
  deliveredOn: string;
  hours: number;
  reportedAt: string;
  reportedOn: string;
  provider: string;
  note?: string;
}

/** Spending on a delivery, in fen: hours at the order's price, rounded to the fen. */
export const deliveryFen = (order: Pick<ServiceOrder, 'pricePerHourFen'>, hoursGiven: number) => Math.round(hoursGiven * order.pricePerHourFen);

const daysInMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
/** The month after yyyy-mm. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The calendar months an order's period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) months.push(m);
  return months;
}

/**
 * Hours due in a month: the monthly hours for a whole month, in proportion to the days the period
 * covers for a month it starts or ends in, rounded down to the half hour (the provider is not
 * held to a fraction the order never bought).
 */
export function hoursDueIn(order: Pick<ServiceOrder, 'hoursPerMonth' | 'from' | 'to'>, month: string): number {
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
  const start = order.from > first ? order.from : first;
  const end = order.to < last ? order.to : last;
  if (start > end) return 0;
  const covered = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  return Math.floor(((order.hoursPerMonth * covered) / daysInMonth(month)) * 2) / 2;
}

/** The last day a month's deliveries may be reported: the parameter's day of the next month. */
export function reportDueOn(month: string, reportDueDay: number): string {
  const next = nextMonth(month);
  return `${next}-${String(Math.min(reportDueDay, daysInMonth(next))).padStart(2, '0')}`;
}

/** A month whose delivered hours fell short of the hours due. */
export interface MissedMonth {
  month: string;
  dueHours: number;
  deliveredHours: number;
  reportDueOn: string;
}

/**
 * IND-25's check: each month of the order whose report day (the parameter's day of the next
 * month) is over by `today` and whose delivered hours are fewer than the hours due.
 */
export function missedMonths(
  order: Pick<ServiceOrder, 'hoursPerMonth' | 'from' | 'to'>,
  deliveries: readonly Pick<ServiceDelivery, 'deliveredOn' | 'hours'>[],
  today: string,
  reportDueDay: number,
): MissedMonth[] {
  const missed: MissedMonth[] = [];
  for (const month of monthsOf(order.from, order.to)) {
    const due = reportDueOn(month, reportDueDay);
    if (today <= due) continue;
    const dueHours = hoursDueIn(order, month);
    const deliveredHours = deliveries.filter((d) => d.deliveredOn.startsWith(month)).reduce((sum, d) => sum + d.hours, 0);
    if (deliveredHours < dueHours) missed.push({ month, dueHours, deliveredHours, reportDueOn: due });
  }
  return missed;
}

/** Whole days between a delivery and its report. */
export const reportDelayDays = (d: Pick<ServiceDelivery, 'deliveredOn' | 'reportedOn'>) =>
  Math.round((Date.parse(`${d.reportedOn}T00:00:00Z`) - Date.parse(`${d.deliveredOn}T00:00:00Z`)) / 86_400_000);

/** IND-26's check: the deliveries reported more than the parameter's days after they happened, by month of delivery. */
export function lateReportsByMonth<D extends Pick<ServiceDelivery, 'deliveredOn' | 'reportedOn'>>(
  deliveries: readonly D[],
  lateReportDays: number,
): Map<string, D[]> {
  const late = new Map<string, D[]>();
  for (const d of deliveries) {
    if (reportDelayDays(d) <= lateReportDays) continue;
    const month = d.deliveredOn.slice(0, 7);
    late.set(month, [...(late.get(month) ?? []), d]);
  }
  return late;
}

/** The last day an order is looked at by the sweep: its report day for its last month, plus a month's grace for late reports. */
export const orderWatchedUntil = (to: string) => addCalendarDays(reportDueOn(to.slice(0, 7), 31), 31);

/** The statistics a delivery adds to its month: hours, spending and deliveries by service kind and district. */
export function deliveryIncrements(order: Pick<ServiceOrder, 'serviceKind' | 'district' | 'pricePerHourFen'>, hoursGiven: number) {
  const add = { serviceDeliveries: 1, serviceHours: hoursGiven, serviceFen: deliveryFen(order, hoursGiven) };
  return [
    { dimension: 'ALL', add },
    { dimension: `SERVICE#${order.serviceKind}#DIST#${order.district}`, add },
  ];
}

export type { DistrictCode };
