/**
 * What can go wrong talking to the platform, as values a department's program can branch on:
 * the platform refused (a stable code, the fields at fault, the message as the platform wrote
 * it), the platform could not be reached, or a run of batches stopped part way.
 */

/** A field at fault, as the platform names it (`members[1].identityNumber`). */
export interface FieldProblem {
  /** Index of the record in the batch, when the problem is inside one. */
  record?: number;
  /** The department's own record id, when it could be read. */
  recordId?: string;
  field: string;
  message: string;
}

/** Codes for answers that carry none in their body (API Gateway's own answers, by status). */
const GATEWAY_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'MissingAuthenticationToken',
  403: 'AccessDenied',
  404: 'NotFound',
  409: 'Conflict',
  413: 'RequestTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'IntegrationTimeout',
};

/** The platform answered with a refusal (4xx), or with a 5xx that retries did not get past. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  constructor(
    readonly status: number,
    /** The stable code: the body's `error`, else API Gateway's x-amzn-ErrorType, else one named after the status. */
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    readonly requestId?: string,
    /** From a Retry-After header, when the platform said how long to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Reads an error answer: `{ error, message, problems }` from the platform, `{ message }` from the gateway. */
  static fromAnswer(status: number, body: unknown, headers: Headers): PlatformError {
    const object = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const gatewayType = headers.get('x-amzn-errortype')?.split(':')[0];
    const code = typeof object.error === 'string' ? object.error : gatewayType || GATEWAY_CODES[status] || `Http${status}`;
    const message = typeof object.message === 'string' ? object.message : typeof body === 'string' && body ? body : `HTTP ${status}`;
    const problems = Array.isArray(object.problems) ? object.problems.filter(isFieldProblem) : [];
    const retryAfter = Number(headers.get('retry-after') ?? Number.NaN);
    return new PlatformError(
      status,
      code,
      message,
      problems,
      headers.get('x-amzn-requestid') ?? undefined,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }

  /** Worth sending again: throttled, a 5xx, or the same batch still being published by another request. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || this.code === 'RequestInProgress';
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return !!value && typeof value === 'object' && typeof (value as FieldProblem).field === 'string' && typeof (value as FieldProblem).message === 'string';
}

/** No answer at all: the network, DNS, a timeout, or credentials that could not be loaded. */
export class PlatformUnreachableError extends Error {
  override readonly name = 'PlatformUnreachableError';
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One batch of a run as the platform took it. */
export interface BatchOutcome {
  /** 1-based, in the order of the records. */
  batchNumber: number;
  batchId: string;
  /** Index of the batch's first record among all the run's records, and how many it holds. */
  firstRecord: number;
  records: number;
  submissionId: string;
  accepted: number;
  acceptedAt: string;
  /** True when this batch had been accepted before (a rerun): counted as done, nothing sent twice. */
  replayed: boolean;
}

/**
 * A run of batches that stopped at one: the batches before it are accepted (run it again with
 * the same run id to resume: they answer `replayed`), the failing one and those after were not.
 */
export class SubmissionRunError extends Error {
  override readonly name = 'SubmissionRunError';
  constructor(
    readonly runId: string,
    readonly done: readonly BatchOutcome[],
    readonly failed: { batchNumber: number; batchId: string; firstRecord: number; records: number },
    readonly failure: PlatformError | PlatformUnreachableError,
  ) {
    super(`batch ${failed.batchNumber} (${failed.batchId}) failed: ${failure.message}`, { cause: failure });
  }
}

/** No credentials could be found or used to sign (no profile, an expired SSO session, a role that cannot be assumed). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}
