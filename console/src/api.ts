import { apiRootOfConsole } from '../../shared/platform/console';
import { signedHeaders } from './sigv4';
import { state } from './session';

/** Where the API is: the console's own origin, under the same stage as the console (`/v1/` deployed, `/` locally). */
const API_ROOT = apiRootOfConsole(import.meta.env.BASE_URL);

/** A refusal of the API: its code, its bilingual message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * A signed call to the platform's API, on the console's own origin (the API and the console are
 * served together). Every read goes through the API's routes and so through their audit.
 */
export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, language = 'zh-CN'): Promise<T> {
  const session = state.session;
  if (!session) throw new ApiError(401, 'NotSignedIn', '未登录 / not signed in');
  const url = new URL(API_ROOT + path.replace(/^\//, ''), window.location.origin);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = await signedHeaders(session.credentials, session.region, {
    method,
    url,
    ...(text !== undefined ? { body: text } : {}),
    headers: { 'accept-language': language, ...(text !== undefined ? { 'content-type': 'application/json' } : {}) },
  });
  const response = await fetch(url, { method, headers, ...(text !== undefined ? { body: text } : {}) });
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const a = answer as { error?: string; message?: string; problems?: { field: string; message: string }[] };
    throw new ApiError(
      response.status,
      a.error ?? response.headers.get('x-amzn-errortype') ?? `HTTP${response.status}`,
      a.message ?? response.statusText,
      a.problems ?? [],
    );
  }
  return answer as T;
}
