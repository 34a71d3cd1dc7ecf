import * as z from 'zod';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';

/**
 * 数字监督: a signed tree head of the audit trail, published as it is written. No rule consumes it;
 * the bus archive keeps it 365 days, out of reach of anyone who can write the tables, as the
 * witness to compare the heads table with (a head missing there, or two heads with one number).
 */
export const AUDIT_TREE_HEAD_SIGNED_V1 = { source: EVENT_SOURCES.audit, detailType: 'AuditTreeHeadSigned.v1' } as const;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
export const auditTreeHeadSignedV1 = z
  .object({
    number: z.number().int().min(1),
    day: z.iso.date(),
    from: z.string(),
    to: z.string(),
    treeSize: z.number().int().min(0),
    rootHash: hash,
    prevHeadHash: hash,
    sealedAt: isoDateTime,
    mac: z.string().min(1),
  })
  .strict();
export type AuditTreeHeadSignedV1 = z.infer<typeof auditTreeHeadSignedV1>;
