import * as z from 'zod';
import type { SubmissionHeader } from '../../ports/submission-store';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/** 报送 a submission's header: who sent which batch, the hash of its records, when, whether published. */
const headerKey = (submissionId: string): ItemKey => ({ PK: `SUB#${submissionId}`, SK: 'HEADER' });

const headerSchema = z.object({
  submissionId: z.string(),
  department: z.string(),
  batchId: z.string(),
  payloadHash: z.string(),
  recordCount: z.number().int(),
  acceptedAt: z.string(),
  publishedAt: z.string().optional(),
  leaseUntil: z.string().optional(),
});

export const submissionHeader = {
  key: headerKey,
  toItem: (h: SubmissionHeader, expiresAt: number) => ({ ...headerKey(h.submissionId), entity: 'Submission', ...h, expiresAt }),
  fromItem: (item: Record<string, unknown>): SubmissionHeader => parseItem('Submission', headerSchema, item),
};
