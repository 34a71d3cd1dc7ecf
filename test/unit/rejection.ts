import { DomainError } from '../../shared/domain/errors';
import { errorAnswer } from '../../shared/http/api-error';

/** A refusal as a department would read it: the domain error, with the HTTP status the API's edge gives its kind. */
export interface Refusal {
  kind: DomainError['kind'];
  statusCode: number;
  code: string;
  message: string;
  problems: DomainError['problems'];
}

/** The refusal a use case (or the API's edge) answered with (any other error is rethrown; no error fails the test). */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<Refusal> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    if (error instanceof DomainError)
      return { kind: error.kind, statusCode: errorAnswer(error).statusCode, code: error.code, message: error.message, problems: error.problems };
    throw error;
  }
  throw new Error('expected a rejection');
}
