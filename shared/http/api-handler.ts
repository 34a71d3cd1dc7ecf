import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { IdempotencyValidationError, IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { logger, metrics, tracer } from '../observability';
import { recipientOfCaller } from '../platform/principals';
import { API_ROUTES } from '../platform/api';
import type { WarningRecipient } from '../domain/departments';
import { ApiError } from './api-error';

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

/** Rejects a body that is not JSON before idempotency tries to read a key from it. */
const jsonBody = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => {
    const { body, resource, httpMethod } = request.event;
    const route = API_ROUTES.find((r) => r.path === resource && r.method === httpMethod);
    if (route?.body === 'none') return;
    try {
      JSON.parse(body ?? '');
    } catch (error) {
      throw new ApiError(400, 'MalformedJson', `the request body is not valid JSON: ${(error as Error).message}`);
    }
  },
});

/** Middy order: errors, tracer, logger, metrics, parser, then the caller's (idempotency last). */
export function apiHandler(handler: ApiHandler, ...last: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[]) {
  const wrapped = middy(handler)
    .use(apiErrors())
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics))
    .use(jsonBody());
  for (const m of last) wrapped.use(m);
  return wrapped;
}
