import * as z from 'zod';
import type { StoredRecord, SubmissionHeader } from '../../ports/submission-store';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/** 报送 a submission's partition `SUB#<submissionId>`: its header and one item per record, in the department's order. */
const pad = (n: number) => String(n).padStart(5, '0');
const headerKey = (submissionId: string): ItemKey => ({ PK: `SUB#${submissionId}`, SK: 'HEADER' });
const recordKey = (submissionId: string, index: number): ItemKey => ({ PK: `SUB#${submissionId}`, SK: `RECORD#${pad(index)}` });

const headerSchema = z.object({
  submissionId: z.string(),
  department: z.string(),
  batchId: z.string(),
  payloadHash: z.string(),
  recordCount: z.number().int(),
  acceptedAt: z.string(),
  publishedAt: z.string().optional(),
});
const recordSchema = z.object({
  index: z.number().int(),
  departmentRecordId: z.string(),
  recordType: z.string(),
  subjects: z.array(z.string()),
  district: z.string().optional(),
  record: z.record(z.string(), z.unknown()),
});

export const submissionHeader = {
  key: headerKey,
  toItem: (h: SubmissionHeader) => ({ ...headerKey(h.submissionId), entity: 'Submission', ...h }),
  fromItem: (item: Record<string, unknown>): SubmissionHeader => parseItem('Submission', headerSchema, item),
};

export const submissionRecord = {
  key: recordKey,
  RECORD_PREFIX: 'RECORD#',
  toItem: (submissionId: string, r: StoredRecord, expiresAt: number) => ({ ...recordKey(submissionId, r.index), entity: 'SubmissionRecord', ...r, expiresAt }),
  fromItem: (item: Record<string, unknown>): StoredRecord => parseItem('SubmissionRecord', recordSchema, item),
};
