import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { IdempotencyValidationError, IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { logger, metrics } from '../observability';
import { callerOfArn, officerOfCaller, partnerOfCaller, type Caller } from '../platform/principals';
import { routeOf, type ApiRoute, type FunctionId } from '../platform/api';
import { DomainError } from '../domain/errors';
import type { Partner } from '../domain/partners';
import type { AuditNote } from '../domain/supervision/audit';
import { errorAnswer, refusalBody } from './api-error';
import { bilingual, preferredLanguage, type Language } from '../domain/bilingual';
import { admit, checkStatedPurpose, partnerNotRegistered, readJson, statedPurposeOf, type ApiCall } from './api-call';
import { audit, partners } from '../wiring/table';
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

/**
 * An answer sent through its documented schema (shared/platform/answers.ts, the same one the
 * OpenAPI document is generated from): what is sent is what is documented (a field the schema
 * does not declare is left out), and an answer that breaks its schema fails here (500) instead
 * of reaching a department's system. Checked when sent, not typed: the use cases' domain types
 * are wider (string for a code) than the documented enums.
 */
export function answer(statusCode: number, schema: z.ZodType, body: unknown, extra: { headers?: Record<string, string>; audit?: AuditNote } = {}): ApiResult {
  return json(statusCode, schema.parse(body), extra);
}

/** The department or partner kind behind the verified caller (AWS_IAM authorization). */
function callerOf(event: APIGatewayProxyEvent): Caller | undefined {
  return callerOfArn(event.requestContext?.identity?.userArn, principalPrefix());
}

/**
 * A partner's session names its organisation; IAM let the role in, the registration says whether
 * the organisation may act now: registered by civil affairs, of this kind, active. Read only when
 * the route is one a partner may call at all.
 */
async function registeredPartner(event: APIGatewayProxyEvent, route: ApiRoute): Promise<Partner | undefined> {
  const partner = partnerOfCaller(event.requestContext?.identity?.userArn, principalPrefix());
  if (!partner || !route.callers.includes(partner.kind)) return undefined;
  const registered = await partners().partner(partner.kind, partner.organisation);
  if (!registered?.active) throw partnerNotRegistered(partner.kind, partner.organisation);
  return registered;
}

/** What the middlewares learn of a request, once, kept on its context: the route, its JSON, then the admitted call. */
interface ApiContext extends Context {
  route?: ApiRoute;
  json?: unknown;
  call?: ApiCall;
}
type ApiMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext>;

/** The language the caller reads first (Accept-Language, whatever its case; zh-CN by default). */
export function languageOf(event: Pick<APIGatewayProxyEvent, 'headers'>): Language {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === 'accept-language');
  return preferredLanguage(name === undefined ? undefined : event.headers[name]);
}

/** A refusal answered in the caller's language: which half comes first is said in Content-Language, and varies with Accept-Language. */
const refusal = (statusCode: number, body: unknown, language: Language) =>
  json(statusCode, body, { headers: { 'content-language': language, vary: 'Accept-Language' } });

/**
 * Turns errors into responses: a refusal (a domain error) by its kind (shared/http/api-error.ts),
 * anything else as 500, each in Chinese and English. Registered first, so its onError runs after
 * idempotency's own: a request that failed is never stored as completed and may be sent again.
 */
const apiErrors = (): ApiMiddleware => ({
  onError: async (request) => {
    const error = request.error;
    const language = languageOf(request.event);
    if (error instanceof DomainError) {
      const { statusCode, body } = errorAnswer(error, language);
      logger.info('request rejected', { status: statusCode, code: error.code, problems: error.problems.length });
      // A refused attempt to read or decide is itself accounted for (数字监督).
      if (error.kind === 'NotAllowed' && request.context.route) {
        await auditEntry(request.context.route, request.event, 'denied', { status: String(statusCode), code: error.code }).catch((e: unknown) =>
          logger.error('audit of a refused call failed', e as Error),
        );
      }
      request.response = refusal(statusCode, body, language);
    } else if (error instanceof IdempotencyValidationError) {
      request.response = refusal(
        409,
        refusalBody('IdempotencyKeyReused', bilingual('该请求编号已用于另一个请求体', 'this request id was already used with a different body'), [], language),
        language,
      );
    } else if (error instanceof IdempotencyAlreadyInProgressError) {
      request.response = refusal(
        409,
        refusalBody('RequestInProgress', bilingual('同一请求正在处理，请稍后重试', 'the same request is being processed; retry shortly'), [], language),
        language,
      );
    } else {
      logger.error('request failed', error as Error);
      request.response = refusal(
        500,
        refusalBody(
          'InternalError',
          bilingual('请求未能完成，可以放心重新发送', 'the request could not be completed; it is safe to send it again'),
          [],
          language,
        ),
        language,
      );
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
    const partner = await registeredPartner(event, context.route!);
    context.call = admit(context.route!, callerOf(event), event.pathParameters?.department, context.json, partner);
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
