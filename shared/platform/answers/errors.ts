import * as z from 'zod';
import { count } from './fields';

/**
 * Every refusal the API sends: a stable code for programs, the message for people, and each
 * field at fault (shared/http/api-error.ts builds it; a test holds the two together).
 */
export const errorAnswer = z
  .object({
    error: z.string().meta({ description: 'stable code a program branches on (listed for each response)' }),
    message: z.string().meta({ description: 'for people: Chinese and English' }),
    problems: z
      .array(
        z.object({
          record: count.optional().meta({ description: 'index of the record in the batch, from 0' }),
          recordId: z.string().optional().meta({ description: 'the department’s own id of that record' }),
          field: z.string().meta({ description: 'path of the field, e.g. members[1].identityNumber; (record), (body) or (batch) for the whole' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ title: '错误 Error' });

/** What API Gateway itself answers (no signature, IAM refused, too large, timeout): a message only. */
export const gatewayError = z.object({ message: z.string() }).meta({ title: '网关错误 Gateway error' });
