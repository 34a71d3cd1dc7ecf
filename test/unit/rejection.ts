import { ApiError } from '../../shared/http/api-error';

/** The ApiError a use case refused with (any other error is rethrown; no error fails the test). */
export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
