import * as z from 'zod';
import { CORRECTION_CAUSES } from '../../domain/correction';
import { WARNING_STATUSES } from '../../domain/warning';
import { district, householdId, indicatorId, isoDateTime, personRef, recipient, warningId } from './fields';

/** The kinds of answer to a warning (test/unit/openapi.test.ts holds them to shared/domain/outcome.ts). */
export const answerKind = z.enum([
  'assistance-ended',
  'assistance-adjusted',
  'no-action-needed',
  'enrolled',
  'not-eligible',
  'transferred',
  'referred-to-county-coordination',
]);

/** 签收: the warning taken in hand. */
export const acknowledgementReceipt = z
  .object({
    warningId,
    status: z.enum(WARNING_STATUSES),
    acknowledgedBy: z.array(recipient).meta({ description: 'every recipient that has taken the warning in hand' }),
  })
  .meta({ title: '签收回执 Acknowledgement receipt' });

/** 反馈: the answer recorded (or, sent again, the answer recorded the first time). */
export const answerReceipt = z
  .object({
    warningId,
    status: z.enum(['acknowledged', 'resolved']).meta({ description: 'resolved once every recipient has answered' }),
    outcome: answerKind,
    resolvedAt: isoDateTime,
    replayed: z.boolean().meta({ description: 'true when this answer was recorded before and nothing new was written' }),
  })
  .meta({ title: '反馈回执 Answer receipt' });

/** 纠错回执: the correction recorded (or, sent again, the one recorded the first time). */
export const correctionReceipt = z
  .object({
    warningId,
    correctionId: z.string().meta({ description: '纠错编号 `<warningId>:correction:<department>:<sequence>`, also the chain entry’s id' }),
    sequence: z.number().int().positive().meta({ description: '1 for the first correction of the department’s answer, 2 for a correction of that one …' }),
    cause: z.enum(CORRECTION_CAUSES).meta({ description: '纠错原因类别 the objective cause' }),
    corrects: z
      .object({
        entryId: z.string().meta({ description: 'the chain entry of the answer (or earlier correction) corrected, which stays on record' }),
        outcome: z.string(),
      })
      .meta({ description: '被更正的反馈 what was corrected' }),
    outcome: answerKind,
    allowances: z
      .array(
        z.object({
          programme: z.string(),
          status: z.enum(['active', 'ended']),
          monthlyAmountFen: z.number().int().meta({ description: '月救助金额（分） monthly amount in fen' }),
          endedOn: z.string().optional(),
        }),
      )
      .meta({ description: '更正后的救助待遇 the allowances the answer and its correction touch, as they now are' }),
    undid: z.enum(['grant-withdrawn', 'transfer-undone', 'referral-withdrawn']).optional().meta({
      description:
        '撤销 what the corrected answer did beyond the allowances, undone: `grant-withdrawn` 救助撤回 (off the month’s disclosure list, out of `granted`), `transfer-undone` 转认定撤销 (the category put back), `referral-withdrawn` 转办撤回 (county coordination no longer a recipient); absent: nothing beyond the allowances',
    }),
    correctedAt: isoDateTime,
    replayed: z.boolean().meta({ description: 'true when this correction was recorded before and nothing new was written' }),
  })
  .meta({ title: '纠错回执 Correction receipt' });

/** Beside the stored English title; absent only for an id the registry no longer knows. */
const titleZh = z.string().optional().meta({ description: '指标中文名称 the indicator’s Chinese name, from the registry' });

const nextToken = z.string().optional().meta({ description: '翻页令牌 present when more follows: pass it as `next` for the next page' });

/** 待办预警 a page of a department's warnings, newest first. */
export const departmentWarningList = z
  .object({
    department: recipient,
    status: z.enum(['open', 'overdue', 'answered']),
    items: z.array(
      z.object({
        warningId,
        householdId,
        district,
        indicator: z.object({ id: indicatorId, title: z.string(), titleZh }),
        raisedAt: isoDateTime,
        dueBy: isoDateTime,
        overdue: z.boolean().meta({ description: 'still open for the department and past its due time' }),
        answeredAt: isoDateTime.optional(),
      }),
    ),
    next: nextToken,
  })
  .meta({ title: '待办预警 A department’s warnings' });

/** 超期督办 a page of open warnings past due, district by district, earliest due first. */
export const overdueWarningList = z
  .object({
    asOf: isoDateTime,
    items: z.array(
      z.object({
        warningId,
        householdId,
        district,
        indicator: z.object({ id: indicatorId, title: z.string(), titleZh }),
        recipients: z.array(recipient),
        answeredBy: z.array(recipient).meta({ description: 'recipients that have answered; the others are late' }),
        acknowledgedBy: z.array(recipient),
        status: z.enum(WARNING_STATUSES),
        raisedAt: isoDateTime,
        dueBy: isoDateTime,
        hoursOverdue: z.number().int().min(0),
      }),
    ),
    next: nextToken,
  })
  .meta({ title: '超期预警 Overdue warnings' });

/** 预警详情 one warning as its recipients (and supervision) read it: why, on what evidence, who answered how. */
export const warningDetail = z
  .object({
    warningId,
    householdId,
    district,
    indicator: z.object({
      id: indicatorId,
      version: z.number().int().min(1).meta({ description: '指标版本 the indicator version that raised it' }),
      title: z.string(),
      titleZh,
      parameters: z.record(z.string(), z.unknown()).meta({ description: '指标参数 the parameter values in force when it was raised' }),
    }),
    status: z.enum(WARNING_STATUSES),
    raisedAt: isoDateTime,
    dueBy: isoDateTime,
    overdue: z.boolean().meta({ description: 'still open for the caller (not answered by it; for supervision, not resolved) and past its due time' }),
    action: z.string().meta({ description: '处置建议 what the recipients should do' }),
    explanation: z.string().meta({ description: '预警说明 why the indicator fired' }),
    evidence: z.array(
      z.object({
        recordId: z.string().meta({ description: 'the department’s record id' }),
        recordType: z.string(),
        department: z.string(),
        subject: personRef.optional(),
        facts: z.record(z.string(), z.unknown()).meta({ description: '证据事实 what the record showed; identity numbers only masked, never a name' }),
      }),
    ),
    recipients: z.array(
      z.object({
        department: recipient,
        pushed: z.boolean().meta({ description: 'the warning reached the department’s work queue' }),
        acknowledged: z.boolean().meta({ description: 'the department took it in hand (签收)' }),
        outcome: z
          .object({ outcome: answerKind, handledBy: z.string(), resolvedAt: isoDateTime })
          .optional()
          .meta({ description: 'the department’s answer, once given' }),
        corrections: z
          .array(
            z.object({
              correctionId: z.string(),
              sequence: z.number().int().positive(),
              cause: z.enum(CORRECTION_CAUSES),
              causeName: z.string().meta({ description: '原因 `中文 / English`' }),
              correctedBy: z.string(),
              correctedAt: isoDateTime,
              outcome: answerKind.meta({ description: '更正后的处置结果 the corrected outcome' }),
            }),
          )
          .optional()
          .meta({ description: '纠错 the corrections of the department’s answer, oldest first (absent: none); the answer above stays as it was' }),
      }),
    ),
  })
  .meta({ title: '预警详情 A warning' });
export type WarningDetail = z.output<typeof warningDetail>;
