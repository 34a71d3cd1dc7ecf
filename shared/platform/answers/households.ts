import * as z from 'zod';
import { serviceNeed } from './service-assistance';
import { CHAIN_ENTRY_KINDS } from '../../domain/assistance-chain';
import { CATEGORY_CODES } from '../../domain/categories';
import { DEPARTMENT_CODES } from '../../domain/departments';
import { LAYERS } from '../../domain/programmes';
import { WARNING_STATUSES } from '../../domain/warning';
import { RECORD_TYPE_CODES } from '../../records/record-types';
import {
  count,
  district,
  fen,
  householdId,
  indicatorId,
  isoDate,
  isoDateTime,
  maskedIdentityNumber,
  month,
  personRef,
  programme,
  PROGRAMME_CODE,
  recipient,
  warningId,
} from './fields';
import { answerKind } from './warnings';

const allowance = z.object({
  programme,
  monthlyAmountFen: fen,
  startDate: isoDate,
  status: z.enum(['active', 'ended']),
  endedOn: isoDate.optional(),
  gradualExitUntil: isoDate.optional().meta({ description: '渐退 paid until this day, then ended' }),
});

const household = z.object({
  householdId,
  district,
  category: z.enum(CATEGORY_CODES),
  recognisedOn: isoDate,
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: fen.optional(),
  members: z.array(
    z.object({ personRef, maskedIdentityNumber, relationship: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']) }),
  ),
  allowances: z.array(allowance),
  updatedAt: isoDateTime,
});

const chainEntry = z.object({
  householdId,
  at: isoDateTime,
  entryId: z.string(),
  kind: z.enum(CHAIN_ENTRY_KINDS),
  actor: z.string().meta({ description: 'the department or platform function that acted' }),
  summary: z.string(),
  refs: z.record(z.string(), z.string()).meta({ description: 'ids it refers to: recordId, warningId, programme …' }),
});

/** 一户一条救助链. */
export const assistanceChain = z
  .object({
    householdId,
    household: household.nullable().meta({ description: 'null when only the chain is left (the household was never on the roll, e.g. a lead)' }),
    warnings: z.array(
      z.object({
        warningId,
        indicator: indicatorId,
        title: z.string(),
        titleZh: z.string().optional().meta({ description: '指标中文名称 the indicator’s Chinese name, from the registry' }),
        status: z.enum(WARNING_STATUSES),
        recipients: z.array(recipient),
        raisedAt: isoDateTime,
        dueBy: isoDateTime,
        acknowledgedBy: z.array(z.string()),
        outcomes: z.array(z.object({ department: recipient, outcome: answerKind, handledBy: z.string(), resolvedAt: isoDateTime })),
      }),
    ),
    chain: z.array(chainEntry).meta({ description: 'every entry in time order' }),
  })
  .meta({ title: '救助链 Assistance chain' });

/** 需求清单. */
export const needsList = z
  .object({
    householdId,
    needs: z.array(
      z.object({
        warningId,
        indicator: indicatorId,
        need: z.string().meta({ description: 'what must be done' }),
        why: z.string(),
        waitingFor: z.array(recipient).meta({ description: 'recipients that have not answered yet' }),
        dueBy: isoDateTime,
        overdue: z.boolean(),
      }),
    ),
    services: z.array(serviceNeed).meta({ description: '服务需求 service needs raised by care-needs assessments (服务类社会救助)' }),
  })
  .meta({ title: '需求清单 Needs list' });

/** 幸福清单. */
export const happinessList = z
  .object({
    householdId,
    allowances: z.array(allowance),
    delivered: z.array(z.object({ at: isoDateTime, by: z.string(), what: z.string(), warningId: warningId.optional() })),
  })
  .meta({ title: '幸福清单 Happiness list' });

const personBase = {
  inDatabase: z.boolean().meta({ description: '是否在低收入人口数据库 whether the person is in the low-income database' }),
  category: z.enum(CATEGORY_CODES).nullable(),
  categoryName: z.string().nullable().meta({ description: 'the category’s Chinese name' }),
};

/** 信息查询: shaped by the department's duties (the three shapes below). */
export const personQueryAnswer = z
  .union([
    z
      .strictObject({
        ...personBase,
        personRef,
        householdId: householdId.nullable(),
        district: district.nullable(),
        activeProgrammes: z.array(programme),
        chain: z
          .array(z.object({ at: isoDateTime, department: z.enum(DEPARTMENT_CODES), recordType: z.enum(RECORD_TYPE_CODES), recordId: z.string() }))
          .meta({ description: '一人一条救助链 what each department reported about the person, in order' }),
      })
      .meta({ title: 'Civil affairs, county coordination, supervision', description: '民政、县级协调机制、数字监督: the person’s household and own chain' }),
    z.strictObject({ ...personBase, legalAidEligible: z.boolean() }).meta({ title: 'Justice', description: '司法: whether legal aid is due by the category' }),
    z.strictObject(personBase).meta({ title: 'Other departments', description: 'whether, and in which category' }),
  ])
  .meta({ title: '信息查询结果 Person query answer' });

/** 项目清单. */
export const projectList = z
  .object({
    projects: z.array(
      z.object({
        code: z.string().regex(PROGRAMME_CODE),
        name: z.string(),
        department: z.enum(DEPARTMENT_CODES),
        layer: z.enum(LAYERS),
        categories: z.array(z.enum(CATEGORY_CODES)).meta({ description: 'categories it is meant for; empty: decided case by case' }),
      }),
    ),
  })
  .meta({ title: '项目清单 Project list' });

const counters = z.record(z.string(), z.number()).meta({ description: 'counters: raised, answered, overdue, handlingSeconds, granted, grantedFen …' });
/** 统计. */
export const monthlyStatistics = z
  .object({
    month,
    totals: z.object({
      raised: count,
      answered: count,
      overdue: count,
      overdueRate: z.number().min(0).meta({ description: 'overdue ÷ raised' }),
      averageHandlingHours: z.number().nullable(),
      assistanceGranted: count,
      assistanceGrantedFen: fen,
    }),
    byIndicator: z.record(z.string(), counters),
    byDepartment: z.record(z.string(), counters),
    byDistrict: z.record(z.string(), counters),
    happinessByProgrammeAndDistrict: z.record(z.string(), counters).meta({ description: 'keyed `<programme>#DIST#<district>`' }),
    servicesByKindAndDistrict: z
      .record(z.string(), counters)
      .meta({ description: '购买服务 services delivered, keyed `<service kind>#DIST#<district>`: serviceDeliveries, serviceHours, serviceFen' }),
    charityByKindAndDistrict: z.record(z.string(), counters).meta({
      description:
        '慈善帮扶 charity matching, keyed `<need kind>#DIST#<district>`: charityMatches (in the month matched), charityDeliveries, charityFen, charityQuantity (in the month delivered)',
    }),
  })
  .meta({ title: '月度统计 Monthly statistics' });

/** 公示. */
export const disclosureList = z
  .object({
    month,
    district: z.union([z.literal('*'), district]),
    lines: z.array(
      z.object({
        district,
        kind: z.enum(['allowance', 'grant']),
        maskedHeadIdentityNumber: maskedIdentityNumber,
        members: count,
        category: z.enum(CATEGORY_CODES),
        programme,
        department: recipient,
        amountFen: fen.meta({ description: 'per month for allowances, in total for grants (fen)' }),
        periodStart: isoDate,
        periodEnd: isoDate.optional(),
      }),
    ),
  })
  .meta({ title: '公示名单 Public disclosure' });
