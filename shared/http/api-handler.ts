import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { IdempotencyValidationError, IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { logger, metrics } from '../observability';
import { officerOfCaller, recipientOfCaller } from '../platform/principals';
import { routeOf, type ApiRoute, type FunctionId } from '../platform/api';
import type { WarningRecipient } from '../domain/departments';
import { DomainError } from '../domain/errors';
import type { AuditNote } from '../domain/supervision/audit';
import { errorAnswer } from './api-error';
import { admit, checkStatedPurpose, readJson, statedPurposeOf, type ApiCall } from './api-call';
import { audit } from '../wiring/table';
import { purposeKey } from '../wiring/secrets';
import { statedPurposeMac } from '../privacy/stated-purpose';
import { now, principalPrefix } from '../wiring/runtime';

/** A handler's answer; `audit` (whom the call was about, the stated purpose) is for the audit trail and never leaves. */
export type ApiResult = APIGatewayProxyResult & { audit?: AuditNote };

export function json(statusCode: number, body: unknown, extra: { headers?: Record<string, string>; audit?: AuditNote } = {}): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify(body),
    ...(extra.audit ? { audit: extra.audit } : {}),
  };
}

/** The department behind the verified caller (AWS_IAM authorization). */
function callerOf(event: APIGatewayProxyEvent): WarningRecipient | undefined {
  return recipientOfCaller(event.requestContext?.identity?.userArn, principalPrefix());
}

/** What the middlewares learn of a request, once, kept on its context: the route, its JSON, then the admitted call. */
interface ApiContext extends Context {
  route?: ApiRoute;
  json?: unknown;
  call?: ApiCall;
}
type ApiMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext>;

/**
 * Turns errors into responses: a refusal (a domain error) by its kind (shared/http/api-error.ts),
 * anything else as 500. Registered first, so its onError runs after idempotency's own: a request
 * that failed is never stored as completed and may be sent again.
 */
const apiErrors = (): ApiMiddleware => ({
  onError: async (request) => {
    const error = request.error;
    if (error instanceof DomainError) {
      const { statusCode, body } = errorAnswer(error);
      logger.info('request rejected', { status: statusCode, code: error.code, problems: error.problems.length });
      // A refused attempt to read or decide is itself accounted for (数字监督).
      if (error.kind === 'NotAllowed' && request.context.route) {
        await auditEntry(request.context.route, request.event, 'denied', { status: String(statusCode), code: error.code }).catch((e: unknown) =>
          logger.error('audit of a refused call failed', e as Error),
        );
      }
      request.response = json(statusCode, body);
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

/**
 * Before idempotency: resolves the request's route once, refuses a stated purpose (x-purpose)
 * that breaks the free-text policy, and reads a JSON body once (its depth on the text first),
 * so idempotency never reads a key from a body that is not JSON.
 */
const apiRequest = (fn: FunctionId): ApiMiddleware => ({
  before: async (request) => {
    const { httpMethod, resource, body } = request.event;
    const route = routeOf(httpMethod, resource);
    if (route?.function !== fn) throw new Error(`${fn} serves no route ${httpMethod} ${resource}`);
    // What is learnt of the request goes on a context of its own: Lambda gives every invocation a
    // fresh one, but a caller may pass one to concurrent calls (the in-process tests do).
    request.context = Object.assign(Object.create(request.context) as ApiContext, { route });
    checkStatedPurpose(request.event);
    if (route.body !== 'none') request.context.json = readJson(body);
  },
});

/**
 * After idempotency: the caller against the route, then the body against the route's schema, so
 * that another body for a request idempotency remembers is 409 IdempotencyKeyReused, not a 400.
 */
const admission = (): ApiMiddleware => ({
  before: async (request) => {
    const { event, context } = request;
    context.call = admit(context.route!, callerOf(event), event.pathParameters?.department, context.json);
  },
});

/**
 * 数字监督: a successful call of a route declared with `audit` is written to the audit trail
 * before its answer leaves (registered last, so it runs before idempotency stores the answer: an
 * answer whose audit failed is an error, never a cached success). The entry keeps the route's
 * declared purpose, whom the use case said the call was about, and the keyed MAC of any purpose
 * the caller stated (shared/privacy/stated-purpose.ts). The note is taken off the answer here.
 */
const auditTrail = (): ApiMiddleware => ({
  after: async (request) => {
    if (!request.response) return;
    const { audit: note, ...response } = request.response as ApiResult;
    request.response = response;
    if (response.statusCode >= 300 || !request.context.route?.audit) return;
    let answer: Record<string, unknown> = {};
    try {
      answer = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      answer = {};
    }
    const details: Record<string, string> = { status: String(response.statusCode) };
    for (const k of ['outcome', 'version', 'category', 'found'] as const)
      if (answer[k] !== undefined && typeof answer[k] !== 'object') details[k] = String(answer[k]);
    await auditEntry(request.context.route, request.event, undefined, details, [answer.personRef, answer.householdId], note);
  },
});

/** Appends the entry for a call of an audited route: its own kind, or 'denied' for a refusal. */
async function auditEntry(
  route: ApiRoute,
  event: APIGatewayProxyEvent,
  kind: 'denied' | undefined,
  details: Record<string, string>,
  more: unknown[] = [],
  note?: AuditNote,
): Promise<void> {
  if (!route.audit) return;
  const stated = note?.purpose ?? statedPurposeOf(event);
  const statedMac = stated?.trim() ? statedPurposeMac(stated, await purposeKey().ring()) : undefined;
  const subjects = [event.pathParameters?.householdId, event.pathParameters?.warningId, ...more, ...(note?.subjects ?? [])].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
  const principal = event.requestContext?.identity?.userArn;
  await audit().append([
    {
      at: now().toISOString(),
      principal: principal ?? 'unknown',
      ...(officerOfCaller(principal) ? { officer: officerOfCaller(principal)! } : {}),
      department: callerOf(event) ?? 'unknown',
      kind: kind ?? route.audit.kind,
      purpose: route.audit.purpose,
      action: route.id,
      subjects: [...new Set(subjects)],
      // The request id makes two equal calls two entries (entry ids are derived from content),
      // and ties the entry to API Gateway's access log.
      details: {
        ...details,
        ...(event.requestContext?.requestId ? { requestId: event.requestContext.requestId } : {}),
        ...(statedMac ? { statedPurposeMac: statedMac } : {}),
      },
    },
  ]);
}

/**
 * A function's API handler: the handler gets the admitted call (route id, caller, parsed body)
 * and dispatches on its route id. Middy order: errors, logger, metrics, the request (route, JSON),
 * the caller's (idempotency), the admission (caller, body), then the audit trail.
 */
export function apiHandler<F extends FunctionId>(
  fn: F,
  handler: (call: ApiCall<F>, event: APIGatewayProxyEvent) => Promise<ApiResult>,
  ...last: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[]
) {
  const wrapped = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext>(async (event: APIGatewayProxyEvent, context: ApiContext) =>
    handler(context.call as ApiCall<F>, event),
  )
    .use(apiErrors())
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics))
    .use(apiRequest(fn));
  for (const m of last) wrapped.use(m);
  wrapped.use(admission());
  wrapped.use(auditTrail());
  return wrapped;
}
