import * as z from 'zod';
import { WARNING_RECIPIENTS } from '../shared/domain/departments';
import { isoDateTime } from './common';
import { warningRaisedV1 } from './warning-raised.v1';

/**
 * The message a department reads from its own queue (转办推送): the warning, what to do, by when,
 * and where to post the answer. Same warning may arrive twice: de-duplicate on `warningId`.
 */
export const WORK_ITEM_V1 = 'WarningWorkItem.v1' as const;

export const workItemV1 = z
  .object({
    messageType: z.literal(WORK_ITEM_V1),
    recipient: z.enum(WARNING_RECIPIENTS),
    warning: warningRaisedV1.omit({ recipients: true }),
    answer: z.object({ method: z.literal('POST'), path: z.string() }).strict(),
    pushedAt: isoDateTime,
  })
  .strict();
export type WorkItemV1 = z.infer<typeof workItemV1>;
