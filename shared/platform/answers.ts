import * as z from 'zod';
import { DEPARTMENT_CODES, WARNING_RECIPIENTS } from '../domain/departments';
import { RECORD_TYPE_CODES } from '../records/record-types';

/**
 * What the API answers, as zod schemas: the handlers send their answers through these (parsed at
 * the edge, shared/http/api-handler.ts `answer`: a field not declared here is not sent), and the
 * OpenAPI document is generated from them, so the documented answer is the one sent.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);

export const SUBMISSION_ID_PATTERN = /^S[0-9A-F]{26}$/;
export const WARNING_ID_PATTERN = /^W[0-9A-F]{24}$/;
export const INDICATOR_ID_PATTERN = /^IND-[0-9]{2}$/;

const submissionId = z.string().regex(SUBMISSION_ID_PATTERN).meta({ description: '报送编号 the platform’s id of the submission: `S` and 26 hexadecimal digits, derived from the department and the batch id' });
const warningId = z.string().regex(WARNING_ID_PATTERN).meta({ description: '预警编号 `W` and 24 hexadecimal digits, derived from the indicator, the household and the cause' });
const indicatorId = z.string().regex(INDICATOR_ID_PATTERN).meta({ description: '预警指标 IND-01 … IND-19' });

/** 202 (first acceptance) or 200 (`replayed`: the same batch again) to `POST /departments/{department}/submissions`. */
export const submissionReceipt = z
  .object({
    submissionId,
    batchId: z.string().meta({ description: 'the batch id the department sent' }),
    department: z.enum(DEPARTMENT_CODES),
    accepted: count.meta({ description: 'records accepted' }),
    acceptedAt: isoDateTime.meta({ description: 'when the batch was first accepted' }),
    replayed: z.boolean().meta({ description: 'true when this batch id was accepted before and nothing new was stored' }),
  })
  .meta({ title: '报送回执 Submission receipt' });

/** 报送状态: how far each record of a submission got, and the warnings it raised. */
export const submissionStatus = z
  .object({
    submissionId,
    batchId: z.string(),
    department: z.enum(DEPARTMENT_CODES),
    acceptedAt: isoDateTime,
    state: z.enum(['accepted', 'evaluating', 'evaluated']).meta({ description: 'accepted: no record evaluated yet; evaluating: some; evaluated: every record' }),
    totals: z
      .object({
        records: count,
        evaluated: count.meta({ description: 'records every function concerned has evaluated' }),
        warningsRaised: count.meta({ description: 'distinct warnings whose evidence names a record of this submission' }),
      }),
    records: z.array(
      z
        .object({
          recordId: z.string().meta({ description: 'the department’s own record id, as sent' }),
          index: count.meta({ description: 'position of the record in the batch, from 0' }),
          recordType: z.enum(RECORD_TYPE_CODES),
          state: z.enum(['accepted', 'evaluated']).meta({ description: 'evaluated once every function that takes its record type has' }),
          warnings: z.array(
            z
              .object({
                warningId,
                indicatorId,
                recipients: z.array(z.enum(WARNING_RECIPIENTS)).meta({ description: 'the departments whose queues the warning goes to' }),
              }),
          ),
        }),
    ),
  })
  .meta({ title: '报送状态 Submission status' });
export type SubmissionStatus = z.infer<typeof submissionStatus>;
