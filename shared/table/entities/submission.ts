import * as z from 'zod';
import type { EvaluatedWarning, GroupEvaluation, RecordEvaluator, SubmissionHeader } from '../../ports/submission-store';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/**
 * 报送 a submission's partition `SUB#<submissionId>`: its header (who sent which batch, the hash
 * of its records, when, whether published, each record's type and the department's record id),
 * and one item per group each evaluating function recorded (the records evaluated and the
 * warnings they raised). One Query of the partition reads how far the submission got.
 */
export const submissionPartition = (submissionId: string) => `SUB#${submissionId}`;
const headerKey = (submissionId: string): ItemKey => ({ PK: submissionPartition(submissionId), SK: 'HEADER' });
const EVALUATED = 'EVALUATED#';

const headerSchema = z.object({
  submissionId: z.string(),
  department: z.string(),
  batchId: z.string(),
  payloadHash: z.string(),
  recordCount: z.number().int(),
  acceptedAt: z.string(),
  publishedAt: z.string().optional(),
  leaseUntil: z.string().optional(),
  // Kept as two lists by index, not a list of maps: a 500-record header stays a few KB.
  recordTypes: z.array(z.string()).optional(),
  departmentRecordIds: z.array(z.string()).optional(),
});

export const submissionHeader = {
  key: headerKey,
  toItem: ({ records, ...h }: SubmissionHeader, expiresAt: number) => ({
    ...headerKey(h.submissionId),
    entity: 'Submission',
    ...h,
    ...(records ? { recordTypes: records.map((r) => r.recordType), departmentRecordIds: records.map((r) => r.departmentRecordId) } : {}),
    expiresAt,
  }),
  fromItem: (item: Record<string, unknown>): SubmissionHeader => {
    const { recordTypes, departmentRecordIds, ...h } = parseItem('Submission', headerSchema, item);
    if (!recordTypes || !departmentRecordIds) return h;
    return { ...h, records: recordTypes.map((recordType, i) => ({ recordType, departmentRecordId: departmentRecordIds[i] ?? '' })) };
  },
};

const evaluatedWarning = z.object({ warningId: z.string(), indicatorId: z.string(), recipients: z.array(z.string()), indexes: z.array(z.number().int()) });
const evaluationSchema = z.object({
  submissionId: z.string(),
  groupId: z.string(),
  evaluator: z.enum(['warning-evaluation', 'register-update', 'recognition']),
  recordType: z.string(),
  acceptedAt: z.string(),
  part: z.number().int(),
  parts: z.number().int(),
  indexes: z.array(z.number().int()),
  warnings: z.array(evaluatedWarning),
});

/** A part of a group's evaluation: a group whose warnings would pass DynamoDB's 400 KB item limit is written in several, at once. */
const evaluationKey = (submissionId: string, evaluator: RecordEvaluator, groupId: string, part: number): ItemKey => ({
  PK: submissionPartition(submissionId),
  SK: `${EVALUATED}${evaluator}#${groupId}#${String(part).padStart(3, '0')}`,
});

export const submissionEvaluation = {
  key: evaluationKey,
  isItem: (item: Record<string, unknown>) => String(item.SK).startsWith(EVALUATED),
  /** The group's record indexes go with part 0; its warnings are spread over the parts. */
  toItems: (e: GroupEvaluation, parts: readonly EvaluatedWarning[][], expiresAt: number) =>
    parts.map((warnings, part) => ({
      ...evaluationKey(e.submissionId, e.evaluator, e.groupId, part),
      entity: 'SubmissionEvaluation',
      submissionId: e.submissionId,
      groupId: e.groupId,
      evaluator: e.evaluator,
      recordType: e.recordType,
      acceptedAt: e.acceptedAt,
      part,
      parts: parts.length,
      indexes: part === 0 ? e.indexes : [],
      warnings,
      expiresAt,
    })),
  /** The parts read back, joined into one evaluation per function and group. */
  fromItems: (items: readonly Record<string, unknown>[]): GroupEvaluation[] => {
    const byGroup = new Map<string, z.infer<typeof evaluationSchema>[]>();
    for (const item of items) {
      const part = parseItem('SubmissionEvaluation', evaluationSchema, item);
      const key = `${part.evaluator}#${part.groupId}`;
      byGroup.set(key, [...(byGroup.get(key) ?? []), part]);
    }
    return [...byGroup.values()].map((parts) => {
      const sorted = parts.sort((a, b) => a.part - b.part);
      const { part: _p, parts: _n, ...first } = sorted[0]!;
      return { ...first, warnings: sorted.flatMap((p) => p.warnings) };
    });
  },
};
