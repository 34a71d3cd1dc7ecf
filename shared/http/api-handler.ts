import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { IdempotencyValidationError, IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { logger, metrics } from '../observability';
import { officerOfCaller, recipientOfCaller } from '../platform/principals';
import { API_ROUTES } from '../platform/api';
import type { WarningRecipient } from '../domain/departments';
import { ApiError } from './api-error';
import { freeText } from '../privacy/free-text';
import { audit } from '../wiring/table';
import { purposeKey } from '../wiring/secrets';
import { statedPurposeMac } from '../privacy/stated-purpose';
import { now, principalPrefix } from '../wiring/runtime';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The department behind the verified caller (AWS_IAM authorization). */
export function callerOf(event: APIGatewayProxyEvent, prefix: string): WarningRecipient | undefined {
  return recipientOfCaller(event.requestContext?.identity?.userArn, prefix);
}

/**
 * Turns errors into responses. Registered first, so its onError runs after idempotency's own:
 * a request that failed is never stored as completed and may be sent again.
 */
const apiErrors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const error = request.error;
    if (error instanceof ApiError) {
      logger.info('request rejected', { status: error.statusCode, code: error.code, problems: error.problems.length });
      // A refused attempt to read or decide is itself accounted for (数字监督).
      if (error.statusCode === 403) {
        await auditEntry(request.event, 'denied', { status: '403', code: error.code }).catch((e: unknown) => logger.error('audit of a refused call failed', e as Error));
      }
      request.response = json(error.statusCode, error.body());
    } else if (error instanceof IdempotencyValidationError) {
      request.response = json(409, { error: 'IdempotencyKeyReused', message: 'this request id was already used with a different body' });
    } else if (error instanceof IdempotencyAlreadyInProgressError) {
      request.response = json(409, { error: 'RequestInProgress', message: 'the same request is being processed; retry shortly' });
    } else {
      logger.error('request failed', error as Error);
      request.response = json(500, { error: 'InternalError', message: 'the request could not be completed; it is safe to send it again' });
    }
  },
});

/** Deeper than any request the API defines (an investigation's incomes are 6 levels down). */
export const MAX_JSON_DEPTH = 16;

/** The deepest nesting of objects and arrays in a JSON text, read in one pass with no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** The x-purpose header, whatever its case: API Gateway (REST) hands headers on as the caller wrote them. */
export function statedPurposeOf(event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === 'x-purpose');
  return name === undefined ? undefined : (event.headers[name] ?? undefined);
}

/** The purpose a caller may state in a header is free text like any other (shared/privacy/free-text.ts). */
const statedPurposeHeader = freeText({ min: 1, max: 200 });

/**
 * Rejects a body that is not JSON before idempotency tries to read a key from it, and a stated
 * purpose (x-purpose) that breaks the free-text policy before anything is read or written.
 */
const jsonBody = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => {
    const { body, resource, httpMethod } = request.event;
    const stated = statedPurposeOf(request.event);
    if (stated !== undefined) {
      const checked = statedPurposeHeader.safeParse(stated);
      if (!checked.success) {
        throw new ApiError(400, 'InvalidHeader', '请求头 x-purpose 不符合自由文本规则 / the x-purpose header breaks the free-text policy', [{ field: 'headers.x-purpose', message: checked.error.issues[0]!.message }]);
      }
    }
    const route = API_ROUTES.find((r) => r.path === resource && r.method === httpMethod);
    if (route?.body === 'none') return;
    // Measured on the text, without recursion, before anything (idempotency's hashing, zod) walks it.
    const depth = jsonDepth(body ?? '');
    if (depth > MAX_JSON_DEPTH) {
      throw new ApiError(400, 'TooDeep', `请求体嵌套超过 ${MAX_JSON_DEPTH} 层 / the request body is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are allowed`, [{ field: '(body)', message: `at most ${MAX_JSON_DEPTH} levels of nesting` }]);
    }
    try {
      JSON.parse(body ?? '');
    } catch (error) {
      throw new ApiError(400, 'MalformedJson', `the request body is not valid JSON: ${(error as Error).message}`);
    }
  },
});


/**
 * 数字监督: a successful call of a route declared with `audit` is written to the audit trail
 * before its answer leaves (registered last, so it runs before idempotency stores the answer: an
 * answer whose audit failed is an error, never a cached success). The entry keeps the route's
 * declared purpose, and the keyed MAC of any purpose the caller stated (shared/privacy/stated-purpose.ts).
 */
const auditTrail = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  after: async (request) => {
    const { event, response } = request;
    if (!response || response.statusCode >= 300) return;
    let answer: Record<string, unknown> = {};
    try {
      answer = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      answer = {};
    }
    const details: Record<string, string> = { status: String(response.statusCode) };
    for (const k of ['outcome', 'version', 'category', 'found'] as const) if (answer[k] !== undefined && typeof answer[k] !== 'object') details[k] = String(answer[k]);
    await auditEntry(event, undefined, details, [answer.personRef, answer.householdId]);
  },
});

/** What a use case knows that the audit entry needs: whom it was about and the stated purpose. */
export interface AuditNote {
  subjects?: string[];
  purpose?: string;
}
const notes = new WeakMap<APIGatewayProxyEvent, AuditNote>();

/** Handed to a use case as its `audit` port: records whom a call was about (e.g. the person queried). */
export function auditNoteFor(event: APIGatewayProxyEvent): (note: AuditNote) => void {
  return (note) => notes.set(event, { subjects: [...(notes.get(event)?.subjects ?? []), ...(note.subjects ?? [])], purpose: note.purpose ?? notes.get(event)?.purpose });
}

/** Appends the entry for a call of an audited route: its own kind, or 'denied' for a refusal. */
async function auditEntry(event: APIGatewayProxyEvent, kind: 'denied' | undefined, details: Record<string, string>, more: unknown[] = []): Promise<void> {
  const route = API_ROUTES.find((r) => r.path === event.resource && r.method === event.httpMethod);
  if (!route?.audit) return;
  const note = notes.get(event);
  const stated = note?.purpose ?? statedPurposeOf(event);
  const statedMac = stated?.trim() ? statedPurposeMac(stated, await purposeKey().ring()) : undefined;
  const subjects = [event.pathParameters?.householdId, event.pathParameters?.warningId, ...more, ...(note?.subjects ?? [])].filter((x): x is string => typeof x === 'string' && x.length > 0);
  await audit().append([
    {
      at: now().toISOString(),
      principal: event.requestContext?.identity?.userArn ?? 'unknown',
      ...(officerOfCaller(event.requestContext?.identity?.userArn) ? { officer: officerOfCaller(event.requestContext?.identity?.userArn)! } : {}),
      department: callerOf(event, principalPrefix()) ?? 'unknown',
      kind: kind ?? route.audit.kind,
      purpose: route.audit.purpose,
      action: route.id,
      subjects: [...new Set(subjects)],
      // The request id makes two equal calls two entries (entry ids are derived from content),
      // and ties the entry to API Gateway's access log.
      details: { ...details, ...(event.requestContext?.requestId ? { requestId: event.requestContext.requestId } : {}), ...(statedMac ? { statedPurposeMac: statedMac } : {}) },
    },
  ]);
}

/** Middy order: errors, logger, metrics, the JSON body, the caller's (idempotency), then the audit trail. */
export function apiHandler(handler: ApiHandler, ...last: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[]) {
  const wrapped = middy(handler)
    .use(apiErrors())
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics))
    .use(jsonBody());
  for (const m of last) wrapped.use(m);
  wrapped.use(auditTrail());
  return wrapped;
}
