import { DeleteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { ENV } from '../../shared/config';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { asyncFailureQueueName, deadLetterQueueName, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { openApiDocument } from '../../shared/platform/openapi';
import { createTables, startDynamoDbLocal, type DynamoDbLocal, type JvmProfile } from './dynamodb-local';
import { LocalEventBridge } from './eventbridge';
import { HttpFront } from './http-front';
import { LocalLambdas } from './lambda-runtime';
import { functionBundles } from './bundles';
import { environmentOf, FUNCTIONS, type NeedBindings } from '../../shared/platform/functions';
import type { FunctionId } from '../../shared/platform/api';
import { queueCallers } from './queue-access';
import type { LocalCredential } from './sigv4';
import type { PartnerKind } from '../../shared/domain/partners';
import type { Caller } from '../../shared/platform/principals';
import { LocalSqs, type LocalQueue } from './sqs';
import { auditHeadsTableDefinition, enableTimeToLive, householdsTableDefinition, idempotencyTableDefinition } from './tables';
import { CONSOLE_DIST } from './console-files';
import { AUDIT_HEADS_TABLE_KEYS, IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';

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
  /** AUDIT_SEAL_LAG_SECONDS for audit-seal (default 900); tests seal at once with 0. */
  auditSealLagSeconds?: number;
  /** A person key to use instead of the data folder's (two platforms with one key give the same person references). */
  personKeyFile?: string;
  /**
   * Where the functions reach an AWS service: given each upstream endpoint, returns the one the
   * functions' AWS_ENDPOINT_URL_* should name (`npm run bench` puts its counting proxy there).
   * The platform's own clients keep the upstream endpoints.
   */
  functionEndpoint?: (service: LocalService, upstream: string) => string | Promise<string>;
  /** How DynamoDB Local's JVM runs: 'fast-start' (default, tests) or 'throughput' (npm start, bench). */
  jvm?: JvmProfile;
  /**
   * A DynamoDB Local already running (each test worker shares one): the platform makes its
   * prefix's tables there and leaves the process alone. Without it the platform starts its own.
   */
  dynamodb?: { endpoint: string; pid: number };
  /** The built console served under /console/ (default console/dist). */
  consoleDir?: string;
}

export type LocalService = 'dynamodb' | 'sqs' | 'events';

/** A local access key pair (functions, the operator); a department's also names its officer. */
export interface LocalKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DepartmentCredential extends LocalKeys {
  /**
   * The officer these keys stand for: what STS would carry as the session's source identity
   * (and, as the department role's trust policy requires, its session name). The local
   * platform has no STS; the credentials file binds the person to the keys.
   */
  sourceIdentity: string;
}

export interface LocalPlatform {
  url: string;
  region: string;
  prefix: string;
  credentials: Record<WarningRecipient, DepartmentCredential>;
  /** The local operator's key: may read the failure queue and the DLQs, nothing else. */
  operatorCredential: LocalKeys;
  /**
   * Keys for a session of a partner kind's role as an organisation (its unified social credit
   * code), as the partners' federation would hand out through STS: the same keys for the same
   * organisation while the platform runs. Whether the organisation is registered is the
   * handlers' check, not this one's (an unregistered one gets keys, and 403 at its first call).
   */
  partnerCredential(kind: PartnerKind, organisationCode: string): DepartmentCredential;
  queueUrls: Record<WarningRecipient, string>;
  deadLetterQueueUrls: Record<WarningRecipient, string>;
  failureQueueUrl: string;
  endpoints: { dynamodb: string; sqs: string; events: string };
  /** The processes it started besides this one (DynamoDB Local's JVM), for tools that watch them. */
  pids: { dynamodb: number };
  /** The table names, for tools and tests that read the tables directly. */
  tables: { households: string; idempotency: string; auditHeads: string };
  /** The stand-ins for the person-key and purpose-key secrets: an operator rotates a key by rewriting its file as a ring (README). */
  keyFiles: { person: string; purpose: string };
  eventBridge: LocalEventBridge;
  sqs: LocalSqs;
  /** The functions' execution environments (cold starts and their init times). */
  lambdas: LocalLambdas;
  /** The environment a function runs with here (for a test that calls a handler in process). */
  environment(id: FunctionId): Record<string, string>;
  /** Resolves when every event put so far has been delivered to its targets. */
  idle(): Promise<void>;
  /** Runs a scheduled job now, as its schedule rule would. */
  runSchedule(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** Settings a caller may set for a run of the local platform; every function gets them. */
const TUNABLE = [
  ENV.auditRetentionDays,
  ENV.auditSealLagSeconds,
  ENV.whatIfWaitSeconds,
  ENV.whatIfPageSize,
  ENV.whatIfSliceSeconds,
  ENV.policyCacheSeconds,
] as const;

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

  // The person key and the audit trail's HMAC key (the stand-ins for the secret and the KMS key).
  const keyFile = (name: string) => {
    const file = dataDir ? join(dataDir, name) : join(tmpKeyDir(), name);
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    return file;
  };
  const personKeyFile = options.personKeyFile ?? keyFile('person-key');
  const auditKeyFile = keyFile('audit-key');
  const purposeKeyFile = keyFile('purpose-key');
  const credentials = loadOrCreateCredentials(dataDir);
  // A key per function, as each Lambda function has its own role; made afresh at every start.
  const functionCredentials = Object.fromEntries(Object.keys(FUNCTIONS).map((id) => [id, newCredential()])) as Record<FunctionId, LocalKeys>;
  const operatorCredential = newCredential();

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error('stop failed', e));
    stops.length = 0;
  };

  try {
    const dynamodb: Pick<DynamoDbLocal, 'endpoint' | 'pid'> =
      options.dynamodb ??
      (await startDynamoDbLocal({
        port: ports.dynamodb ?? 0,
        ...(dataDir ? { dbPath: join(dataDir, 'dynamodb') } : {}),
        sharedDb: true,
        jvm: options.jvm ?? 'fast-start',
      }).then((started) => {
        stops.push(() => started.stop());
        return started;
      }));
    const tableName = `${prefix}-households`;
    const idempotencyTableName = `${prefix}-idempotency`;
    const auditHeadsTableName = `${prefix}-audit-heads`;
    await createTables(dynamodb.endpoint, [
      householdsTableDefinition(tableName),
      idempotencyTableDefinition(idempotencyTableName),
      auditHeadsTableDefinition(auditHeadsTableName),
    ]);
    await enableTimeToLive(dynamodb.endpoint, region, [
      [tableName, TABLE_KEYS.ttlAttribute],
      [idempotencyTableName, IDEMPOTENCY_TABLE_KEYS.ttlAttribute],
      [auditHeadsTableName, AUDIT_HEADS_TABLE_KEYS.ttlAttribute],
    ]);

    const sqs = new LocalSqs({
      region,
      ...(dataDir ? { journalFile: join(dataDir, 'sqs-journal.jsonl') } : {}),
      callers: queueCallers({ region, prefix, departments: credentials, functions: functionCredentials, operator: operatorCredential }),
    });
    const failureQueue = asyncFailureQueueName(prefix);
    await sqs.start(queuesOf(prefix, failureQueue), ports.sqs ?? 0);
    stops.push(() => sqs.stop());
    const queueUrl = (name: string) => sqs.queueUrls.get(name)!;
    const queueUrls = Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, queueUrl(workQueueName(prefix, r))])) as Record<WarningRecipient, string>;
    const deadLetterQueueUrls = Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, queueUrl(deadLetterQueueName(prefix, r))])) as Record<
      WarningRecipient,
      string
    >;

    const busName = `${prefix}-platform`;
    let eventsEndpoint = '';
    let functionEndpoints = { dynamodb: '', sqs: '', events: '' };
    // Functions in one process hear of a policy change at once (shared/wiring/policy.ts).
    const policyChannel = `lim-policy-${prefix}-${randomBytes(6).toString('hex')}`;
    const bindings: NeedBindings = {
      tableName,
      idempotencyTableName,
      eventBusName: busName,
      workQueueUrls: JSON.stringify(queueUrls),
      personKey: { file: personKeyFile },
      purposeKey: { file: purposeKeyFile },
      auditHeadsTableName,
      auditKey: { file: auditKeyFile },
    };
    // Each function's environment, as Lambda would have it: its declared needs and nothing else.
    const environment = (id: FunctionId): Record<string, string> => ({
      AWS_REGION: region,
      // As Lambda sets it: Powertools reports a cold start only when it is on-demand.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ACCESS_KEY_ID: functionCredentials[id].accessKeyId,
      AWS_SECRET_ACCESS_KEY: functionCredentials[id].secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: functionEndpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: functionEndpoints.sqs,
      AWS_ENDPOINT_URL_EVENTBRIDGE: functionEndpoints.events,
      AWS_LAMBDA_FUNCTION_NAME: `local-${id}`,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTIONS[id].memoryMb),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      [ENV.principalPrefix]: prefix,
      [ENV.policyChannel]: policyChannel,
      // Tuning a caller set for this run (tests shorten the seal lag and the what-if slices).
      ...Object.fromEntries(TUNABLE.flatMap((name) => (process.env[name] !== undefined ? [[name, process.env[name]!]] : []))),
      ...(options.auditSealLagSeconds !== undefined ? { [ENV.auditSealLagSeconds]: String(options.auditSealLagSeconds) } : {}),
      POWERTOOLS_SERVICE_NAME: id,
      POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      ...environmentOf(FUNCTIONS[id].needs, bindings),
    });
    const lambdas = new LocalLambdas({ region, bundles: await functionBundles(), environment });
    stops.push(() => lambdas.stop());
    // Lambda sends a function's on-failure record with the function's own role.
    const failureClients = new Map<FunctionId, SQSClient>();
    const failureClient = (target: FunctionId) => {
      if (!failureClients.has(target)) failureClients.set(target, new SQSClient({ region, endpoint: sqs.endpoint, credentials: functionCredentials[target] }));
      return failureClients.get(target)!;
    };
    const eventBridge = new LocalEventBridge({
      busName,
      region,
      rules: PLATFORM_RULES,
      invoke: (target, event) => lambdas.invoke(target, event),
      // Lambda's on-failure destination: the event and the error, for an operator to redrive.
      onFailure: async (target, event, error) => {
        await failureClient(target).send(
          new SendMessageCommand({
            QueueUrl: queueUrl(failureQueue),
            MessageBody: JSON.stringify({ target, error: error.message, event }),
          }),
        );
      },
      ...(dataDir ? { archiveFile: join(dataDir, 'event-archive.jsonl'), deliveriesFile: join(dataDir, 'event-deliveries.jsonl') } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    eventsEndpoint = await eventBridge.start(ports.events ?? 0);
    stops.push(() => eventBridge.stop());

    // The functions reach the services here, or wherever a caller routes them (the bench's counting proxy).
    const routed = async (service: LocalService, upstream: string) => (options.functionEndpoint ? options.functionEndpoint(service, upstream) : upstream);
    functionEndpoints = {
      dynamodb: await routed('dynamodb', dynamodb.endpoint),
      sqs: await routed('sqs', sqs.endpoint),
      events: await routed('events', eventsEndpoint),
    };

    const credentialMap = new Map<string, LocalCredential & { principal: Caller }>(
      WARNING_RECIPIENTS.map((r) => [credentials[r].accessKeyId, { ...credentials[r], principal: r }]),
    );
    const partnerSessions = new Map<string, DepartmentCredential>();
    const partnerCredential = (kind: PartnerKind, organisationCode: string): DepartmentCredential => {
      const session = `${kind}/${organisationCode}`;
      let made = partnerSessions.get(session);
      if (!made) {
        made = { ...newCredential(), sourceIdentity: organisationCode };
        partnerSessions.set(session, made);
        credentialMap.set(made.accessKeyId, { ...made, principal: kind });
      }
      return made;
    };
    const front: HttpFront = new HttpFront({
      region,
      principalPrefix: prefix,
      credentials: credentialMap,
      invoke: (fn, event) => lambdas.invoke(fn, event) as Promise<APIGatewayProxyResult>,
      documents: { '/openapi.json': (): unknown => openApiDocument({ localUrl: front.url }) },
      console: {
        root: options.consoleDir ?? CONSOLE_DIST,
        localIdentities: () => ({
          region,
          identities: WARNING_RECIPIENTS.map((department) => ({ department, ...credentials[department] })),
        }),
      },
    });
    const url = await front.start(ports.api ?? 0);
    stops.push(async () => {
      await front.stop();
      for (const client of failureClients.values()) client.destroy();
    });

    const runSchedule = (name: string) => {
      const schedule = PLATFORM_SCHEDULES.find((s) => s.name === name);
      if (!schedule) throw new Error(`no schedule ${name}`);
      const event = {
        version: '0',
        id: randomBytes(16).toString('hex'),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: new Date().toISOString(),
        region,
        resources: [],
        detail: {},
      };
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
      operatorCredential,
      partnerCredential,
      queueUrls,
      deadLetterQueueUrls,
      failureQueueUrl: queueUrl(failureQueue),
      endpoints: { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, events: eventsEndpoint },
      pids: { dynamodb: dynamodb.pid },
      tables: { households: tableName, idempotency: idempotencyTableName, auditHeads: auditHeadsTableName },
      keyFiles: { person: personKeyFile, purpose: purposeKeyFile },
      eventBridge,
      sqs,
      lambdas,
      environment,
      idle: () => eventBridge.idle(),
      runSchedule,
      stop: stopAll,
    };
    if (dataDir) {
      writeConnectionFile(dataDir, platform);
      // After a crash: no invocation survived it, so none is still in progress; then the bus
      // delivers what it had accepted and not yet delivered, as EventBridge keeps retrying.
      const cleared = await clearInProgress(dynamodb.endpoint, region, idempotencyTableName);
      const resumed = eventBridge.resume();
      if (cleared || resumed) console.log(`resumed after an unclean stop: ${resumed} deliveries, ${cleared} invocations that were in progress`);
    }
    return platform;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What `npm run demo` (and any department's test client) needs to reach a running platform. */
export const CONNECTION_FILE = 'platform.json';

function writeConnectionFile(dataDir: string, p: LocalPlatform) {
  const connection = {
    url: p.url,
    region: p.region,
    prefix: p.prefix,
    credentials: p.credentials,
    operatorCredential: p.operatorCredential,
    queueUrls: p.queueUrls,
    failureQueueUrl: p.failureQueueUrl,
    endpoints: p.endpoints,
    pids: { platform: process.pid, ...p.pids },
  };
  writeFileSync(join(dataDir, CONNECTION_FILE), JSON.stringify(connection, null, 2), { mode: 0o600 });
}

function loadOrCreateCredentials(dataDir: string | undefined): Record<WarningRecipient, DepartmentCredential> {
  const file = dataDir ? join(dataDir, 'credentials.json') : undefined;
  // A file written before officers were named gets the default officer of each department.
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<
      WarningRecipient,
      Omit<DepartmentCredential, 'sourceIdentity'> & { sourceIdentity?: string }
    >;
    return Object.fromEntries(
      Object.entries(saved).map(([r, c]) => [r, { ...c, sourceIdentity: c.sourceIdentity ?? officerOf(r as WarningRecipient) }]),
    ) as Record<WarningRecipient, DepartmentCredential>;
  }
  const made = Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, { ...newCredential(), sourceIdentity: officerOf(r) }])) as Record<
    WarningRecipient,
    DepartmentCredential
  >;
  if (file) writeFileSync(file, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

/** The officer a department's local keys stand for until the credentials file names another. */
const officerOf = (r: WarningRecipient) => `${r}.officer-01`;

function newCredential(): LocalKeys {
  return { accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

/**
 * Removes Powertools' in-progress idempotency records: locally, every environment died with the
 * process, so a record still "in progress" belongs to no one (on AWS it would expire with the
 * invocation's timeout, within a retry's wait). Completed records stay.
 */
async function clearInProgress(endpoint: string, region: string, table: string): Promise<number> {
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    let cleared = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          ExclusiveStartKey: start,
          FilterExpression: '#s = :p',
          ExpressionAttributeValues: { ':p': { S: 'INPROGRESS' } },
          ProjectionExpression: '#id',
          ExpressionAttributeNames: { '#s': 'status', '#id': IDEMPOTENCY_TABLE_KEYS.partitionKey },
        }),
      );
      for (const item of page.Items ?? []) {
        await client
          .send(
            new DeleteItemCommand({
              TableName: table,
              Key: { [IDEMPOTENCY_TABLE_KEYS.partitionKey]: item[IDEMPOTENCY_TABLE_KEYS.partitionKey]! },
              ConditionExpression: '#s = :p',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':p': { S: 'INPROGRESS' } },
            }),
          )
          .catch(() => undefined);
        cleared += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return cleared;
  } finally {
    client.destroy();
  }
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
