import * as z from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { CHECK_CODES } from '../../domain/recognition/classify';
import { count, district, fen, householdId, isoDate, isoDateTime, personRef } from './fields';

/** 政策依据 the policy row a threshold came from, as it was when the decision was made. */
const policyRowCited = z
  .object({
    name: z.string().meta({ description: '参数名称 the policy parameter' }),
    value: z.union([z.number(), z.string(), z.boolean()]),
    unit: z.string().optional(),
    district: z.union([z.literal('*'), district]).meta({ description: '区县代码 the district whose own row it is, or `*` for the city-wide row' }),
    districtRow: z.boolean().meta({ description: 'true: the district’s own row, which wins over the city-wide one; false: the city-wide row' }),
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    changeVersion: count.meta({ description: '调整版本 the policy change that wrote the row (0: shipped with the code)' }),
    source: z.string().meta({ description: '政策依据 the document that sets it' }),
  })
  .meta({ title: '政策依据 Policy row cited' });

const reviewCategory = z.enum(['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE']);

const check = z.object({
  code: z.enum(CHECK_CODES).optional().meta({ description: '检查项 what was checked (stable, for programs); absent on checks kept before codes were' }),
  test: z.string().meta({ description: 'the check in English, as the decision event names it' }),
  value: z.union([z.number(), z.string(), z.boolean()]).meta({ description: '实际值 what the household has (money in fen)' }),
  threshold: z.union([z.number(), z.string(), z.boolean()]).meta({ description: '标准 the threshold it was measured against (money in fen)' }),
  passed: z.boolean(),
  reason: z.string().meta({ description: '理由 `中文 / English`: what was found and the policy rows it rests on' }),
  policyRows: z.array(policyRowCited).meta({ description: 'the rows that set the threshold (none for a check with no parameter)' }),
});

const review = z.object({ category: reviewCategory, qualifies: z.boolean(), checks: z.array(check) });

/** 家庭经济状况 the latest assessment. */
export const householdAssessment = z
  .object({
    householdId,
    district,
    recordId: z.string().meta({ description: 'the platform’s id of the investigation record (`<submissionId>:<index>`)' }),
    departmentRecordId: z.string().optional().meta({ description: 'the investigation’s id as civil affairs sent it' }),
    investigatedOn: isoDate,
    decidedAt: isoDateTime,
    policyVersion: count.meta({ description: '政策版本 the policy book’s version when decided' }),
    category: z.enum(CATEGORY_CODES).nullable().meta({ description: '认定类别 the category it led to; null: none' }),
    categoryName: z.string().nullable(),
    summary: z.string().meta({ description: '认定结论 `中文 / English`' }),
    investigation: z.object({
      members: z.array(
        z.object({
          personRef,
          age: count,
          capacityToWork: z.enum(['full', 'partial', 'none']),
          disabilityGrade: z.number().int().optional(),
          monthlyIncomeFen: fen,
        }),
      ),
      assetsFen: fen,
      necessarySpendingFen: fen,
      periodMonths: count,
      ableLegalSupporter: z.boolean(),
    }),
    perCapitaMonthlyIncomeFen: fen.optional().meta({ description: '家庭人均月收入 (absent on an assessment kept before checks were)' }),
    explained: z.boolean().meta({ description: 'false: an assessment kept before checks were stored; its reviews are empty' }),
    reviews: z.array(review).meta({ description: 'each category in the order it is checked (特困、低保、低保边缘、刚性支出), with every check' }),
  })
  .meta({ title: '家庭经济状况 Latest assessment' });

/** 认定决定 a page of a household's decisions. */
export const recognitionDecisions = z
  .object({
    householdId,
    decisions: z.array(
      z.object({
        recordId: z.string().meta({ description: 'the platform’s id of the investigation record' }),
        departmentRecordId: z.string().optional().meta({ description: 'the investigation’s id as civil affairs sent it' }),
        district,
        investigatedOn: isoDate,
        decidedAt: isoDateTime,
        policyVersion: count,
        category: reviewCategory.nullable(),
        categoryName: z.string().nullable(),
        perCapitaMonthlyIncomeFen: fen,
        summary: z.string().meta({ description: '认定结论 `中文 / English`' }),
        reasons: z.array(z.string()).meta({ description: '认定理由 `中文 / English`: the checks of the category decided (or, for none, every failed check)' }),
        reviews: z.array(review),
      }),
    ),
    next: z.string().optional().meta({ description: '翻页令牌 pass as `next` for the following page; absent on the last' }),
  })
  .meta({ title: '认定决定 Recognition decisions' });
