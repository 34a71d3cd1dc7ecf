import * as z from 'zod';
import { DEPARTMENT_CODES } from '../../domain/departments';
import { RECORD_TYPE_CODES } from '../../records/record-types';
import { count, indicatorId, isoDateTime, recipient, submissionId, warningId } from './fields';

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
    state: z
      .enum(['accepted', 'evaluating', 'evaluated'])
      .meta({ description: 'accepted: no record evaluated yet; evaluating: some; evaluated: every record' }),
    totals: z.object({
      records: count,
      evaluated: count.meta({ description: 'records every function concerned has evaluated' }),
      warningsRaised: count.meta({ description: 'distinct warnings whose evidence names a record of this submission' }),
    }),
    records: z.array(
      z.object({
        recordId: z.string().meta({ description: 'the department’s own record id, as sent' }),
        index: count.meta({ description: 'position of the record in the batch, from 0' }),
        recordType: z.enum(RECORD_TYPE_CODES),
        state: z.enum(['accepted', 'evaluated']).meta({ description: 'evaluated once every function that takes its record type has' }),
        warnings: z.array(
          z.object({
            warningId,
            indicatorId,
            recipients: z.array(recipient).meta({ description: 'the departments whose queues the warning goes to' }),
          }),
        ),
      }),
    ),
  })
  .meta({ title: '报送状态 Submission status' });
export type SubmissionStatus = z.infer<typeof submissionStatus>;
