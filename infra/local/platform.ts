import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { resetConfig, ENV } from '../../shared/config';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { deadLetterQueueName, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { openApiDocument } from '../../shared/platform/openapi';
import { createTables, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { LocalEventBridge } from './eventbridge';
import { HttpFront } from './http-front';
import { LocalLambdas } from './lambda-runtime';
import type { LocalCredential } from './sigv4';
import { LocalSqs, type LocalQueue } from './sqs';
import { enableTimeToLive, householdsTableDefinition, idempotencyTableDefinition } from './tables';
import { IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';

export interface LocalPlatformOptions {
  /** Folder that keeps data across restarts; without one everything lives in memory. */
  dataDir?: string;
  /** Fixed ports for `npm start`; 0 (the default) picks free loopback ports, as tests need. */
  ports?: Partial<Record<'api' | 'events' | 'sqs' | 'dynamodb', number>>;
  region?: string;
  prefix?: string;
  /** Delays between the local bus's delivery attempts (Lambda async: two retries). */
  retryDelaysMs?: readonly number[];
  /** Run the scheduled jobs of events/rules.ts on their timers (npm start); tests call runSchedule. */
  schedules?: boolean;
  /**
   * Where the functions reach an AWS service: given each upstream endpoint, returns the one the
   * functions' AWS_ENDPOINT_URL_* should name (`npm run bench` puts its counting proxy there).
   * The platform's own clients keep the upstream endpoints.
   */
  functionEndpoint?: (service: LocalService, upstream: string) => string | Promise<string>;
}

export type LocalService = 'dynamodb' | 'sqs' | 'events';

export interface DepartmentCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LocalPlatform {
  url: string;
  region: string;
  prefix: string;
  credentials: Record<WarningRecipient, DepartmentCredential>;
  queueUrls: Record<WarningRecipient, string>;
  deadLetterQueueUrls: Record<WarningRecipient, string>;
  failureQueueUrl: string;
  endpoints: { dynamodb: string; sqs: string; events: string };
  eventBridge: LocalEventBridge;
  sqs: LocalSqs;
  /** Resolves when every event put so far has been delivered to its targets. */
  idle(): Promise<void>;
  /** Runs a scheduled job now, as its schedule rule would. */
  runSchedule(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The whole platform on one machine: DynamoDB Local, a local SQS, a local EventBridge that
 * dispatches by the rules in events/rules.ts, and an HTTP front with SigV4, all calling the same
 * handlers from functions/ that run on Lambda. Listens on 127.0.0.1 only.
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const region = options.region ?? 'cn-north-1';
  const prefix = options.prefix ?? 'lim-local';
  const ports = options.ports ?? {};
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const personKeyFile = dataDir ? join(dataDir, 'person-key') : join(tmpKeyDir(), 'person-key');
  if (!existsSync(personKeyFile)) writeFileSync(personKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const credentials = loadOrCreateCredentials(dataDir);

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error('stop failed', e));
    stops.length = 0;
  };

  try {
    const dynamodb: DynamoDbLocal = await startDynamoDbLocal({
      port: ports.dynamodb ?? 0,
      ...(dataDir ? { dbPath: join(dataDir, 'dynamodb') } : {}),
      sharedDb: true,
    });
    stops.push(() => dynamodb.stop());
    const tableName = `${prefix}-households`;
    const idempotencyTableName = `${prefix}-idempotency`;
    await createTables(dynamodb.endpoint, [householdsTableDefinition(tableName), idempotencyTableDefinition(idempotencyTableName)]);
    await enableTimeToLive(dynamodb.endpoint, region, [
      [tableName, TABLE_KEYS.ttlAttribute],
      [idempotencyTableName, IDEMPOTENCY_TABLE_KEYS.ttlAttribute],
    ]);

    const sqs = new LocalSqs(region, dataDir ? join(dataDir, 'sqs-snapshot.json') : undefined);
    const failureQueue = `${prefix}-async-failures`;
    await sqs.start(queuesOf(prefix, failureQueue), ports.sqs ?? 0);
    stops.push(() => sqs.stop());
    const queueUrl = (name: string) => sqs.queueUrls.get(name)!;
    const queueUrls = Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, queueUrl(workQueueName(prefix, r))])) as Record<WarningRecipient, string>;
    const deadLetterQueueUrls = Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, queueUrl(deadLetterQueueName(prefix, r))])) as Record<WarningRecipient, string>;

    const busName = `${prefix}-platform`;
    const lambdas = new LocalLambdas(REPO_ROOT, region);
    const failureClient = new SQSClient({ region, endpoint: sqs.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const eventBridge = new LocalEventBridge({
      busName,
      region,
      rules: PLATFORM_RULES,
      invoke: (target, event) => lambdas.invoke(target, event),
      // Lambda's on-failure destination: the event and the error, for an operator to redrive.
      onFailure: async (target, event, error) => {
        await failureClient.send(
          new SendMessageCommand({
            QueueUrl: queueUrl(failureQueue),
            MessageBody: JSON.stringify({ target, error: error.message, event }),
          }),
        );
      },
      ...(dataDir ? { archiveFile: join(dataDir, 'event-archive.jsonl') } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    const eventsEndpoint = await eventBridge.start(ports.events ?? 0);
    stops.push(() => eventBridge.stop());

    const routed = async (service: LocalService, upstream: string) => (options.functionEndpoint ? options.functionEndpoint(service, upstream) : upstream);
    // The handlers read their configuration from the environment, as on Lambda.
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: await routed('dynamodb', dynamodb.endpoint),
      AWS_ENDPOINT_URL_SQS: await routed('sqs', sqs.endpoint),
      AWS_ENDPOINT_URL_EVENTBRIDGE: await routed('events', eventsEndpoint),
      [ENV.tableName]: tableName,
      [ENV.idempotencyTableName]: idempotencyTableName,
      [ENV.eventBusName]: busName,
      [ENV.workQueueUrls]: JSON.stringify(queueUrls),
      [ENV.principalPrefix]: prefix,
      [ENV.personKeyFile]: personKeyFile,
      // One process serves every function here: a policy change is seen on the next call.
      [ENV.policyCacheSeconds]: '0',
      POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'lim-local',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    });
    delete process.env[ENV.personKeySecretId];
    resetConfig();

    const credentialMap = new Map<string, LocalCredential & { principal: WarningRecipient }>(
      WARNING_RECIPIENTS.map((r) => [credentials[r].accessKeyId, { ...credentials[r], principal: r }]),
    );
    const front: HttpFront = new HttpFront({
      region,
      principalPrefix: prefix,
      credentials: credentialMap,
      invoke: (fn, event) => lambdas.invoke(fn, event) as Promise<APIGatewayProxyResult>,
      documents: { '/openapi.json': (): unknown => openApiDocument(front.url) },
    });
    const url = await front.start(ports.api ?? 0);
    stops.push(async () => {
      await front.stop();
      failureClient.destroy();
    });

    const runSchedule = (name: string) => {
      const schedule = PLATFORM_SCHEDULES.find((s) => s.name === name);
      if (!schedule) throw new Error(`no schedule ${name}`);
      const event = { version: '0', id: randomBytes(16).toString('hex'), 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000', time: new Date().toISOString(), region, resources: [], detail: {} };
      return lambdas.invoke(schedule.target, event);
    };
    if (options.schedules) {
      const timers = PLATFORM_SCHEDULES.map((s) =>
        setInterval(() => void runSchedule(s.name).catch((e: unknown) => console.error(`schedule ${s.name} failed`, e)), s.rate.minutes * 60_000),
      );
      stops.push(async () => timers.forEach(clearInterval));
    }

    const platform: LocalPlatform = {
      url,
      region,
      prefix,
      credentials,
      queueUrls,
      deadLetterQueueUrls,
      failureQueueUrl: queueUrl(failureQueue),
      endpoints: { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, events: eventsEndpoint },
      eventBridge,
      sqs,
      idle: () => eventBridge.idle(),
      runSchedule,
      stop: stopAll,
    };
    if (dataDir) writeConnectionFile(dataDir, platform);
    return platform;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What `npm run demo` (and any department's test client) needs to reach a running platform. */
export const CONNECTION_FILE = 'platform.json';

function writeConnectionFile(dataDir: string, p: LocalPlatform) {
  const connection = { url: p.url, region: p.region, prefix: p.prefix, credentials: p.credentials, queueUrls: p.queueUrls, endpoints: p.endpoints };
  writeFileSync(join(dataDir, CONNECTION_FILE), JSON.stringify(connection, null, 2), { mode: 0o600 });
}

function loadOrCreateCredentials(dataDir: string | undefined): Record<WarningRecipient, DepartmentCredential> {
  const file = dataDir ? join(dataDir, 'credentials.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<WarningRecipient, DepartmentCredential>;
  const made = Object.fromEntries(
    WARNING_RECIPIENTS.map((r) => [
      r,
      { accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') },
    ]),
  ) as Record<WarningRecipient, DepartmentCredential>;
  if (file) writeFileSync(file, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

let tmpDir: string | undefined;
function tmpKeyDir(): string {
  tmpDir ??= join(process.env.TMPDIR ?? '/tmp', `lim-key-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  return tmpDir;
}

function queuesOf(prefix: string, failureQueue: string): LocalQueue[] {
  const s = WORK_QUEUE_SETTINGS;
  return [
    { name: failureQueue, attributes: { MessageRetentionPeriod: String(s.dlqRetentionSeconds) } },
    ...WARNING_RECIPIENTS.flatMap((r): LocalQueue[] => [
      { name: deadLetterQueueName(prefix, r), attributes: { MessageRetentionPeriod: String(s.dlqRetentionSeconds) } },
      {
        name: workQueueName(prefix, r),
        attributes: {
          VisibilityTimeout: String(s.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(s.retentionSeconds),
          ReceiveMessageWaitTimeSeconds: String(s.receiveWaitSeconds),
        },
        deadLetterQueue: deadLetterQueueName(prefix, r),
        maxReceiveCount: s.maxReceiveCount,
      },
    ]),
  ];
}
