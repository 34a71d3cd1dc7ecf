import * as z from 'zod';
import { WARNING_STATUSES } from '../../domain/warning';
import { isoDateTime, recipient, warningId } from './fields';

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
