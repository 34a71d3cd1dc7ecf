import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config';
import type { WarningRecipient } from '../../shared/domain/departments';
import type { FunctionDefinition, TableAccess } from '../../shared/platform/functions';
import { QUEUE_ACTIONS } from '../../shared/platform/queues';
import { AUDIT_KEY_PREFIX, TABLE_KEYS, WHAT_IF_JOB_KEY_PREFIX } from '../../shared/table/keys';
import { ALARM_PERIOD, platformAlarm } from './alarms';
import { BUNDLING, REPO_ROOT } from '../bundling';

export { REPO_ROOT };

/** Log retention for function and API logs: the 180-day audit minimum, rounded up. */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * cdk-nag's AwsSolutions-L1 accepts only the newest Node.js runtime that aws-cdk-lib knows
 * (nodejs24.x for 2.276.0, which is also NODEJS_LATEST in every region, China included).
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** The key prefix a table mode that writes only some items may write under. */
export const WRITES_ONLY_UNDER: Partial<Record<TableAccess, { prefix: string; actions: string[] }>> = {
  'read-and-audit': { prefix: AUDIT_KEY_PREFIX, actions: ['dynamodb:BatchWriteItem'] },
  'read-and-what-if-jobs': { prefix: WHAT_IF_JOB_KEY_PREFIX, actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
};

/** What the stateful stack offers a function; which parts it gets is decided by its `needs`. */
export interface PlatformResources {
  key: kms.IKey;
  table: dynamodb.ITableV2;
  idempotencyTable: dynamodb.ITableV2;
  bus: events.IEventBus;
  workQueues: Record<WarningRecipient, sqs.IQueue>;
  /** Each work queue's own key (the queue and its DLQ are encrypted with it). */
  workQueueKeys: Record<WarningRecipient, kms.IKey>;
  personKey: secretsmanager.ISecret;
  /** The key under which a purpose a caller states is kept as a MAC in the audit trail. */
  purposeKey: secretsmanager.ISecret;
  /** The HMAC key of the audit trail's tree heads, and the table only audit-seal writes. */
  auditKey: kms.IKey;
  auditHeadsTable: dynamodb.ITableV2;
}

/**
 * The role name of a function that holds an audit-key permission: fixed, because the key policy
 * (stateful stack, deployed first) names the role by ARN before the role exists.
 */
export function functionRoleName(namePrefix: string, id: FunctionDefinition['id']): string {
  return `${namePrefix}-fn-${id}`;
}

export interface PlatformFunctionProps {
  definition: FunctionDefinition;
  key: kms.IKey;
  /** `<prefix>-<stage>`: the prefix of the department role names the handlers recognise. */
  principalPrefix: string;
  /** Where asynchronous invocations that failed every retry go (EventBridge-triggered functions). */
  asyncFailureQueue?: sqs.IQueue;
  /** Notified by the function's alarms, when there is a topic. */
  alarmTopic?: sns.ITopic;
  /** Active X-Ray tracing (off in aws-cn unless asked for: infra/app.ts). */
  tracing: boolean;
}

/**
 * The one way the platform makes a function: same runtime, architecture, tracing, encrypted log
 * group and esbuild bundling (local, never Docker) for all. The bind* helpers grant access and
 * set the matching environment variable together, so a function never has one without the other;
 * `bindNeeds` applies exactly what shared/platform/functions.ts declares.
 */
export class PlatformFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly definition: FunctionDefinition;
  private readonly key: kms.IKey;
  private mayEncrypt = false;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.key = props.key;

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Its own role that may write only its own log group, instead of AWSLambdaBasicExecutionRole.
    const role = new iam.Role(this, 'Role', {
      ...(definition.needs.auditSigning ? { roleName: functionRoleName(props.principalPrefix, definition.id) } : {}),
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${definition.id}: the platform function's execution role`,
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));

    this.fn = new NodejsFunction(this, 'Function', {
      role,
      description: definition.description,
      entry: join(REPO_ROOT, definition.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      // Declared once (shared/platform/functions.ts): the local platform's worker pool is the same size.
      reservedConcurrentExecutions: definition.concurrency,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environmentEncryption: props.key,
      ...(props.asyncFailureQueue ? { onFailure: new SqsDestination(props.asyncFailureQueue), retryAttempts: 2 } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: definition.id,
        POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        [ENV.principalPrefix]: props.principalPrefix,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        esbuildArgs: { '--alias': Object.entries(BUNDLING.alias).map(([from, to]) => `${from}=${to}`) },
        forceDockerBundling: false,
        // Bundle the SDK too: the pinned version the tests ran against, not whatever the
        // runtime ships (which differs by region and changes under us).
        externalModules: [],
      },
    });
    if (props.tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments and PutTelemetryRecords take no resource: active tracing, required for following a record from submission to department queue, needs Resource "*".',
      });
    }
    // The key encrypts the environment (read at every cold start) and every store the function reads.
    this.allow(['kms:Decrypt'], [this.key.keyArn]);
    if (props.asyncFailureQueue) this.allowEncrypt(); // the on-failure destination queue is encrypted too

    // Every function alarms alike: any error or throttle in five minutes is worth a look.
    platformAlarm(this, 'ErrorsAlarm', {
      metric: this.fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
      threshold: 1,
      description: `${definition.id} failed an invocation (see its log group).`,
      ...(props.alarmTopic ? { topic: props.alarmTopic } : {}),
    });
    platformAlarm(this, 'ThrottlesAlarm', {
      metric: this.fn.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
      threshold: 1,
      description: `${definition.id} was throttled: the account's or the function's concurrency is exhausted.`,
      ...(props.alarmTopic ? { topic: props.alarmTopic } : {}),
    });
  }

  /** Grants and environment for exactly what the function's definition declares it needs. */
  bindNeeds(resources: PlatformResources): this {
    const { needs } = this.definition;
    this.bindTable(resources.table, needs.table);
    if (needs.idempotency) this.bindIdempotencyTable(resources.idempotencyTable);
    if (needs.publishEvents) this.bindBus(resources.bus);
    if (needs.sendToWorkQueues) this.bindWorkQueues(resources.workQueues, resources.workQueueKeys);
    if (needs.personKey) this.bindPersonKey(resources.personKey);
    if (needs.purposeKey) this.bindPurposeKey(resources.purposeKey);
    if (needs.auditSigning) this.bindAuditSigning(resources.auditKey, resources.auditHeadsTable, needs.auditSigning);
    return this;
  }

  /**
   * Grants are written out rather than taken from CDK's grant helpers: exact index ARNs instead
   * of `index/*`, and exact KMS actions on the one platform key instead of `GenerateDataKey*`.
   */
  private allow(actions: string[], resources: string[]): void {
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
  }

  /** SSE with the platform key: reading needs Decrypt (always granted), writing GenerateDataKey. */
  private allowEncrypt(): void {
    if (this.mayEncrypt) return;
    this.mayEncrypt = true;
    this.allow(['kms:GenerateDataKey'], [this.key.keyArn]);
  }

  bindTable(table: dynamodb.ITableV2, mode: TableAccess): this {
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    const indexes = [TABLE_KEYS.gsi1.indexName, TABLE_KEYS.gsi2.indexName, TABLE_KEYS.gsi3.indexName].map((i) => `${table.tableArn}/index/${i}`);
    const leadingKeys = (prefix: string) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } });
    if (mode === 'audit-read') {
      // The sealer queries the trail's partitions and reads nothing about households.
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn], conditions: leadingKeys(AUDIT_KEY_PREFIX) }));
    } else {
      this.allow(mode === 'readwrite' ? [...read, ...write] : read, [table.tableArn, ...indexes]);
    }
    const onlyUnder = WRITES_ONLY_UNDER[mode];
    if (onlyUnder) {
      // Writes only items whose partition key starts with the prefix (the audit trail's
      // entries, appended in batches; a what-if runner's own jobs).
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: onlyUnder.actions,
          resources: [table.tableArn],
          conditions: leadingKeys(onlyUnder.prefix),
        }),
      );
    }
    if (mode === 'read-and-audit' || mode === 'read-and-what-if-jobs' || mode === 'readwrite') this.allowEncrypt();
    this.fn.addEnvironment(ENV.tableName, table.tableName);
    return this;
  }

  bindIdempotencyTable(table: dynamodb.ITableV2): this {
    this.allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], [table.tableArn]);
    this.allowEncrypt();
    this.fn.addEnvironment(ENV.idempotencyTableName, table.tableName);
    return this;
  }

  bindBus(bus: events.IEventBus): this {
    // EventBridge encrypts with the bus key as itself (key policy), not as the caller.
    this.allow(['events:PutEvents'], [bus.eventBusArn]);
    this.fn.addEnvironment(ENV.eventBusName, bus.eventBusName);
    return this;
  }

  bindWorkQueues(queues: Record<WarningRecipient, sqs.IQueue>, keys: Record<WarningRecipient, kms.IKey>): this {
    this.allow(
      [...QUEUE_ACTIONS.sendToWorkQueues],
      Object.values(queues).map((q) => q.queueArn),
    );
    // Each queue has its own key. SQS asks KMS for a data key as the sender (GenerateDataKey), and
    // Decrypt lets it reuse that cached data key; both are what SendMessage to an SSE-KMS queue needs.
    this.allow(
      ['kms:GenerateDataKey', 'kms:Decrypt'],
      Object.keys(queues).map((r) => keys[r as WarningRecipient].keyArn),
    );
    const urls = Object.fromEntries(Object.entries(queues).map(([recipient, q]) => [recipient, q.queueUrl]));
    this.fn.addEnvironment(ENV.workQueueUrls, Stack.of(this).toJsonString(urls));
    return this;
  }

  /**
   * 'seal': MAC tree heads and write the heads table; 'verify': check MACs and read it. The key
   * policy names the same roles (stateful stack), so an IAM grant elsewhere would not suffice.
   */
  bindAuditSigning(key: kms.IKey, headsTable: dynamodb.ITableV2, mode: 'seal' | 'verify'): this {
    this.allow([mode === 'seal' ? 'kms:GenerateMac' : 'kms:VerifyMac'], [key.keyArn]);
    this.allow(mode === 'seal' ? ['dynamodb:Query', 'dynamodb:PutItem'] : ['dynamodb:Query'], [headsTable.tableArn]);
    if (mode === 'seal') this.allowEncrypt();
    this.fn.addEnvironment(ENV.auditKeyId, key.keyArn);
    this.fn.addEnvironment(ENV.auditHeadsTableName, headsTable.tableName);
    return this;
  }

  bindPersonKey(secret: secretsmanager.ISecret): this {
    this.allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
    this.fn.addEnvironment(ENV.personKeySecretId, secret.secretArn);
    return this;
  }

  bindPurposeKey(secret: secretsmanager.ISecret): this {
    this.allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
    this.fn.addEnvironment(ENV.purposeKeySecretId, secret.secretArn);
    return this;
  }
}
