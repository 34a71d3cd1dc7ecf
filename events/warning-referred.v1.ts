import * as z from 'zod';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';
import { warningRaisedV1 } from './warning-raised.v1';

/**
 * A department referred a warning to the county coordination mechanism (一事一议). Routing
 * pushes it to the new recipients as it pushes a raised warning.
 */
export const WARNING_REFERRED_V1 = { source: EVENT_SOURCES.feedback, detailType: 'WarningReferred.v1' } as const;

export const warningReferredV1 = warningRaisedV1.extend({
  referredBy: z.string(),
  referralReason: z.string(),
  referredAt: isoDateTime,
});
export type WarningReferredV1 = z.infer<typeof warningReferredV1>;
