import * as z from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { CORRECTION_CAUSES } from '../../domain/correction';
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

/** 纠错 what a decision's correction changed in the household, for programs. */
const decisionChange = z
  .object({
    kind: z.enum(['enrolled', 'gradual-exit', 'allowance-ended', 'gradual-exit-stopped', 'recategorised']),
    programme: z.string().optional(),
    monthlyAmountFen: fen.optional(),
    startDate: isoDate.optional(),
    lastPaidDay: isoDate.optional(),
    graceMonths: count.optional(),
    endedOn: isoDate.optional(),
    until: isoDate.optional(),
    category: z.string().optional(),
    since: isoDate.optional(),
  })
  .meta({
    description: 'enrolled 纳入 (allowance from the standard), gradual-exit 渐退, allowance-ended 终止, gradual-exit-stopped 停止渐退, recategorised 类别变更',
  });

/** 纠错 a decision's correction as shown beside it: who, why, when, what changed. */
const decisionCorrectionShown = z.object({
  correctionId: z.string().meta({ description: '纠错编号 `<decisionId>:correction:<sequence>`, also the chain entry’s id' }),
  sequence: count,
  cause: z.enum(CORRECTION_CAUSES).meta({ description: '纠错原因类别 the objective cause' }),
  causeName: z.string().meta({ description: '原因 `中文 / English`' }),
  reason: z.string().meta({ description: '纠错说明 why the decision was wrong' }),
  correctedBy: z.string().meta({ description: '纠错经办人工号' }),
  correctedAt: isoDateTime,
  from: reviewCategory.nullable().meta({ description: 'the category in force before (null: refused)' }),
  category: reviewCategory.nullable().meta({ description: '更正后的认定类别 (null: refused)' }),
  perCapitaMonthlyIncomeFen: fen.meta({ description: 'the per-capita income the correction rests on' }),
  changes: z.array(decisionChange),
});

/** 纠错回执 a decision's correction recorded (or, sent again, the one recorded the first time). */
export const decisionCorrectionReceipt = z
  .object({
    householdId,
    decisionId: z.string().meta({ description: 'the decision corrected (its investigation record’s platform id), which stays on record' }),
    correctionId: z.string(),
    sequence: count,
    cause: z.enum(CORRECTION_CAUSES),
    from: reviewCategory.nullable(),
    category: reviewCategory.nullable(),
    changes: z.array(decisionChange),
    allowances: z.array(
      z.object({
        programme: z.string(),
        status: z.enum(['active', 'ended']),
        monthlyAmountFen: fen,
        startDate: isoDate,
        endedOn: isoDate.optional(),
        gradualExitUntil: isoDate.optional().meta({ description: '渐退 paid until this day, then ended by the sweep' }),
      }),
    ),
    correctedAt: isoDateTime,
    replayed: z.boolean().meta({ description: 'true: this correction was recorded before; nothing changed now' }),
  })
  .meta({ title: '认定纠错回执 Decision correction receipt' });

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
        corrections: z
          .array(decisionCorrectionShown)
          .meta({ description: '纠错 the corrections of this decision, oldest first (the decision above stays as it was)' }),
      }),
    ),
    next: z.string().optional().meta({ description: '翻页令牌 pass as `next` for the following page; absent on the last' }),
  })
  .meta({ title: '认定决定 Recognition decisions' });
