import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { WarningRecipient } from '../../shared/domain/departments';
import { deadLetterQueueName, WORK_QUEUE_RECIPIENTS, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';

export interface StatefulStackProps extends StackProps {
  /** `<prefix>-<stage>`: names queues, the bus, the secret and department roles. */
  namePrefix: string;
}

/** How long the bus archive keeps events for replay (see README, "Replaying events"). */
export const ARCHIVE_RETENTION_DAYS = 365;

/**
 * Everything that holds data: the KMS key, the single table and the idempotency table, the
 * event bus and its archive, the work queues with their DLQs, the failure queues and the
 * person-key secret. Deployed apart from the functions so that a code change never touches data.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.TableV2;
  readonly idempotencyTable: dynamodb.TableV2;
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  readonly workQueues: Record<WarningRecipient, sqs.Queue>;
  readonly deadLetterQueues: Record<WarningRecipient, sqs.Queue>;
  /** Events a rule could not deliver to its target after its retries. */
  readonly ruleTargetDeadLetterQueue: sqs.Queue;
  /** Asynchronous invocations that failed every attempt (Lambda on-failure destination). */
  readonly asyncFailureQueue: sqs.Queue;
  readonly personKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { namePrefix } = props;

    this.key = new kms.Key(this, 'PlatformKey', {
      alias: `alias/${namePrefix}-platform`,
      description: 'Encrypts the low-income monitoring platform data: tables, queues, bus, archive, logs, secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // EventBridge writes undeliverable events into the (encrypted) rule-target DLQ as itself,
    // not as a role of ours, so the key policy has to name it. The bus and archive statements
    // are added by their constructs, scoped to the bus ARN.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeWritesRuleDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    // CloudWatch Logs encrypts the function and access logs with the key. Its regional
    // principal carries the partition's DNS suffix (logs.cn-north-1.amazonaws.com.cn in China).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsPlatformLogs',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.${this.urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': this.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    const S = dynamodb.AttributeType.STRING;
    const dataTable = (tableId: string, tableProps: Omit<dynamodb.TablePropsV2, 'encryption' | 'billing'>) =>
      new dynamodb.TableV2(this, tableId, {
        billing: dynamodb.Billing.onDemand(),
        encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...tableProps,
      });
    // Households, members, allowances, chains, warnings, submissions: shared/table/ACCESS_PATTERNS.md.
    const { partitionKey, sortKey, gsi1, gsi2, ttlAttribute } = TABLE_KEYS;
    this.table = dataTable('HouseholdsTable', {
      partitionKey: { name: partitionKey, type: S },
      sortKey: { name: sortKey, type: S },
      timeToLiveAttribute: ttlAttribute,
      globalSecondaryIndexes: [gsi1, gsi2].map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: S },
        sortKey: { name: g.sortKey, type: S },
      })),
    });
    // Powertools idempotency records, under the library's own key and TTL attribute names.
    this.idempotencyTable = dataTable('IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_TABLE_KEYS.partitionKey, type: S },
      timeToLiveAttribute: IDEMPOTENCY_TABLE_KEYS.ttlAttribute,
    });

    const encryptedQueue = (queueId: string, queueProps: sqs.QueueProps) =>
      new sqs.Queue(this, queueId, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...queueProps,
      });
    const dlqRetention = Duration.seconds(WORK_QUEUE_SETTINGS.dlqRetentionSeconds);

    // Failure queues take messages from EventBridge and Lambda, never from an SQS redrive.
    const failureQueue = (queueId: string, queueName: string) =>
      encryptedQueue(queueId, {
        queueName,
        retentionPeriod: dlqRetention,
        redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL },
      });
    this.ruleTargetDeadLetterQueue = failureQueue('RuleTargetDeadLetterQueue', `${namePrefix}-rule-target-dlq`);
    this.asyncFailureQueue = failureQueue('AsyncFailureQueue', `${namePrefix}-async-failures`);
    // Only the platform's own rules may dead-letter here: rules on the platform bus, and the
    // platform's schedules on the default bus (both named after the prefix).
    this.ruleTargetDeadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PlatformRulesDeadLetter',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.ruleTargetDeadLetterQueue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': [
              this.formatArn({ service: 'events', resource: 'rule', resourceName: `${namePrefix}-platform/*` }),
              this.formatArn({ service: 'events', resource: 'rule', resourceName: `${namePrefix}-*` }),
            ],
          },
        },
      }),
    );
    for (const q of [this.ruleTargetDeadLetterQueue, this.asyncFailureQueue]) {
      Validations.of(q).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the last stop for failed platform events (rule targets) or failed asynchronous invocations; an operator inspects it and replays from the bus archive, so it has no DLQ of its own.',
      });
    }

    const workQueues = {} as Record<WarningRecipient, sqs.Queue>;
    const deadLetterQueues = {} as Record<WarningRecipient, sqs.Queue>;
    for (const recipient of WORK_QUEUE_RECIPIENTS) {
      const name = pascal(recipient);
      const queueName = workQueueName(namePrefix, recipient);
      // Referenced by its ARN built from the name: the work queue itself refers to the DLQ.
      const ownWorkQueue = sqs.Queue.fromQueueArn(this, `${name}WorkQueueRef`, this.formatArn({ service: 'sqs', resource: queueName, arnFormat: ArnFormat.NO_RESOURCE_NAME }));
      const dlq = encryptedQueue(`${name}DeadLetterQueue`, {
        queueName: deadLetterQueueName(namePrefix, recipient),
        retentionPeriod: dlqRetention,
        redriveAllowPolicy: { sourceQueues: [ownWorkQueue] },
      });
      deadLetterQueues[recipient] = dlq;
      workQueues[recipient] = encryptedQueue(`${name}WorkQueue`, {
        queueName,
        visibilityTimeout: Duration.seconds(WORK_QUEUE_SETTINGS.visibilityTimeoutSeconds),
        retentionPeriod: Duration.seconds(WORK_QUEUE_SETTINGS.retentionSeconds),
        receiveMessageWaitTime: Duration.seconds(WORK_QUEUE_SETTINGS.receiveWaitSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: WORK_QUEUE_SETTINGS.maxReceiveCount },
      });
    }
    this.workQueues = workQueues;
    this.deadLetterQueues = deadLetterQueues;

    const busName = `${namePrefix}-platform`;
    this.bus = new events.EventBus(this, 'PlatformBus', {
      eventBusName: busName,
      description: 'Low-income monitoring platform: records accepted, warnings raised, referred and answered, assistance granted and ended',
      kmsKey: this.key,
    });
    // Not bus.archive(): in aws-cdk-lib 2.276 it drops kmsKey. The archive's key-policy statement
    // names the bus ARN, so the bus is referenced by its ARN built from the name: a token would
    // make the key depend on the bus that depends on the key. Scoped under the bus, the archive
    // keeps the logical id bus.archive() gives it.
    const busArn = this.formatArn({ service: 'events', resource: 'event-bus', resourceName: busName });
    this.archive = new events.Archive(this.bus, 'PlatformArchive', {
      sourceEventBus: events.EventBus.fromEventBusArn(this, 'PlatformBusByName', busArn),
      archiveName: `${namePrefix}-platform-archive`,
      description: 'Every platform event, kept for replay after an incident',
      eventPattern: { account: [this.account] },
      retention: Duration.days(ARCHIVE_RETENTION_DAYS),
      kmsKey: this.key,
    });
    this.archive.node.addDependency(this.bus.node.defaultChild!);

    // The HMAC key that turns identity numbers into person references.
    this.personKey = new secretsmanager.Secret(this, 'PersonKey', {
      secretName: `${namePrefix}/person-key`,
      description: 'HMAC key that turns identity numbers into person references; never leaves the functions',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.personKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Person references stored in the table are HMACs of identity numbers under this key: an automatic rotation would orphan every household and chain, so re-keying is a planned migration (re-hash all keys), not a rotation schedule.',
    });
  }
}

export function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
