import * as z from 'zod';
import { WARNING_STATUSES } from '../../domain/warning';
import { district, householdId, indicatorId, isoDateTime, recipient, warningId } from './fields';

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
        indicator: z.object({ id: indicatorId, title: z.string() }),
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
        indicator: z.object({ id: indicatorId, title: z.string() }),
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
