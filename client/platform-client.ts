import { SQSClient } from '@aws-sdk/client-sqs';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type * as z from 'zod';
import { isWarningRecipient, type WarningRecipient } from '../shared/domain/departments';
import { warningOutcome } from '../shared/domain/outcome';
import { fieldProblems } from '../shared/domain/errors';
import {
  acknowledgement,
  answerReceipt,
  submissionReceipt,
  submissionStatus,
  type Acknowledgement,
  type AnswerReceipt,
  type SubmissionReceipt,
  type SubmissionStatus,
} from './answers';
import { planBatches, runIdFor } from './batches';
import { ConnectionSettingsError, DEFAULT_DATA_DIR, localConnectionFile, readLocalConnection, regionInUrl } from './connection';
import { CredentialsError, PlatformError, PlatformUnreachableError, SubmissionRunError, type BatchOutcome } from './errors';
import type { DepartmentRecord } from './records';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry';
import { RequestSigner, type Credentials } from './signer';
import { WorkQueue } from './work-queue';

/** An answer as it came: status, headers and the body (JSON parsed when it is JSON). */
export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** An outcome as a department writes it (shared/domain/outcome.ts: the kinds the platform takes). */
export type WarningOutcomeInput = z.input<typeof warningOutcome>;

export interface PlatformClientOptions {
  /** The department (or county coordination, or supervision) the client acts for. */
  department: WarningRecipient;
  /** The API's base URL (stack output ApiUrl, with its stage), or the local platform's. */
  endpoint: string;
  region: string;
  credentials: Credentials;
  /** The department's work queue (stack output `<Department>QueueUrl`); needed only to read it. */
  queueUrl?: string;
  /** An SQS endpoint other than the region's own (the local platform's). */
  sqsEndpoint?: string;
  /** Accept-Language: which of the two languages the platform puts first in its messages. */
  language?: string;
  retry?: Partial<RetryPolicy>;
  /** Per attempt. */
  requestTimeoutMs?: number;
  /** For tests: another fetch, another SQS client. */
  fetch?: typeof fetch;
  sqs?: SQSClient;
}

/** The outcome did not pass the platform's own schema; nothing was sent. */
export class InvalidOutcomeError extends Error {
  override readonly name = 'InvalidOutcomeError';
  readonly code = 'InvalidOutcome';
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    super(`答复不完整或有误，未发送 / the outcome is incomplete or wrong; nothing was sent: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

export interface SubmissionRun {
  runId: string;
  records: number;
  batches: BatchOutcome[];
}

export interface SubmitRecordsOptions {
  /** Names the run: batch ids are `<runId>-0001`, `-0002`… Default: a hash of all the records. */
  runId?: string;
  /** Records per batch (default and most: 500). */
  batchSize?: number;
  /** Called after each batch the platform took (or had taken before). */
  onBatch?: (batch: BatchOutcome, progress: { batchesDone: number; batches: number; recordsDone: number; records: number }) => void;
}

/**
 * A department's client of the platform: SigV4-signed calls to the API with a retry policy for
 * throttling and 5xx, submissions of any size in resumable batches, the submission status, the
 * answers to warnings, and the department's work queue.
 */
export class PlatformClient {
  readonly department: WarningRecipient;
  readonly endpoint: string;
  readonly region: string;
  private readonly signer: RequestSigner;
  private readonly retry: RetryPolicy;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly language: string;
  private readonly queueUrl: string | undefined;
  private sqsClient: SQSClient | undefined;
  private readonly ownsSqs: boolean;
  private readonly sqsSettings: { region: string; credentials: Credentials; endpoint?: string };

  constructor(options: PlatformClientOptions) {
    this.department = options.department;
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.region = options.region;
    this.signer = new RequestSigner(options.credentials, options.region);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.requestTimeoutMs ?? 35_000;
    this.language = options.language ?? 'zh-CN';
    this.queueUrl = options.queueUrl;
    this.sqsClient = options.sqs;
    this.ownsSqs = !options.sqs;
    this.sqsSettings = {
      region: regionInUrl(options.queueUrl ?? '') ?? options.region,
      credentials: options.credentials,
      ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}),
    };
  }

  /**
   * Against the local platform (`npm start`): its connection file in `dataDir` gives the URL,
   * the region, the department's local keys, its queue and the local SQS.
   */
  static local(department: string, options: { dataDir?: string } & Partial<Omit<PlatformClientOptions, 'department' | 'credentials'>> = {}): PlatformClient {
    const { dataDir = DEFAULT_DATA_DIR, ...given } = options;
    const overrides = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const connection = readLocalConnection(dataDir);
    if (!connection) {
      throw new ConnectionSettingsError(
        'LocalPlatformNotFound',
        `找不到运行中的本地平台（缺少 ${localConnectionFile(dataDir)}）：请先 npm start，或用 --endpoint 指定平台地址 / no running local platform found (${localConnectionFile(dataDir)} is missing): run npm start first, or give the platform's address with --endpoint`,
      );
    }
    const keys = connection.credentials[department];
    if (!keys || !isWarningRecipient(department)) throw unknownDepartment(department);
    return new PlatformClient({
      department,
      endpoint: connection.url,
      region: connection.region,
      credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      ...(connection.queueUrls[department] ? { queueUrl: connection.queueUrls[department] } : {}),
      sqsEndpoint: connection.endpoints.sqs,
      ...overrides,
    });
  }

  /**
   * On AWS: credentials from the standard chain (environment, profiles in ~/.aws, SSO, web
   * identity, the instance's role), optionally used to assume the department's role with a
   * source identity, which the role's trust policy requires and the audit trail names as the officer.
   */
  static withCredentialChain(
    department: string,
    options: { endpoint?: string; region?: string; profile?: string; roleArn?: string; sourceIdentity?: string } & Partial<
      Omit<PlatformClientOptions, 'department' | 'credentials' | 'endpoint' | 'region'>
    >,
  ): PlatformClient {
    const { profile, roleArn, sourceIdentity, endpoint, region: given, ...others } = options;
    const rest = Object.fromEntries(Object.entries(others).filter(([, v]) => v !== undefined));
    if (!isWarningRecipient(department)) throw unknownDepartment(department);
    if (!endpoint)
      throw new ConnectionSettingsError(
        'EndpointRequired',
        '请用 --endpoint 或 LIM_ENDPOINT 给出平台 API 地址（部署输出 ApiUrl）/ give the platform API address with --endpoint or LIM_ENDPOINT (the deployment output ApiUrl)',
      );
    const region = given ?? regionInUrl(endpoint) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region)
      throw new ConnectionSettingsError(
        'RegionRequired',
        '请用 --region 或 AWS_REGION 给出区域，如 cn-north-1 / give the region with --region or AWS_REGION, e.g. cn-north-1',
      );
    const chain = fromNodeProviderChain(profile ? { profile } : {});
    const credentials: Credentials = roleArn
      ? fromTemporaryCredentials({
          masterCredentials: chain,
          params: { RoleArn: roleArn, DurationSeconds: 3600, ...(sourceIdentity ? { RoleSessionName: sourceIdentity, SourceIdentity: sourceIdentity } : {}) },
          clientConfig: { region },
        })
      : chain;
    return new PlatformClient({ department, endpoint, region, credentials, ...rest });
  }

  /** One signed request, its answer as it came: no retries, no error for a 4xx or 5xx. */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const url = `${this.endpoint}${path}`;
    const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    let signed: Record<string, string>;
    try {
      signed = await this.signer.sign({
        method,
        url,
        headers: { accept: 'application/json', 'accept-language': this.language, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
        body: payload,
      });
    } catch (error) {
      throw new CredentialsError(`没有可用的凭证，无法签名请求 / no credentials to sign the request with: ${(error as Error).message}`, { cause: error });
    }
    let response: Response;
    try {
      response = await this.fetch(url, { method, headers: signed, ...(payload ? { body: payload } : {}), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new PlatformUnreachableError(`无法连接平台 ${this.endpoint}（${cause}）/ cannot reach the platform at ${this.endpoint} (${cause})`, url, {
        cause: error,
      });
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** A signed call whose 2xx answer is parsed with `schema`; throttling, 5xx and no answer are retried, a refusal thrown as a PlatformError. */
  async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return withRetries(
      this.retry,
      async () => {
        const answer = await this.request(method, path, body);
        if (answer.status < 200 || answer.status > 299) throw PlatformError.fromAnswer(answer.status, answer.body, answer.headers);
        const parsed = schema.safeParse(answer.body);
        if (!parsed.success) {
          throw new PlatformError(
            answer.status,
            'UnexpectedAnswer',
            `平台的答复不符合约定 / the platform's answer breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
          );
        }
        return parsed.data;
      },
      (error) => {
        if (error instanceof PlatformUnreachableError) return { retry: true };
        if (error instanceof PlatformError)
          return { retry: error.retryable, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
        return { retry: false };
      },
    );
  }

  /** POST /departments/{d}/submissions: one batch (≤ 500 records) under its id; 200 `replayed` when it was accepted before. */
  submitBatch(batchId: string, records: readonly DepartmentRecord[] | readonly unknown[]): Promise<SubmissionReceipt> {
    return this.call('POST', `/departments/${this.department}/submissions`, submissionReceipt, { batchId, records });
  }

  /**
   * Any number of records, in batches of at most 500 sent one after another under ids derived
   * from the run id. A run that fails part way throws a SubmissionRunError naming the batches
   * done; the same call again (same run id, same records) resumes: the accepted batches answer
   * `replayed` and count as done.
   */
  async submitRecords(records: readonly DepartmentRecord[] | readonly unknown[], options: SubmitRecordsOptions = {}): Promise<SubmissionRun> {
    const runId = options.runId ?? runIdFor(records);
    const plan = planBatches(records, runId, options.batchSize);
    const done: BatchOutcome[] = [];
    let recordsDone = 0;
    for (const batch of plan) {
      const { records: ofBatch, ...where } = batch;
      try {
        const receipt = await this.submitBatch(batch.batchId, ofBatch);
        const outcome: BatchOutcome = {
          ...where,
          records: ofBatch.length,
          submissionId: receipt.submissionId,
          accepted: receipt.accepted,
          acceptedAt: receipt.acceptedAt,
          replayed: receipt.replayed,
        };
        done.push(outcome);
        recordsDone += ofBatch.length;
        options.onBatch?.(outcome, { batchesDone: done.length, batches: plan.length, recordsDone, records: records.length });
      } catch (error) {
        if (error instanceof PlatformError || error instanceof PlatformUnreachableError)
          throw new SubmissionRunError(runId, done, { ...where, records: ofBatch.length }, error);
        throw error;
      }
    }
    return { runId, records: records.length, batches: done };
  }

  /** GET /departments/{d}/submissions/{submissionId} (route read-submission): records accepted, evaluated, warnings raised. */
  readSubmission(submissionId: string): Promise<SubmissionStatus> {
    return this.call('GET', `/departments/${this.department}/submissions/${encodeURIComponent(submissionId)}`, submissionStatus);
  }

  /** 签收: the department has taken the warning in hand. */
  acknowledgeWarning(warningId: string): Promise<Acknowledgement> {
    return this.call('POST', `/departments/${this.department}/warnings/${encodeURIComponent(warningId)}/acknowledgement`, acknowledgement);
  }

  /** 反馈: the department's answer to a warning routed to it; checked against the platform's schema before it is sent. */
  answerWarning(warningId: string, outcome: WarningOutcomeInput): Promise<AnswerReceipt> {
    const checked = warningOutcome.safeParse(outcome);
    if (!checked.success) return Promise.reject(new InvalidOutcomeError(fieldProblems(checked.error.issues, 'outcome')));
    return this.call('POST', `/departments/${this.department}/warnings/${encodeURIComponent(warningId)}/outcome`, answerReceipt, outcome);
  }

  /** The department's work queue; needs the queue's URL (given, or from the local connection file). */
  get workQueue(): WorkQueue {
    if (!this.queueUrl) {
      throw new ConnectionSettingsError(
        'QueueUrlRequired',
        `请用 --queue-url 或 LIM_QUEUE_URL 给出 ${this.department} 的工作队列地址（部署输出 <部门>QueueUrl）/ give ${this.department}'s work queue URL with --queue-url or LIM_QUEUE_URL (the deployment output <Department>QueueUrl)`,
      );
    }
    this.sqsClient ??= new SQSClient(this.sqsSettings);
    return new WorkQueue(this.sqsClient, this.queueUrl);
  }

  close(): void {
    if (this.ownsSqs) this.sqsClient?.destroy();
    this.sqsClient = undefined;
  }
}

function unknownDepartment(department: string): ConnectionSettingsError {
  return new ConnectionSettingsError(
    'UnknownDepartment',
    `没有这个部门：${department}（部门代码如 civil-affairs、health）/ no such department: ${department} (department codes such as civil-affairs, health)`,
  );
}
