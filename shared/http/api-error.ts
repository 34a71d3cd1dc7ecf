import type { DomainError, RefusalKind } from '../domain/errors';

/**
 * Errors are values at the edge: the one place a refusal's kind becomes an HTTP status, and the
 * refusal the JSON body every route answers with, naming the record and the field so a department
 * engineer can fix the batch without asking anyone.
 */
export const STATUS_OF: Readonly<Record<RefusalKind, 400 | 403 | 404 | 409 | 413 | 422>> = {
  InvalidInput: 400,
  NotAllowed: 403,
  NotFound: 404,
  Conflict: 409,
  TooLarge: 413,
  RuleBroken: 422,
};

export interface ErrorBody {
  error: string;
  message: string;
  problems?: DomainError['problems'];
}

export function errorAnswer(error: DomainError): { statusCode: (typeof STATUS_OF)[RefusalKind]; body: ErrorBody } {
  return {
    statusCode: STATUS_OF[error.kind],
    body: { error: error.code, message: error.message, ...(error.problems.length ? { problems: error.problems } : {}) },
  };
}
