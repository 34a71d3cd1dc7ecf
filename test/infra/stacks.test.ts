import { beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { API_ROUTES, invokablePaths } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';
import { WORK_QUEUE_SETTINGS, deadLetterQueueName, workQueueName } from '../../shared/platform/queues';

/**
 * Assertions on the synthesized templates. Bundling is skipped here (a placeholder asset) to
 * keep the suite fast; test/infra/bundling.test.ts bundles for real.
 */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function synth(region: string) {
  const built = buildApp({ ...NO_BUNDLING, region, account: '123456789012', stage: 'test' });
  const assembly = built.app.synth();
  return {
    ...built,
    assembly,
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
    json: JSON.stringify([built.stateful, built.stateless].map((s) => assembly.getStackByName(s.stackName).template)),
  };
}

let china: ReturnType<typeof synth>;
beforeAll(() => {
  china = synth('cn-north-1');
});

const prefix = 'lim-test';
const refTo = (template: Template, type: string, props: Record<string, unknown>) => {
  const found = template.findResources(type, { Properties: Match.objectLike(props) });
  const ids = Object.keys(found);
  expect(ids, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return ids[0]!;
};

describe('stateful stack', () => {
  it('has a KMS-encrypted work queue and DLQ per department and county coordination', () => {
    const t = china.stateful;
    for (const recipient of WARNING_RECIPIENTS) {
      const dlq = refTo(t, 'AWS::SQS::Queue', { QueueName: deadLetterQueueName(prefix, recipient) });
      t.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: workQueueName(prefix, recipient),
        KmsMasterKeyId: Match.anyValue(),
        VisibilityTimeout: WORK_QUEUE_SETTINGS.visibilityTimeoutSeconds,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: Match.anyValue() },
      });
      const queue = t.findResources('AWS::SQS::Queue', { Properties: { QueueName: workQueueName(prefix, recipient) } });
      expect(Object.values(queue)[0]!.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    }
    // Each queue refuses plain HTTP.
    t.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
      WARNING_RECIPIENTS.length * 2 + 2,
    );
  });

  it('encrypts the tables with the rotating platform key, with PITR and deletion protection', () => {
    const t = china.stateful;
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'GSI1' }), Match.objectLike({ IndexName: 'GSI2' })],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true, SSESpecification: { KMSMasterKeyId: Match.anyValue() } })],
    });
  });

  it('archives the bus for replay and keeps the person key in Secrets Manager under the CMK', () => {
    china.stateful.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 365 });
    china.stateful.hasResourceProperties('AWS::Events::EventBus', { Name: `${prefix}-platform`, KmsKeyIdentifier: Match.anyValue() });
    china.stateful.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: Match.anyValue(), GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  });
});

describe('stateless stack', () => {
  it('makes every function alike: Node 24 on ARM, active tracing, its own encrypted log group', () => {
    const fns = china.stateless.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns)).toHaveLength(Object.keys(FUNCTIONS).length);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' } });
      expect(fn.Properties.Environment.Variables).toMatchObject({ TABLE_NAME: expect.anything(), PRINCIPAL_PREFIX: prefix });
    }
    china.stateless.resourcePropertiesCountIs('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 }, Object.keys(FUNCTIONS).length + 1);
  });

  it('authorizes every API method with AWS_IAM', () => {
    const methods = china.stateless.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(API_ROUTES.length);
    for (const m of Object.values(methods)) expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    china.stateless.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    china.stateless.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {});
  });

  it('creates each rule of events/rules.ts with its pattern, target, retry policy and DLQ', () => {
    const all = Object.values(china.stateless.findResources('AWS::Events::Rule'));
    const rules = all.filter((r) => r.Properties.EventPattern);
    expect(rules).toHaveLength(PLATFORM_RULES.length);
    // The schedules run on the default bus, one rule each.
    const schedules = all.filter((r) => r.Properties.ScheduleExpression);
    expect(schedules.map((r) => r.Properties.Name)).toEqual(PLATFORM_SCHEDULES.map((s) => `${prefix}-${s.name}`));
    expect(schedules.every((r) => /^rate\(/.test(r.Properties.ScheduleExpression))).toBe(true);
    const fns = china.stateless.findResources('AWS::Lambda::Function');
    for (const rule of PLATFORM_RULES) {
      const deployed = rules.find((r) => JSON.stringify(r.Properties.EventPattern) === JSON.stringify(rule.eventPattern));
      expect(deployed, rule.name).toBeDefined();
      const [target] = deployed!.Properties.Targets;
      const fnId = target.Arn['Fn::GetAtt'][0] as string;
      expect(fns[fnId]!.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(rule.target);
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
      expect(target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('gives each department a role that may invoke only its own routes and read only its own queue', () => {
    const roles = china.stateless.findResources('AWS::IAM::Role', { Properties: { RoleName: Match.stringLikeRegexp(`^${prefix}-`) } });
    const policies = Object.values(china.stateless.findResources('AWS::IAM::Policy'));
    const stateful = china.stateful.findResources('AWS::SQS::Queue');
    const queueId = (recipient: WarningRecipient) => Object.keys(stateful).find((k) => stateful[k]!.Properties.QueueName === workQueueName(prefix, recipient))!;

    for (const recipient of WARNING_RECIPIENTS) {
      const [roleId] = Object.entries(roles).find(([, r]) => r.Properties.RoleName === `${prefix}-${recipient}`)!;
      const policy = policies.find((p) => p.Properties.Roles?.some((r: { Ref: string }) => r.Ref === roleId))!;
      const statements = policy.Properties.PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];

      const invoke = statements.find((s) => s.Sid === 'InvokeOwnRoutes')!;
      const invoked = [invoke.Resource].flat().map((r) => JSON.stringify(r).match(/\/(GET|POST)(\/[^"]*)/)?.slice(1).join(' '));
      expect(invoked.sort(), recipient).toEqual(invokablePaths(recipient).map((p) => `${p.method} ${p.path}`).sort());
      for (const path of invoked) {
        const own = path!.match(/^POST \/departments\/([^/]+)\//);
        if (own) expect(own[1]).toBe(recipient);
      }

      const read = statements.find((s) => s.Sid === 'ReadOwnWorkQueue')!;
      expect(JSON.stringify(read.Resource)).toContain(`${queueId(recipient)}Arn`);
      for (const other of WARNING_RECIPIENTS.filter((r) => r !== recipient)) expect(JSON.stringify(read.Resource)).not.toContain(`${queueId(other)}Arn`);
    }
  });
});

describe('partitions and cdk-nag', () => {
  it('hard-codes no partition: the China synth resolves to aws-cn only', () => {
    expect(china.json).not.toContain('arn:aws:');
    expect(china.stateless.toJSON().Resources).toBeDefined();
    const standard = synth('ap-southeast-1');
    expect(standard.json).not.toContain('arn:aws-cn:');
  });

  it('synthesizes for cn-northwest-1 too', () => {
    expect(() => synth('cn-northwest-1')).not.toThrow();
  });

  it('passes the AwsSolutions pack (synth throws ValidationFailed on any unacknowledged finding)', () => {
    expect(() => synth('cn-north-1')).not.toThrow();
  });

  it('fails synth when a finding is not acknowledged', async () => {
    const { Stack } = await import('aws-cdk-lib');
    const sqs = await import('aws-cdk-lib/aws-sqs');
    const built = buildApp({ ...NO_BUNDLING, region: 'cn-north-1', stage: 'nagcheck' });
    new sqs.Queue(new Stack(built.app, 'Careless', { env: { region: 'cn-north-1' } }), 'PlainQueue'); // no DLQ, no SSL enforcement
    expect(() => built.app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
