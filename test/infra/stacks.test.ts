import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { API_STAGE_NAME } from '../../infra/stacks/stateless-stack';
import { ENV } from '../../shared/config';
import { API_ROUTES, invokablePaths } from '../../shared/platform/api';
import { environmentOf, FUNCTIONS } from '../../shared/platform/functions';
import { departmentRoleName, partnerRoleName } from '../../shared/platform/principals';
import { PARTNER_KINDS } from '../../shared/domain/partners';
import { deadLetterQueueName, QUEUE_ACTIONS, WORK_QUEUE_RECIPIENTS, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { AUDIT_HEADS_TABLE_KEYS, IDEMPOTENCY_TABLE_KEYS, TABLE_KEYS } from '../../shared/table/keys';
import { ACCOUNT, DEPARTMENT_ACCOUNT, NAME_PREFIX, TEST_PRINCIPALS, refersTo, resourcesOf, synth, synthesized, type CfnResource, type Synth } from './synth';

/**
 * The synthesized templates, asserted against the definitions they are built from
 * (shared/platform/*, events/rules.ts, shared/table/keys.ts). One China synth with explicit
 * department trust accounts serves them all; compliance.test.ts covers the other regions and cdk-nag.
 */
let cn: Synth;
beforeAll(() => {
  cn = synthesized('cn-north-1');
});

const only = <T>(items: T[], what: string): T => {
  expect(items, what).toHaveLength(1);
  return items[0]!;
};
const statefulId = (type: string, pred: (r: CfnResource) => boolean, what: string) =>
  only(
    resourcesOf(cn.templates.stateful, type).filter(([, r]) => pred(r)),
    what,
  )[0];
const queueId = (name: string) => statefulId('AWS::SQS::Queue', (r) => r.Properties.QueueName === name, name);
const keyId = () =>
  only(
    resourcesOf(cn.templates.stateful, 'AWS::KMS::Key').filter(([id]) => id.startsWith('PlatformKey')),
    'the platform key',
  )[0];
const auditKeyId = () =>
  only(
    resourcesOf(cn.templates.stateful, 'AWS::KMS::Key').filter(([id]) => id.startsWith('AuditKey')),
    'the audit key',
  )[0];
const isKey = (value: unknown) => refersTo(value, keyId());
const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const queueKeyId = (recipient: string) =>
  only(
    resourcesOf(cn.templates.stateful, 'AWS::KMS::Key').filter(([id]) => id.startsWith(`${pascal(recipient)}QueueKey`)),
    `${recipient} queue key`,
  )[0];
type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Principal?: any; Condition?: any };
const actions = (s: Statement) => [s.Action].flat().sort();

describe('stateful stack', () => {
  it('has rotating, retained customer-managed keys: the platform key and one per work queue; and the audit HMAC key', () => {
    const keys = resourcesOf(cn.templates.stateful, 'AWS::KMS::Key');
    expect(keys.map(([id]) => id).sort()).toEqual([keyId(), auditKeyId(), ...WORK_QUEUE_RECIPIENTS.map(queueKeyId)].sort());
    for (const [id, key] of keys) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      // KMS rotates only symmetric encryption keys; the HMAC key can do nothing but MACs.
      if (id === auditKeyId()) expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      else expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });

  it('lets only audit-seal make a tree-head MAC and only the reader check one: the account administers the audit key but may not use it', () => {
    const statements = cn.templates.stateful.Resources[auditKeyId()]!.Properties.KeyPolicy.Statement as Statement[];
    const roleArn = (id: string) => `arn:aws-cn:iam::${ACCOUNT}:role/${NAME_PREFIX}-fn-${id}`;
    const usage = statements.filter((st) =>
      actions(st).some((a) => /Mac$|^kms:(Encrypt|Decrypt|GenerateDataKey|ReEncrypt|Sign|Verify|CreateGrant|\*)/.test(a)),
    );
    expect(usage.map((st) => [st.Sid, actions(st), st.Condition])).toEqual([
      [
        'AuditSealGeneratesMac',
        ['kms:GenerateMac'],
        { ArnEquals: { 'aws:PrincipalArn': [roleArn('audit-seal')] }, StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } },
      ],
      [
        'AuditReaderVerifiesMac',
        ['kms:VerifyMac'],
        { ArnEquals: { 'aws:PrincipalArn': [roleArn('household-query')] }, StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } },
      ],
    ]);
    // The roles named are the ones the functions get.
    const roleNames = resourcesOf(cn.templates.stateless, 'AWS::IAM::Role').map(([, r]) => r.Properties.RoleName);
    expect(roleNames).toEqual(expect.arrayContaining([`${NAME_PREFIX}-fn-audit-seal`, `${NAME_PREFIX}-fn-household-query`]));
  });

  it('keeps the signed tree heads in a table of their own: PK/SK, TTL, PITR, deletion protection, CMK, retained', () => {
    const [, table] = only(
      resourcesOf(cn.templates.stateful, 'AWS::DynamoDB::GlobalTable').filter(([id]) => id.startsWith('AuditHeadsTable')),
      'the audit heads table',
    );
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: AUDIT_HEADS_TABLE_KEYS.ttlAttribute, Enabled: true });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: AUDIT_HEADS_TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: AUDIT_HEADS_TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        Replicas: [expect.objectContaining({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      },
    });
    expect(isKey(table.Properties.Replicas[0].SSESpecification.KMSMasterKeyId)).toBe(true);
  });

  it('lets EventBridge and CloudWatch Logs use the key, and only under conditions', () => {
    const statements = cn.templates.stateful.Resources[keyId()]!.Properties.KeyPolicy.Statement as Statement[];
    const byService = (service: string) => statements.filter((s) => JSON.stringify(s.Principal?.Service ?? '').includes(service));
    // Rule-target DLQ (account-scoped), the bus and the archive (scoped to the bus ARN).
    const events = byService('events.amazonaws.com');
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const s of events.filter((x) => actions(x).some((a) => a !== 'kms:DescribeKey'))) expect(s.Condition, JSON.stringify(s)).toBeDefined();
    expect(events.some((s) => s.Sid === 'EventBridgeWritesRuleDeadLetters' && actions(s).join() === 'kms:Decrypt,kms:GenerateDataKey')).toBe(true);
    const [logs] = byService('logs.');
    expect(logs!.Principal.Service).toEqual({ 'Fn::Join': ['', ['logs.cn-north-1.', { Ref: 'AWS::URLSuffix' }]] });
    expect(logs!.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBe(`arn:aws-cn:logs:cn-north-1:${ACCOUNT}:log-group:*`);
  });

  it('keeps households in one table: PK/SK, GSI1, TTL, on demand, PITR, deletion protection, CMK, retained', () => {
    const [, table] = only(
      resourcesOf(cn.templates.stateful, 'AWS::DynamoDB::GlobalTable').filter(
        ([id, t]) => t.Properties.KeySchema.length === 2 && !id.startsWith('AuditHeadsTable'),
      ),
      'the single table',
    );
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: TABLE_KEYS.gsi1.indexName,
        KeySchema: [
          { AttributeName: TABLE_KEYS.gsi1.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.gsi1.sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
    // The console's work lists (ACCESS_PATTERNS 31): a recipient's warnings by state.
    expect(p.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: TABLE_KEYS.gsi3.indexName,
        KeySchema: [
          { AttributeName: TABLE_KEYS.gsi3.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.gsi3.sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
    expect(p.AttributeDefinitions.every((a: { AttributeType: string }) => a.AttributeType === 'S')).toBe(true);
    expect(p).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    const [replica] = p.Replicas;
    expect(replica).toMatchObject({
      Region: 'cn-north-1',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(isKey(replica.SSESpecification.KMSMasterKeyId)).toBe(true);
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('keeps idempotency records apart, under the Powertools key and TTL names, with PITR and the CMK', () => {
    const [, table] = only(
      resourcesOf(cn.templates.stateful, 'AWS::DynamoDB::GlobalTable').filter(([, t]) => t.Properties.KeySchema.length === 1),
      'the idempotency table',
    );
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: IDEMPOTENCY_TABLE_KEYS.partitionKey, KeyType: 'HASH' }]);
    expect(table.Properties.AttributeDefinitions).toEqual([{ AttributeName: 'id', AttributeType: 'S' }]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiration', Enabled: true });
    expect(table.Properties.Replicas[0]).toMatchObject({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    expect(isKey(table.Properties.Replicas[0].SSESpecification.KMSMasterKeyId)).toBe(true);
  });

  it('encrypts the platform bus and its 365-day archive with the CMK', () => {
    const busId = statefulId('AWS::Events::EventBus', (r) => r.Properties.Name === `${NAME_PREFIX}-platform`, 'the platform bus');
    const bus = cn.templates.stateful.Resources[busId]!;
    expect(isKey(bus.Properties.KmsKeyIdentifier)).toBe(true);
    const [, archive] = only(resourcesOf(cn.templates.stateful, 'AWS::Events::Archive'), 'archives');
    expect(archive.Properties.RetentionDays).toBe(365);
    expect(archive.Properties.SourceArn).toBe(`arn:aws-cn:events:cn-north-1:${ACCOUNT}:event-bus/${NAME_PREFIX}-platform`);
    expect(archive.DependsOn).toContain(busId);
    expect(isKey(archive.Properties.KmsKeyIdentifier)).toBe(true);
  });

  it('generates the person key and the purpose key in Secrets Manager: 64 characters, no punctuation, under the CMK, kept on delete', () => {
    const secrets = resourcesOf(cn.templates.stateful, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['PersonKey', 'PurposeKey']);
    for (const [, secret] of secrets) {
      expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
      expect(isKey(secret.Properties.KmsKeyId)).toBe(true);
      expect(secret.DeletionPolicy).toBe('Retain');
    }
  });

  it.each(WORK_QUEUE_RECIPIENTS)('%s has its own encrypted work queue and dead-letter queue, TLS only', (recipient) => {
    const workId = queueId(workQueueName(NAME_PREFIX, recipient));
    const dlqId = queueId(deadLetterQueueName(NAME_PREFIX, recipient));
    const work = cn.templates.stateful.Resources[workId]!.Properties;
    const dlq = cn.templates.stateful.Resources[dlqId]!.Properties;
    // Its own key, shared with no other queue and with nothing else.
    for (const q of [work, dlq]) expect(q.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [queueKeyId(recipient), 'Arn'] });
    expect(work.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: WORK_QUEUE_SETTINGS.maxReceiveCount });
    expect(work.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    expect(work.VisibilityTimeout).toBe(WORK_QUEUE_SETTINGS.visibilityTimeoutSeconds);
    // Only its own work queue may use the DLQ.
    expect(dlq.RedriveAllowPolicy).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [`arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:${workQueueName(NAME_PREFIX, recipient)}`],
    });
    for (const id of [workId, dlqId]) {
      const policies = resourcesOf(cn.templates.stateful, 'AWS::SQS::QueuePolicy').filter(([, p]) => refersTo(p.Properties.Queues, id));
      const statements = only(policies, `policy of ${id}`)[1].Properties.PolicyDocument.Statement as Statement[];
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('has exactly one work queue and one DLQ per recipient, nothing consumed by a Lambda', () => {
    const names = resourcesOf(cn.templates.stateful, 'AWS::SQS::Queue').map(([, q]) => q.Properties.QueueName as string);
    expect(names.filter((n) => n.endsWith('-work')).sort()).toEqual(WORK_QUEUE_RECIPIENTS.map((r) => workQueueName(NAME_PREFIX, r)).sort());
    expect(names.filter((n) => n.endsWith('-work-dlq')).sort()).toEqual(WORK_QUEUE_RECIPIENTS.map((r) => deadLetterQueueName(NAME_PREFIX, r)).sort());
    // Departments poll their queues; no function does. A Lambda consumer would need its own
    // visibility timeout (at least 6 x its timeout) and partial-batch settings: this test says so.
    expect(resourcesOf(cn.templates.stateless, 'AWS::Lambda::EventSourceMapping')).toEqual([]);
  });

  it('keeps failed rule deliveries and failed async invocations in encrypted, TLS-only queues EventBridge may write to', () => {
    const ruleDlqId = queueId(`${NAME_PREFIX}-rule-target-dlq`);
    const asyncId = queueId(`${NAME_PREFIX}-async-failures`);
    for (const id of [ruleDlqId, asyncId]) {
      const q = cn.templates.stateful.Resources[id]!.Properties;
      expect(isKey(q.KmsMasterKeyId)).toBe(true);
      expect(q.RedriveAllowPolicy).toEqual({ redrivePermission: 'denyAll' });
    }
    const [, policy] = only(
      resourcesOf(cn.templates.stateful, 'AWS::SQS::QueuePolicy').filter(([, p]) => refersTo(p.Properties.Queues, ruleDlqId)),
      'rule DLQ policy',
    );
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const send = statements.find((s) => s.Sid === 'PlatformRulesDeadLetter')!;
    expect(send).toMatchObject({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } });
    expect(JSON.stringify(send.Condition.ArnLike['aws:SourceArn'])).toContain(`:rule/${NAME_PREFIX}-platform/*`);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });
});

describe('functions', () => {
  const fnResources = () => resourcesOf(cn.templates.stateless, 'AWS::Lambda::Function');
  const fnOf = (id: string) =>
    only(
      fnResources().filter(([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === id),
      `function ${id}`,
    );
  const roleStatements = (roleRef: unknown) =>
    resourcesOf(cn.templates.stateless, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([roleRef]))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  const asyncTargets = new Set<string>([...PLATFORM_RULES.map((r) => r.target), ...PLATFORM_SCHEDULES.map((s) => s.target)]);

  // 待办预警 / 超期督办: the console's lists are index Queries; the role names each index ARN, never `index/*`.
  it('lets household-query Query the table and its GSI1, GSI2 and GSI3 by their exact index ARNs', () => {
    const [, fn] = fnOf('household-query');
    const role = fn.Properties.Role['Fn::GetAtt'] ? { Ref: fn.Properties.Role['Fn::GetAtt'][0] } : fn.Properties.Role;
    const query = only(
      roleStatements(role).filter((s) => actions(s).includes('dynamodb:Query') && refersTo(s.Resource, 'HouseholdsTable')),
      'the Query grant on the households table',
    );
    const resources = [query.Resource].flat().map((r) => JSON.stringify(r));
    const indexes = [TABLE_KEYS.gsi1.indexName, TABLE_KEYS.gsi2.indexName, TABLE_KEYS.gsi3.indexName];
    for (const index of indexes)
      expect(
        resources.filter((r) => r.includes(`/index/${index}"`)),
        index,
      ).toHaveLength(1);
    expect(resources.filter((r) => r.includes('/index/'))).toHaveLength(indexes.length);
    expect(resources.some((r) => r.includes('/index/*'))).toBe(false);
  });

  it('makes one function per definition', () => {
    expect(fnResources()).toHaveLength(Object.keys(FUNCTIONS).length);
  });

  it.each(Object.values(FUNCTIONS))('$id is made like every other and gets exactly what it needs', (definition) => {
    const [fnId, fn] = fnOf(definition.id);
    const p = fn.Properties;
    expect(p).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON' },
      MemorySize: definition.memoryMb,
      Timeout: definition.timeoutSeconds,
      // The same number sizes the local platform's worker pool.
      ReservedConcurrentExecutions: definition.concurrency,
    });
    expect(isKey(p.KmsKeyArn)).toBe(true); // the environment is encrypted with the CMK
    // Its own log group: a year, under the CMK.
    const logGroup = cn.templates.stateless.Resources[p.LoggingConfig.LogGroup.Ref]!;
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(isKey(logGroup.Properties.KmsKeyId)).toBe(true);

    const env = p.Environment.Variables as Record<string, unknown>;
    expect(env).toMatchObject({
      POWERTOOLS_SERVICE_NAME: definition.id,
      POWERTOOLS_METRICS_NAMESPACE: 'LowIncomeMonitoring',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      [ENV.principalPrefix]: NAME_PREFIX,
    });
    const { needs } = definition;
    // One definition, two consumers: the resource names CDK sets are those the local platform sets from the needs.
    const bindingNames = new Set(Object.values(ENV));
    const local = environmentOf(needs, {
      tableName: 't',
      idempotencyTableName: 'i',
      eventBusName: 'b',
      workQueueUrls: '{}',
      personKey: { secretId: 's' },
      purposeKey: { secretId: 'q' },
      auditHeadsTableName: 'h',
      auditKey: { keyId: 'k' },
    });
    expect(
      Object.keys(env)
        .filter((k) => bindingNames.has(k as never) && k !== ENV.principalPrefix)
        .sort(),
    ).toEqual(Object.keys(local).sort());
    expect(refersTo(env[ENV.tableName], 'HouseholdsTable')).toBe(true);
    expect(ENV.idempotencyTableName in env).toBe(needs.idempotency);
    expect(ENV.eventBusName in env).toBe(needs.publishEvents);
    expect(ENV.workQueueUrls in env).toBe(needs.sendToWorkQueues);
    expect(ENV.personKeySecretId in env).toBe(needs.personKey);
    // A function keeps stated purposes as MACs exactly when it serves an audited route.
    expect(ENV.purposeKeySecretId in env).toBe(API_ROUTES.some((r) => r.function === definition.id && r.audit));
    if (needs.sendToWorkQueues) {
      const json = JSON.stringify(env[ENV.workQueueUrls]);
      for (const r of WORK_QUEUE_RECIPIENTS) expect(json).toContain(`\\"${r}\\":\\"`);
    }

    const statements = roleStatements(p.Role['Fn::GetAtt'] ? { Ref: p.Role['Fn::GetAtt'][0] } : p.Role);
    const granted = (action: string) => statements.filter((s) => actions(s).includes(action));
    const onTable = (action: string, table: string) => granted(action).filter((s) => refersTo(s.Resource, table));
    expect(
      granted('secretsmanager:GetSecretValue')
        .flatMap((s) => [s.Resource].flat())
        .some((r) => refersTo(r, 'PurposeKey')),
    ).toBe(Boolean(needs.purposeKey));
    const queries = onTable('dynamodb:Query', 'HouseholdsTable');
    expect(queries.length).toBe(1);
    // Reading only the trail: its partitions, by key condition, and no other read of the table.
    expect(queries[0]!.Condition).toEqual(needs.table === 'audit-read' ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } } : undefined);
    expect(onTable('dynamodb:GetItem', 'HouseholdsTable').length).toBe(needs.table === 'audit-read' ? 0 : 1);
    const tableWrites = onTable('dynamodb:PutItem', 'HouseholdsTable');
    expect(tableWrites.some((s) => !s.Condition)).toBe(needs.table === 'readwrite');
    // An audit-only writer may batch-write items under AUDIT# keys, a what-if runner put and
    // update items under WHATIF# keys, and nothing else.
    const onlyUnder = {
      'read-and-audit': { prefix: 'AUDIT#', actions: ['dynamodb:BatchWriteItem'] },
      'read-and-what-if-jobs': { prefix: 'WHATIF#', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
    }[needs.table as string];
    const limitedWrites = statements.filter((s) => s.Condition && refersTo(s.Resource, 'HouseholdsTable') && !actions(s).includes('dynamodb:Query'));
    expect(limitedWrites.length).toBe(onlyUnder ? 1 : 0);
    for (const s of limitedWrites) {
      expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${onlyUnder!.prefix}*`] } });
      expect(actions(s).sort()).toEqual(onlyUnder!.actions);
    }
    // The audit key and the heads table: MAC and write for the sealer, check and read for the reader.
    const auditKey = (action: string) => granted(action).filter((s) => refersTo(s.Resource, 'AuditKey'));
    expect(auditKey('kms:GenerateMac').length).toBe(needs.auditSigning === 'seal' ? 1 : 0);
    expect(auditKey('kms:VerifyMac').length).toBe(needs.auditSigning === 'verify' ? 1 : 0);
    expect(statements.filter((s) => refersTo(s.Resource, 'AuditKey')).flatMap(actions)).toEqual(
      needs.auditSigning ? [needs.auditSigning === 'seal' ? 'kms:GenerateMac' : 'kms:VerifyMac'] : [],
    );
    expect(onTable('dynamodb:Query', 'AuditHeadsTable').length).toBe(needs.auditSigning ? 1 : 0);
    expect(
      statements
        .filter((s) => refersTo(s.Resource, 'AuditHeadsTable'))
        .flatMap(actions)
        .sort(),
    ).toEqual(needs.auditSigning === 'seal' ? ['dynamodb:PutItem', 'dynamodb:Query'] : needs.auditSigning === 'verify' ? ['dynamodb:Query'] : []);
    expect(ENV.auditKeyId in env).toBe(Boolean(needs.auditSigning));
    expect(ENV.auditHeadsTableName in env).toBe(Boolean(needs.auditSigning));
    if (needs.table !== 'readwrite') expect(granted('dynamodb:DeleteItem').some((s) => refersTo(s.Resource, 'HouseholdsTable'))).toBe(false);
    expect(granted('dynamodb:PutItem').some((s) => refersTo(s.Resource, 'IdempotencyTable'))).toBe(needs.idempotency);
    expect(granted('events:PutEvents').length).toBe(needs.publishEvents ? 1 : 0);
    expect(granted('sqs:SendMessage').some((s) => refersTo(s.Resource, 'WorkQueue'))).toBe(needs.sendToWorkQueues);
    // The SQS actions are those of QUEUE_ACTIONS, which the local SQS enforces too.
    const sqsActionsOn = (queue: string) =>
      [
        ...new Set(
          statements
            .filter((s) => refersTo(s.Resource, queue))
            .flatMap(actions)
            .filter((a) => a.startsWith('sqs:')),
        ),
      ].sort();
    expect(sqsActionsOn('WorkQueue')).toEqual(needs.sendToWorkQueues ? [...QUEUE_ACTIONS.sendToWorkQueues].sort() : []);
    expect(sqsActionsOn('AsyncFailureQueue')).toEqual(asyncTargets.has(definition.id) ? [...QUEUE_ACTIONS.onFailureDestination].sort() : []);
    // Exactly the secrets it needs: the person key, the purpose key, both or none.
    const secretsRead = granted('secretsmanager:GetSecretValue').flatMap((s) => [s.Resource].flat());
    expect(secretsRead.length).toBe(Number(needs.personKey) + Number(Boolean(needs.purposeKey)));
    expect(secretsRead.some((r) => refersTo(r, 'PersonKey'))).toBe(needs.personKey);
    // Decrypt the platform key always; a sender also uses every work queue's own key.
    const decrypt = granted('kms:Decrypt');
    expect(decrypt.filter((s) => isKey(s.Resource))).toHaveLength(1);
    const queueKeyGrants = decrypt.filter((s) => WORK_QUEUE_RECIPIENTS.some((r) => refersTo(s.Resource, queueKeyId(r))));
    if (needs.sendToWorkQueues) {
      // (minimizePolicies may merge the platform key's identical grant into the same statement)
      for (const r of WORK_QUEUE_RECIPIENTS) {
        const grants = statements.filter((s) => [s.Resource].flat().some((res) => refersTo(res, queueKeyId(r))));
        expect(grants.flatMap(actions).sort(), r).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      }
    } else {
      expect(queueKeyGrants).toEqual([]);
    }
    expect(statements.some((s) => actions(s).some((a) => a.endsWith(':*')))).toBe(false);

    // Asynchronously invoked (rule or schedule targets): two retries, then the failure queue.
    const invokeConfigs = resourcesOf(cn.templates.stateless, 'AWS::Lambda::EventInvokeConfig').filter(([, c]) => refersTo(c.Properties.FunctionName, fnId));
    if (asyncTargets.has(definition.id)) {
      const [, config] = only(invokeConfigs, `invoke config of ${definition.id}`);
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      expect(refersTo(config.Properties.DestinationConfig.OnFailure.Destination, 'AsyncFailureQueue')).toBe(true);
    } else {
      expect(invokeConfigs).toEqual([]);
    }
  });
});

describe('API', () => {
  it('authorizes every method with AWS_IAM and validates parameters and bodies', () => {
    // The console's own unsigned GET methods are tested in console.test.ts; all others are the routes.
    const all = resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::Method');
    const methods = all.filter(([, m]) => !/^console(-|$)/.test(m.Properties.OperationName));
    expect(all.length - methods.length).toBe(4);
    expect(methods.map(([, m]) => `${m.Properties.HttpMethod} ${m.Properties.OperationName}`).sort()).toEqual(
      API_ROUTES.map((r) => `${r.method} ${r.id}`).sort(),
    );
    const [validatorId, validator] = only(resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::RequestValidator'), 'request validators');
    expect(validator.Properties).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
    for (const [, m] of methods) {
      expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(m.Properties.RequestValidatorId).toEqual({ Ref: validatorId });
    }
  });

  it('routes each path to the function the definition names', () => {
    const fns = Object.fromEntries(
      resourcesOf(cn.templates.stateless, 'AWS::Lambda::Function').map(([id, f]) => [id, f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME]),
    );
    for (const route of API_ROUTES) {
      const [, method] = only(
        resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties.OperationName === route.id),
        route.id,
      );
      const target = Object.keys(fns).find((id) => refersTo(method.Properties.Integration.Uri, id));
      expect(fns[target!], route.id).toBe(route.function);
      for (const param of route.path.matchAll(/\{([^}]+)\}/g)) expect(method.Properties.RequestParameters[`method.request.path.${param[1]}`]).toBe(true);
    }
  });

  it('is regional, throttled and writes JSON access logs naming the caller to an encrypted log group', () => {
    cn.assert.stateless.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    const [, stage] = only(resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::Stage'), 'stages');
    expect(stage.Properties).toMatchObject({ StageName: API_STAGE_NAME, TracingEnabled: false }); // aws-cn: see compliance.test.ts
    expect(stage.Properties.MethodSettings[0]).toMatchObject({
      ThrottlingRateLimit: expect.any(Number),
      ThrottlingBurstLimit: expect.any(Number),
      DataTraceEnabled: false,
    });
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({ caller: '$context.identity.userArn', requestId: '$context.requestId', status: '$context.status' });
    const logGroup = cn.templates.stateless.Resources[stage.Properties.AccessLogSetting.DestinationArn['Fn::GetAtt'][0]]!;
    expect(isKey(logGroup.Properties.KmsKeyId)).toBe(true);
    cn.assert.stateless.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.anyValue() });
  });
});

describe('rules', () => {
  const fnService = (arn: unknown) => {
    const id = (arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return cn.templates.stateless.Resources[id]!.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string;
  };
  const patternRules = () => resourcesOf(cn.templates.stateless, 'AWS::Events::Rule').filter(([, r]) => r.Properties.EventPattern);

  it('creates exactly one rule per entry of events/rules.ts, all on the platform bus', () => {
    expect(patternRules()).toHaveLength(PLATFORM_RULES.length);
    for (const [, r] of patternRules()) expect(refersTo(r.Properties.EventBusName, 'PlatformBus')).toBe(true);
  });

  it.each(PLATFORM_RULES)('$name: its pattern exactly, its target, retries for a day, then the rule DLQ', (rule) => {
    const [, deployed] = only(
      patternRules().filter(([, r]) => JSON.stringify(r.Properties.EventPattern) === JSON.stringify(rule.eventPattern)),
      rule.name,
    );
    expect(deployed.Properties.EventPattern).toEqual(rule.eventPattern);
    expect(deployed.Properties.Description).toBe(rule.description);
    const [target] = deployed.Properties.Targets;
    expect(deployed.Properties.Targets).toHaveLength(1);
    expect(fnService(target.Arn)).toBe(rule.target);
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    expect(refersTo(target.DeadLetterConfig.Arn, 'RuleTargetDeadLetterQueue')).toBe(true);
  });

  it.each(PLATFORM_SCHEDULES)('$name runs every $rate.minutes minutes with a short retry and the rule DLQ', (schedule) => {
    const [, deployed] = only(
      resourcesOf(cn.templates.stateless, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Name === `${NAME_PREFIX}-${schedule.name}`),
      schedule.name,
    );
    expect(deployed.Properties.ScheduleExpression).toBe(Schedule.rate(Duration.minutes(schedule.rate.minutes)).expressionString);
    const [target] = deployed.Properties.Targets;
    expect(fnService(target.Arn)).toBe(schedule.target);
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 });
    expect(refersTo(target.DeadLetterConfig.Arn, 'RuleTargetDeadLetterQueue')).toBe(true);
  });
});

describe('department roles', () => {
  const apiId = () => only(resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::RestApi'), 'APIs')[0];
  const stageId = () => only(resourcesOf(cn.templates.stateless, 'AWS::ApiGateway::Stage'), 'stages')[0];
  const roleOf = (recipient: string) =>
    only(
      resourcesOf(cn.templates.stateless, 'AWS::IAM::Role').filter(([, r]) => r.Properties.RoleName === departmentRoleName(NAME_PREFIX, recipient as never)),
      recipient,
    );

  it('has one role per recipient, named as the handlers parse it', () => {
    const names = resourcesOf(cn.templates.stateless, 'AWS::IAM::Role')
      .map(([, r]) => r.Properties.RoleName as string | undefined)
      .filter((n) => n?.startsWith(`${NAME_PREFIX}-`));
    // Besides them, only the functions the audit key's policy names have a fixed name (`-fn-`).
    const keyHolders = Object.values(FUNCTIONS)
      .filter((f) => f.needs.auditSigning)
      .map((f) => `${NAME_PREFIX}-fn-${f.id}`);
    // And one role per partner kind (社会力量: test/infra/partner-roles.test.ts).
    const partnerRoles = PARTNER_KINDS.map((k) => partnerRoleName(NAME_PREFIX, k));
    expect(names.sort()).toEqual([...WORK_QUEUE_RECIPIENTS.map((r) => departmentRoleName(NAME_PREFIX, r)), ...partnerRoles, ...keyHolders].sort());
    for (const holder of keyHolders) expect(WORK_QUEUE_RECIPIENTS.some((r) => departmentRoleName(NAME_PREFIX, r) === holder)).toBe(false);
  });

  it('refuses to synthesize without named principals for every department, or with a whole account', () => {
    expect(() => synth({ departmentPrincipals: '' })).toThrow(/departmentPrincipals is required/);
    const { supervision: _, ...withoutSupervision } = TEST_PRINCIPALS;
    expect(() => synth({ departmentPrincipals: withoutSupervision })).toThrow(/no principal for supervision/);
    expect(() => synth({ departmentPrincipals: { ...TEST_PRINCIPALS, health: ['arn:aws-cn:iam::111111111111:root'] } })).toThrow(
      /departmentPrincipals\.health: .*a whole account is not accepted/,
    );
    expect(() => synth({ departmentPrincipals: { ...TEST_PRINCIPALS, health: ['111111111111'] } })).toThrow(
      /departmentPrincipals\.health: .*a whole account is not accepted/,
    );
    expect(() => synth({ departmentPrincipals: { ...TEST_PRINCIPALS, finance: ['role/x'] } })).toThrow(/finance is not a department/);
    // A full ARN is taken as it is.
    const named = synth({ departmentPrincipals: { ...TEST_PRINCIPALS, justice: ['arn:aws-cn:iam::222222222222:role/sifa-officers'] } });
    expect(JSON.stringify(named.templates.stateless)).toContain('"arn:aws-cn:iam::222222222222:role/sifa-officers"');
    // The example the README's synth commands use is complete.
    expect(() => synth({ departmentPrincipals: 'file:infra/department-principals.example.json' })).not.toThrow();
  });

  it.each(WORK_QUEUE_RECIPIENTS)('%s may invoke only its own routes and read only its own queue', (recipient) => {
    const [roleId, role] = roleOf(recipient);
    // Trusted: the named principals of this department, nobody else (no account root), each
    // session with a source identity that is also its session name; no managed or inline policies.
    const trust = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
    expect(trust.map((s) => s.Sid)).toEqual(['NamedUsersAsThemselves', 'NamedRolesWithTheirSourceIdentity']);
    const [users, roles] = trust as [Statement, Statement];
    // A user is the person: its user name is the source identity and the session name.
    expect(users).toMatchObject({
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      Condition: { StringEquals: { 'sts:SourceIdentity': '${aws:username}', 'sts:RoleSessionName': '${aws:username}' } },
    });
    expect(JSON.stringify(users.Principal.AWS)).toContain(`:${DEPARTMENT_ACCOUNT}:user/${recipient}.zhang-wei`);
    // A role passes on the source identity its session already has (set by the identity provider).
    expect(roles).toMatchObject({
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      Condition: {
        Null: { 'aws:SourceIdentity': 'false' },
        StringEquals: { 'sts:SourceIdentity': '${aws:SourceIdentity}', 'sts:RoleSessionName': '${aws:SourceIdentity}' },
      },
    });
    expect(JSON.stringify(roles.Principal.AWS)).toContain(`:role/officers-${recipient}`);
    expect(JSON.stringify(trust)).not.toMatch(/:root|"\*"/);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();

    const [, policy] = only(
      resourcesOf(cn.templates.stateless, 'AWS::IAM::Policy').filter(([, p]) => refersTo(p.Properties.Roles, roleId)),
      `policies of ${recipient}`,
    );
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    expect(statements.map((s) => s.Sid).sort()).toEqual(['DecryptOwnQueueMessages', 'InvokeOwnRoutes', 'ReadOwnWorkQueue']);

    const invoke = statements.find((s) => s.Sid === 'InvokeOwnRoutes')!;
    expect(invoke.Action).toBe('execute-api:Invoke');
    const expected = invokablePaths(recipient).map((p) => ({
      'Fn::Join': ['', [`arn:aws-cn:execute-api:cn-north-1:${ACCOUNT}:`, { Ref: apiId() }, '/', { Ref: stageId() }, `/${p.method}${p.path}`]],
    }));
    expect([invoke.Resource].flat()).toHaveLength(expected.length);
    expect([invoke.Resource].flat()).toEqual(expect.arrayContaining(expected));
    // Another department's submission or outcome route is never among them.
    for (const other of WORK_QUEUE_RECIPIENTS.filter((r) => r !== recipient)) expect(JSON.stringify(invoke.Resource)).not.toContain(`/departments/${other}/`);

    const read = statements.find((s) => s.Sid === 'ReadOwnWorkQueue')!;
    expect(actions(read)).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']);
    const ownQueue = queueId(workQueueName(NAME_PREFIX, recipient));
    expect([read.Resource].flat()).toHaveLength(1);
    expect(refersTo(read.Resource, ownQueue)).toBe(true);

    const decrypt = statements.find((s) => s.Sid === 'DecryptOwnQueueMessages')!;
    expect(decrypt.Action).toBe('kms:Decrypt');
    expect([decrypt.Resource].flat()).toHaveLength(1);
    expect(refersTo(decrypt.Resource, queueKeyId(recipient))).toBe(true);
    expect(decrypt.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sqs.cn-north-1.', { Ref: 'AWS::URLSuffix' }]] } } });
  });

  it('names the roles, queue URLs and API URL in the outputs', () => {
    const outputs = cn.templates.stateless.Outputs!;
    expect(outputs.ApiUrl).toBeDefined();
    for (const r of WORK_QUEUE_RECIPIENTS) {
      const name = r.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      expect(refersTo(outputs[`${name}RoleArn`].Value, roleOf(r)[0])).toBe(true);
      expect(refersTo(outputs[`${name}QueueUrl`].Value, queueId(workQueueName(NAME_PREFIX, r)))).toBe(true);
    }
  });
});
