import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { WarningRecipient } from '../../shared/domain/departments';
import { asyncFailureQueueName, deadLetterQueueName, WORK_QUEUE_RECIPIENTS, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { AUDIT_HEADS_TABLE_KEYS, IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';
import { FUNCTIONS } from '../../shared/platform/functions';
import { functionRoleName } from '../constructs/platform-function';
import { ALARM_PERIOD, platformAlarm, workQueueAgeThresholdSeconds } from '../constructs/alarms';

export interface StatefulStackProps extends StackProps {
  /** `<prefix>-<stage>`: names queues, the bus, the secret and department roles. */
  namePrefix: string;
}

/** How long the bus archive keeps events for replay (see README, "Replaying events"). */
export const ARCHIVE_RETENTION_DAYS = 365;

/**
 * Everything that holds data: the platform KMS key, the single table and the idempotency table,
 * the event bus and its archive, the work queues with their DLQs (each pair under its own key),
 * the failure queues and the person-key secret; and the alarms on those queues with the topic
 * every platform alarm notifies. Deployed apart from the functions so that a code change never
 * touches data.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.TableV2;
  readonly idempotencyTable: dynamodb.TableV2;
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  readonly workQueues: Record<WarningRecipient, sqs.Queue>;
  readonly deadLetterQueues: Record<WarningRecipient, sqs.Queue>;
  /**
   * One key per recipient for its work queue and that queue's DLQ: a department role may decrypt
   * its own queue's messages and nothing else the platform holds.
   */
  readonly queueKeys: Record<WarningRecipient, kms.Key>;
  /** Where every platform alarm (both stacks) notifies; encrypted with the platform key. */
  readonly alarmTopic: sns.Topic;
  /** Events a rule could not deliver to its target after its retries. */
  readonly ruleTargetDeadLetterQueue: sqs.Queue;
  /** Asynchronous invocations that failed every attempt (Lambda on-failure destination). */
  readonly asyncFailureQueue: sqs.Queue;
  readonly personKey: secretsmanager.Secret;
  readonly purposeKey: secretsmanager.Secret;
  /** HMAC key of the audit trail's tree heads; only audit-seal may make a MAC with it. */
  readonly auditKey: kms.Key;
  /** The signed tree heads and their leaves; only audit-seal may write it. */
  readonly auditHeadsTable: dynamodb.TableV2;

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
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
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
    const { partitionKey, sortKey, gsi1, gsi2, gsi3, ttlAttribute } = TABLE_KEYS;
    this.table = dataTable('HouseholdsTable', {
      partitionKey: { name: partitionKey, type: S },
      sortKey: { name: sortKey, type: S },
      timeToLiveAttribute: ttlAttribute,
      globalSecondaryIndexes: [gsi1, gsi2, gsi3].map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: S },
        sortKey: { name: g.sortKey, type: S },
      })),
    });
    this.auditHeadsTable = dataTable('AuditHeadsTable', {
      partitionKey: { name: AUDIT_HEADS_TABLE_KEYS.partitionKey, type: S },
      sortKey: { name: AUDIT_HEADS_TABLE_KEYS.sortKey, type: S },
      timeToLiveAttribute: AUDIT_HEADS_TABLE_KEYS.ttlAttribute,
    });
    this.auditKey = this.buildAuditKey(namePrefix);
    // Powertools idempotency records, under the library's own key and TTL attribute names.
    this.idempotencyTable = dataTable('IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_TABLE_KEYS.partitionKey, type: S },
      timeToLiveAttribute: IDEMPOTENCY_TABLE_KEYS.ttlAttribute,
    });

    const encryptedQueue = (queueId: string, queueProps: sqs.QueueProps, key: kms.IKey = this.key) =>
      new sqs.Queue(this, queueId, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
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
    this.asyncFailureQueue = failureQueue('AsyncFailureQueue', asyncFailureQueueName(namePrefix));
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
    const queueKeys = {} as Record<WarningRecipient, kms.Key>;
    for (const recipient of WORK_QUEUE_RECIPIENTS) {
      const name = pascal(recipient);
      const queueName = workQueueName(namePrefix, recipient);
      // No alias: a key per recipient is already a dozen resources, and nobody addresses it by name.
      const queueKey = new kms.Key(this, `${name}QueueKey`, {
        description: `Encrypts the ${recipient} work queue and its DLQ; only the ${recipient} role may decrypt with it`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      queueKeys[recipient] = queueKey;
      // Referenced by its ARN built from the name: the work queue itself refers to the DLQ.
      const ownWorkQueue = sqs.Queue.fromQueueArn(
        this,
        `${name}WorkQueueRef`,
        this.formatArn({ service: 'sqs', resource: queueName, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      );
      const dlq = encryptedQueue(
        `${name}DeadLetterQueue`,
        {
          queueName: deadLetterQueueName(namePrefix, recipient),
          retentionPeriod: dlqRetention,
          redriveAllowPolicy: { sourceQueues: [ownWorkQueue] },
        },
        queueKey,
      );
      deadLetterQueues[recipient] = dlq;
      workQueues[recipient] = encryptedQueue(
        `${name}WorkQueue`,
        {
          queueName,
          visibilityTimeout: Duration.seconds(WORK_QUEUE_SETTINGS.visibilityTimeoutSeconds),
          retentionPeriod: Duration.seconds(WORK_QUEUE_SETTINGS.retentionSeconds),
          receiveMessageWaitTime: Duration.seconds(WORK_QUEUE_SETTINGS.receiveWaitSeconds),
          deadLetterQueue: { queue: dlq, maxReceiveCount: WORK_QUEUE_SETTINGS.maxReceiveCount },
        },
        queueKey,
      );
    }
    this.workQueues = workQueues;
    this.deadLetterQueues = deadLetterQueues;
    this.queueKeys = queueKeys;

    this.alarmTopic = this.buildAlarmTopic(namePrefix);
    this.buildQueueAlarms(namePrefix);

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
    // What `aws events start-replay` needs (README, "Replaying events").
    new CfnOutput(this, 'ArchiveArn', { value: this.archive.archiveArn, description: 'The bus archive: --event-source-arn of start-replay' });
    new CfnOutput(this, 'EventBusArn', { value: this.bus.eventBusArn, description: 'The platform bus: Arn= of start-replay --destination' });

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
        'Person references are HMACs of identity numbers under this key, written with its version: a rotation adds a version to the secret and keeps the old ones so records still find the people the database knows (README, "Rotating the person key"). A schedule that replaced the value would orphan every household, so rotation is the documented procedure, not a Lambda rotation schedule.',
    });

    // The HMAC key under which a purpose a caller states is kept in the audit trail: a plain hash
    // of short text (查询张三) falls to a dictionary. Its own secret, so the functions that audit
    // (and not only those that may make person references) can read it.
    this.purposeKey = new secretsmanager.Secret(this, 'PurposeKey', {
      secretName: `${namePrefix}/purpose-key`,
      description: 'HMAC key for purposes stated to audited routes; never leaves the functions',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.purposeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A key ring like the person key: a rotation adds a version and keeps the old ones, so MACs already in the audit trail can still be checked (README, "Rotating the person key").',
    });
  }

  /**
   * 数字监督: the tree heads' HMAC key (HMAC_256, GENERATE_VERIFY_MAC: it can do nothing but MACs).
   * Its policy does not hand usage to IAM: the account administers the key but may not use it.
   * GenerateMac is for the role of the function declared `auditSigning: 'seal'`, VerifyMac for
   * those declared 'verify' (shared/platform/functions.ts), named by ARN before they exist. So
   * whoever can write the tables cannot make a head that verifies. KMS does not rotate HMAC keys.
   */
  private buildAuditKey(namePrefix: string): kms.Key {
    const root = new iam.AccountRootPrincipal();
    const roles = (mode: 'seal' | 'verify') =>
      Object.values(FUNCTIONS)
        .filter((f) => f.needs.auditSigning === mode)
        .map((f) => this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: functionRoleName(namePrefix, f.id) }));
    const use = (sid: string, action: string, mode: 'seal' | 'verify') =>
      new iam.PolicyStatement({
        sid,
        principals: [root],
        actions: [action],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:PrincipalArn': roles(mode) }, StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } },
      });
    return new kms.Key(this, 'AuditKey', {
      alias: `alias/${namePrefix}-audit`,
      description: 'MACs the signed tree heads of the audit trail (数字监督); only audit-seal may generate, only the reader may verify',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountAdministersTheKey',
            principals: [root],
            // No usage and no CreateGrant: a grant would hand GenerateMac past this policy.
            actions: [
              'kms:DescribeKey',
              'kms:GetKeyPolicy',
              'kms:GetKeyRotationStatus',
              'kms:PutKeyPolicy',
              'kms:ListResourceTags',
              'kms:ListGrants',
              'kms:RevokeGrant',
              'kms:TagResource',
              'kms:UntagResource',
              'kms:EnableKey',
              'kms:DisableKey',
              'kms:UpdateKeyDescription',
              'kms:CreateAlias',
              'kms:UpdateAlias',
              'kms:DeleteAlias',
              'kms:ScheduleKeyDeletion',
              'kms:CancelKeyDeletion',
            ],
            resources: ['*'],
          }),
          use('AuditSealGeneratesMac', 'kms:GenerateMac', 'seal'),
          use('AuditReaderVerifiesMac', 'kms:VerifyMac', 'verify'),
        ],
      }),
    });
  }

  private buildAlarmTopic(namePrefix: string): sns.Topic {
    const topicName = `${namePrefix}-alarms`;
    // CloudWatch publishes alarm notifications as itself, so the key must let it encrypt, and only
    // for this topic (SNS passes the topic ARN as encryption context). The ARN is built from the
    // name: a token would make the key depend on the topic that depends on the key.
    const topicArn = this.formatArn({ service: 'sns', resource: topicName, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsNotify',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      topicName,
      displayName: 'Low-income monitoring platform alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PlatformAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    return topic;
  }

  /**
   * Any message in any DLQ or failure queue is a warning or event that went nowhere: alarm at one.
   * A work queue whose oldest message is older than its recipient's shortest deadline is a
   * department that has stopped polling (threshold: infra/constructs/alarms.ts).
   */
  private buildQueueAlarms(namePrefix: string): void {
    const visible = (q: sqs.Queue) => q.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' });
    const failureQueues = [
      ['RuleTargetDeadLetterQueue', this.ruleTargetDeadLetterQueue, 'rule-target-dlq', 'an event a rule could not deliver after a day of retries'],
      ['AsyncFailureQueue', this.asyncFailureQueue, 'async-failures', 'an asynchronous invocation that failed every retry'],
    ] as const;
    for (const [id, q, name, what] of failureQueues) {
      platformAlarm(this, `${id}MessagesAlarm`, {
        metric: visible(q),
        threshold: 1,
        alarmName: `${namePrefix}-${name}-messages`,
        description: `${q.node.id} holds ${what}: inspect it and replay from the bus archive.`,
        topic: this.alarmTopic,
      });
    }
    for (const recipient of WORK_QUEUE_RECIPIENTS) {
      const name = pascal(recipient);
      platformAlarm(this, `${name}DeadLetterMessagesAlarm`, {
        metric: visible(this.deadLetterQueues[recipient]),
        threshold: 1,
        alarmName: `${namePrefix}-${recipient}-work-dlq-messages`,
        description: `A warning for ${recipient} was received ${WORK_QUEUE_SETTINGS.maxReceiveCount} times and never deleted: it is in the DLQ.`,
        topic: this.alarmTopic,
      });
      const threshold = workQueueAgeThresholdSeconds(recipient);
      platformAlarm(this, `${name}WorkQueueAgeAlarm`, {
        metric: this.workQueues[recipient].metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: 'Maximum' }),
        threshold,
        above: true,
        alarmName: `${namePrefix}-${recipient}-work-oldest-message`,
        description: `${recipient} has not received a warning for ${threshold / 3600} hours (its shortest deadline, or the queue retention minus a day).`,
        topic: this.alarmTopic,
      });
    }
  }
}

export function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
