import * as z from 'zod';
import { errorBody } from '../../http/api-error';

/**
 * Every refusal the API sends: the body shared/http/api-error.ts builds (one schema, so the
 * documented shape is the shape sent).
 */
export const errorAnswer = errorBody.meta({ title: '错误 Error' });

/** What API Gateway itself answers (no signature, IAM refused, too large, timeout): a message only. */
export const gatewayError = z.object({ message: z.string() }).meta({ title: '网关错误 Gateway error' });
