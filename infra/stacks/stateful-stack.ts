import { Aws, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { deadLetterQueueName, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';

export interface StatefulStackProps extends StackProps {
  /** `<prefix>-<stage>`: names queues, the bus and department roles. */
  namePrefix: string;
}

/** How long the bus archive keeps events for replay (see README, "Replaying events"). */
export const ARCHIVE_RETENTION_DAYS = 365;

/**
 * Everything that holds data: the KMS key, the single table and the idempotency table, the
 * event bus and its archive, the work queues with their DLQs, and the person-key secret.
 * Deployed separately from the functions so that a code change never touches the data.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.TableV2;
  readonly idempotencyTable: dynamodb.TableV2;
  readonly bus: events.EventBus;
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
      description: 'Encrypts the low-income monitoring platform data: table, queues, bus, logs, secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Services that write encrypted data on the platform's behalf.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeUsesTheKey',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsUsesTheKey',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
        },
      }),
    );

    const { partitionKey, sortKey, gsi1, gsi2, ttlAttribute } = TABLE_KEYS;
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
    this.table = dataTable('HouseholdsTable', {
      partitionKey: { name: partitionKey, type: S },
      sortKey: { name: sortKey, type: S },
      timeToLiveAttribute: ttlAttribute,
      globalSecondaryIndexes: [gsi1, gsi2].map((g) => ({ indexName: g.indexName, partitionKey: { name: g.partitionKey, type: S }, sortKey: { name: g.sortKey, type: S } })),
    });
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
    const dlqProps = { retentionPeriod: Duration.seconds(WORK_QUEUE_SETTINGS.dlqRetentionSeconds) };

    this.ruleTargetDeadLetterQueue = encryptedQueue('RuleTargetDeadLetterQueue', { queueName: `${namePrefix}-rule-target-dlq`, ...dlqProps });
    this.asyncFailureQueue = encryptedQueue('AsyncFailureQueue', { queueName: `${namePrefix}-async-failures`, ...dlqProps });
    // Rules on the platform bus (created in the stateless stack) may dead-letter here.
    this.ruleTargetDeadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PlatformRulesDeadLetter',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.ruleTargetDeadLetterQueue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          // Rules on the platform bus, and the platform's schedules on the default bus.
          ArnLike: {
            'aws:SourceArn': [
              `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${namePrefix}-platform/*`,
              `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${namePrefix}-*`,
            ],
          },
        },
      }),
    );
    for (const q of [this.ruleTargetDeadLetterQueue, this.asyncFailureQueue]) {
      Validations.of(q).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue: it holds what failed, for an operator to inspect and redrive.' });
    }

    const workQueues = {} as Record<WarningRecipient, sqs.Queue>;
    const deadLetterQueues = {} as Record<WarningRecipient, sqs.Queue>;
    for (const recipient of WARNING_RECIPIENTS) {
      const name = pascal(recipient);
      const dlq = encryptedQueue(`${name}DeadLetterQueue`, { queueName: deadLetterQueueName(namePrefix, recipient), ...dlqProps });
      Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: `The dead-letter queue of the ${recipient} work queue.` });
      deadLetterQueues[recipient] = dlq;
      workQueues[recipient] = encryptedQueue(`${name}WorkQueue`, {
        queueName: workQueueName(namePrefix, recipient),
        visibilityTimeout: Duration.seconds(WORK_QUEUE_SETTINGS.visibilityTimeoutSeconds),
        retentionPeriod: Duration.seconds(WORK_QUEUE_SETTINGS.retentionSeconds),
        receiveMessageWaitTime: Duration.seconds(WORK_QUEUE_SETTINGS.receiveWaitSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: WORK_QUEUE_SETTINGS.maxReceiveCount },
      });
    }
    this.workQueues = workQueues;
    this.deadLetterQueues = deadLetterQueues;

    this.bus = new events.EventBus(this, 'PlatformBus', { eventBusName: `${namePrefix}-platform`, kmsKey: this.key });
    this.bus.archive('PlatformArchive', {
      archiveName: `${namePrefix}-platform-archive`,
      description: 'Every platform event, kept for replay after an incident',
      eventPattern: { account: [Aws.ACCOUNT_ID] },
      retention: Duration.days(ARCHIVE_RETENTION_DAYS),
    });

    // The key behind person references (HMAC of identity numbers).
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
        'Rotating the person key changes every person reference in the table, so it is a planned re-keying (re-hash all keys), not an automatic rotation.',
    });
  }
}

export function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
