import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { ALL_INDICATORS } from '../../shared/domain/indicators';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { invokablePaths } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';
import { departmentRoleName } from '../../shared/platform/principals';
import { deadLetterQueueName, WORK_QUEUE_RECIPIENTS, WORK_QUEUE_SETTINGS, workQueueName } from '../../shared/platform/queues';
import { ACCOUNT, NAME_PREFIX, refersTo, resourcesOf, synthesized, type CfnResource, type CfnTemplate, type Synth } from './synth';

/**
 * What each department role may do, read from the synthesized templates and compared with the
 * definitions (shared/platform/api.ts, queues.ts), and the alarms that watch queues, rules and
 * functions. Values are rendered the way CloudFormation would compute them, so the comparison is
 * on ARNs, not on construct internals.
 */
const REGION = 'cn-north-1';
let s: Synth;
beforeAll(() => {
  s = synthesized(REGION);
});

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const list = <T>(v: T | T[]): T[] => [v].flat() as T[];
const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const DAY = 24 * 3600;

/**
 * A template value as a string: pseudo parameters filled in, a queue's ARN computed from its
 * name, any other resource as `<LogicalId>` (Ref) or `<LogicalId.Attr>` (GetAtt), and a
 * cross-stack import followed to the stateful stack's export.
 */
function render(value: unknown, template: CfnTemplate = s.templates.stateless): string {
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws-cn', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com.cn' };
  if (typeof value === 'string') return value;
  const o = value as Record<string, any>;
  if (typeof o.Ref === 'string') return pseudo[o.Ref] ?? `<${o.Ref}>`;
  if (Array.isArray(o['Fn::Join'])) return (o['Fn::Join'][1] as unknown[]).map((v) => render(v, template)).join(o['Fn::Join'][0]);
  if (Array.isArray(o['Fn::GetAtt'])) {
    const [id, attr] = o['Fn::GetAtt'] as [string, string];
    const resource = template.Resources[id];
    if (resource?.Type === 'AWS::SQS::Queue' && attr === 'Arn') return `arn:aws-cn:sqs:${REGION}:${ACCOUNT}:${resource.Properties.QueueName}`;
    return `<${id}.${attr}>`;
  }
  if ('Fn::ImportValue' in o) {
    const name = render(o['Fn::ImportValue'], template);
    const output = Object.values(s.templates.stateful.Outputs ?? {}).find((out) => out.Export?.Name === name);
    if (!output) throw new Error(`no export ${name}`);
    return render(output.Value, s.templates.stateful);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

const statefulIdOf = (type: string, pred: (id: string, r: CfnResource) => boolean) => {
  const found = resourcesOf(s.templates.stateful, type).filter(([id, r]) => pred(id, r));
  expect(found, type).toHaveLength(1);
  return found[0]![0];
};
const queueKeyId = (recipient: string) => statefulIdOf('AWS::KMS::Key', (id) => id.startsWith(`${pascal(recipient)}QueueKey`));
const queueIdByName = (name: string) => statefulIdOf('AWS::SQS::Queue', (_, r) => r.Properties.QueueName === name);
const queueArn = (name: string) => `arn:aws-cn:sqs:${REGION}:${ACCOUNT}:${name}`;

/** Every statement that applies to a role: its inline policies and every AWS::IAM::Policy attached to it. */
function statementsOf(roleId: string): Statement[] {
  const role = s.templates.stateless.Resources[roleId]!;
  const inline = (role.Properties.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement);
  const attached = resourcesOf(s.templates.stateless, 'AWS::IAM::Policy')
    .filter(([, p]) => list(p.Properties.Roles).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached];
}
const departmentRoleId = (recipient: (typeof WORK_QUEUE_RECIPIENTS)[number]) => {
  const found = resourcesOf(s.templates.stateless, 'AWS::IAM::Role').filter(([, r]) => r.Properties.RoleName === departmentRoleName(NAME_PREFIX, recipient));
  expect(found).toHaveLength(1);
  return found[0]![0];
};
/** The resources a set of statements grants `action` on, rendered. */
const grantedOn = (statements: Statement[], action: string) =>
  statements.filter((st) => st.Effect === 'Allow' && list(st.Action).includes(action)).flatMap((st) => list(st.Resource).map((r) => render(r)));

describe('department roles: least privilege, for every recipient', () => {
  const DEPARTMENT_ACTIONS = [
    'execute-api:Invoke',
    'kms:Decrypt',
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:ReceiveMessage',
  ];

  it.each(WORK_QUEUE_RECIPIENTS)('%s: its own routes, its own queue, its own queue key, and nothing else', (recipient) => {
    const roleId = departmentRoleId(recipient);
    const role = s.templates.stateless.Resources[roleId]!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(roleId);
    expect(statements.every((st) => st.Effect === 'Allow')).toBe(true);
    // Nothing else: exactly these actions, no wildcard action.
    expect([...new Set(statements.flatMap((st) => list(st.Action)))].sort()).toEqual(DEPARTMENT_ACTIONS);

    // execute-api:Invoke: exactly the routes invokablePaths gives this recipient, on this API's stage.
    const [apiId] = resourcesOf(s.templates.stateless, 'AWS::ApiGateway::RestApi')[0]!;
    const [stageId] = resourcesOf(s.templates.stateless, 'AWS::ApiGateway::Stage')[0]!;
    const expectedRoutes = invokablePaths(recipient).map((p) => `arn:aws-cn:execute-api:${REGION}:${ACCOUNT}:<${apiId}>/<${stageId}>/${p.method}${p.path}`);
    expect(grantedOn(statements, 'execute-api:Invoke').sort()).toEqual(expectedRoutes.sort());
    for (const other of WORK_QUEUE_RECIPIENTS.filter((r) => r !== recipient)) {
      expect(grantedOn(statements, 'execute-api:Invoke').join()).not.toContain(`/departments/${other}/`);
    }

    // SQS: every action only on its own work queue's ARN (not its DLQ, no wildcard).
    const ownQueue = queueArn(workQueueName(NAME_PREFIX, recipient));
    for (const action of DEPARTMENT_ACTIONS.filter((a) => a.startsWith('sqs:'))) expect(grantedOn(statements, action), action).toEqual([ownQueue]);

    // KMS: Decrypt only with its own queue's key, only through SQS; that key encrypts its queue and DLQ.
    const ownKey = `<${queueKeyId(recipient)}.Arn>`;
    expect(grantedOn(statements, 'kms:Decrypt')).toEqual([ownKey]);
    const decrypt = statements.find((st) => list(st.Action).includes('kms:Decrypt'))!;
    expect(render((decrypt.Condition as any).StringEquals['kms:ViaService'])).toBe(`sqs.${REGION}.amazonaws.com.cn`);
    for (const name of [workQueueName(NAME_PREFIX, recipient), deadLetterQueueName(NAME_PREFIX, recipient)]) {
      expect(render(s.templates.stateful.Resources[queueIdByName(name)]!.Properties.KmsMasterKeyId, s.templates.stateful)).toBe(ownKey);
    }

    // No sqs or kms action anywhere in its statements on a wildcard resource.
    for (const st of statements.filter((x) => list(x.Action).some((a) => a.startsWith('sqs:') || a.startsWith('kms:')))) {
      for (const r of list(st.Resource)) expect(render(r)).not.toContain('*');
    }
  });

  it.each(WORK_QUEUE_RECIPIENTS)("%s: no other role may decrypt with its queue key but the routing function's, which may also encrypt", (recipient) => {
    const ownKey = `<${queueKeyId(recipient)}.Arn>`;
    const rolesUsing = (action: string) =>
      resourcesOf(s.templates.stateless, 'AWS::IAM::Role')
        .filter(([id]) => grantedOn(statementsOf(id), action).includes(ownKey))
        .map(([id, r]) => (r.Properties.RoleName as string | undefined) ?? id);
    const routingRole = resourcesOf(s.templates.stateless, 'AWS::IAM::Role').find(([id]) => id.startsWith('DepartmentRoutingRole'))![0];
    expect(rolesUsing('kms:Decrypt').sort()).toEqual([departmentRoleName(NAME_PREFIX, recipient), routingRole].sort());
    expect(rolesUsing('kms:GenerateDataKey')).toEqual([routingRole]);
    // Work-queue messages are not under the platform key any more.
    const platformKey = statefulIdOf('AWS::KMS::Key', (id) => id.startsWith('PlatformKey'));
    expect(grantedOn(statementsOf(departmentRoleId(recipient)), 'kms:Decrypt')).not.toContain(`<${platformKey}.Arn>`);
  });

  it('lets civil affairs alone run the sweeps now (POST /operations/sweeps), served by overdue-escalation', () => {
    const [apiId] = resourcesOf(s.templates.stateless, 'AWS::ApiGateway::RestApi')[0]!;
    const [stageId] = resourcesOf(s.templates.stateless, 'AWS::ApiGateway::Stage')[0]!;
    const sweeps = `arn:aws-cn:execute-api:${REGION}:${ACCOUNT}:<${apiId}>/<${stageId}>/POST/operations/sweeps`;
    const mayRun = WORK_QUEUE_RECIPIENTS.filter((r) => grantedOn(statementsOf(departmentRoleId(r)), 'execute-api:Invoke').includes(sweeps));
    expect(mayRun).toEqual(['civil-affairs']);
    const methods = resourcesOf(s.templates.stateless, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties.OperationName === 'run-sweep');
    expect(methods).toHaveLength(1);
    const method = methods[0]![1];
    expect(method.Properties).toMatchObject({ HttpMethod: 'POST', AuthorizationType: 'AWS_IAM' });
    expect(render(method.Properties.Integration.Uri)).toMatch(/<OverdueEscalation[^>]*\.Arn>/);
  });

  it('stays well inside the 500-resource CloudFormation limit', () => {
    for (const template of Object.values(s.templates)) expect(Object.keys(template.Resources).length).toBeLessThan(400);
  });
});

describe('alarms', () => {
  type Alarm = CfnResource['Properties'];
  const alarms = (template: CfnTemplate) => resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Alarm);
  const dimension = (a: Alarm, name: string) => (a.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === name)?.Value;
  const topicId = () => statefulIdOf('AWS::SNS::Topic', () => true);
  const notifiesTopic = (a: Alarm) => {
    for (const actions of [a.AlarmActions, a.OKActions]) {
      expect(actions).toHaveLength(1);
      expect(refersTo(actions[0], topicId())).toBe(true);
    }
  };

  it('notifies one topic, encrypted with the platform key, that only CloudWatch of this account may publish to over TLS', () => {
    const topic = s.templates.stateful.Resources[topicId()]!;
    expect(
      refersTo(
        topic.Properties.KmsMasterKeyId,
        statefulIdOf('AWS::KMS::Key', (id) => id.startsWith('PlatformKey')),
      ),
    ).toBe(true);
    const [, policy] = resourcesOf(s.templates.stateful, 'AWS::SNS::TopicPolicy').find(([, p]) => refersTo(p.Properties.Topics, topicId()))!;
    const statements = policy.Properties.PolicyDocument.Statement as (Statement & { Principal: any })[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const publish = statements.find((st) => st.Sid === 'PlatformAlarmsPublish')!;
    expect(publish).toMatchObject({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    // CloudWatch may use the platform key for this topic only.
    const keyPolicy = s.templates.stateful.Resources[statefulIdOf('AWS::KMS::Key', (id) => id.startsWith('PlatformKey'))]!.Properties.KeyPolicy
      .Statement as Statement[];
    const cw = keyPolicy.find((st) => st.Sid === 'CloudWatchAlarmsNotify')!;
    expect(render((cw.Condition as any).StringEquals['kms:EncryptionContext:aws:sns:topicArn'], s.templates.stateful)).toBe(
      `arn:aws-cn:sns:${REGION}:${ACCOUNT}:${NAME_PREFIX}-alarms`,
    );
    expect(render(topic.Properties.TopicName, s.templates.stateful)).toBe(`${NAME_PREFIX}-alarms`);
  });

  const dlqNames = [
    ...WORK_QUEUE_RECIPIENTS.map((r) => deadLetterQueueName(NAME_PREFIX, r)),
    `${NAME_PREFIX}-rule-target-dlq`,
    `${NAME_PREFIX}-async-failures`,
  ];
  it.each(dlqNames)('%s: one alarm at one visible message', (name) => {
    const queueId = queueIdByName(name);
    const found = alarms(s.templates.stateful).filter(
      (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && refersTo(dimension(a, 'QueueName'), queueId),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    notifiesTopic(found[0]!);
  });

  it('watches every DLQ and failure queue and no work queue for visible messages', () => {
    const watched = alarms(s.templates.stateful)
      .filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => s.templates.stateful.Resources[(dimension(a, 'QueueName') as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]]!.Properties.QueueName);
    expect(watched.sort()).toEqual([...dlqNames].sort());
  });

  // Computed here from the data, independently of infra/constructs/alarms.ts: the shortest
  // deadline of any indicator routed to the recipient, capped at the retention minus a day.
  const routed = ALL_INDICATORS;
  const deadlinesOf = (recipient: string) =>
    routed
      .filter((i) => (i.recipients as readonly string[]).includes(recipient))
      .flatMap((i) => CITY_PARAMETERS.filter((p) => p.name === i.deadlineParameter).map((p) => p.value as number));
  const cap = WORK_QUEUE_SETTINGS.retentionSeconds - DAY;

  it.each(WORK_QUEUE_RECIPIENTS)('%s: its work queue alarms when the oldest message outlives its shortest deadline', (recipient) => {
    const queueId = queueIdByName(workQueueName(NAME_PREFIX, recipient));
    const found = alarms(s.templates.stateful).filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage' && refersTo(dimension(a, 'QueueName'), queueId));
    expect(found).toHaveLength(1);
    const alarm = found[0]!;
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    const deadlines = deadlinesOf(recipient);
    expect(alarm.Threshold).toBe(deadlines.length ? Math.min(Math.min(...deadlines) * DAY, cap) : cap);
    // Never later than any deadline of its indicators, and always before the queue drops the message.
    for (const d of deadlines) expect(alarm.Threshold).toBeLessThanOrEqual(d * DAY);
    expect(alarm.Threshold).toBeLessThan(WORK_QUEUE_SETTINGS.retentionSeconds);
    notifiesTopic(alarm);
  });

  it('takes the deadline from the policy book: civil affairs gets the disaster deadline (IND-08), the shortest it has', () => {
    const ind08 = CITY_PARAMETERS.find((p) => p.name === 'warning.deadlineDays.IND-08')!.value as number;
    expect(Math.min(...deadlinesOf('civil-affairs'))).toBe(ind08);
    const queueId = queueIdByName(workQueueName(NAME_PREFIX, 'civil-affairs'));
    const alarm = alarms(s.templates.stateful).find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage' && refersTo(dimension(a, 'QueueName'), queueId))!;
    expect(alarm.Threshold).toBe(ind08 * DAY);
  });

  const ruleNames = [...PLATFORM_RULES.map((r) => ({ name: r.name, bus: true })), ...PLATFORM_SCHEDULES.map((r) => ({ name: r.name, bus: false }))];
  it.each(ruleNames)('rule $name: one alarm on failed invocations', ({ name, bus }) => {
    const ruleId = resourcesOf(s.templates.stateless, 'AWS::Events::Rule').find(([id]) => id.startsWith(`${pascal(name)}${bus ? 'Rule' : 'Schedule'}`))![0];
    const found = alarms(s.templates.stateless).filter((a) => a.MetricName === 'FailedInvocations' && refersTo(dimension(a, 'RuleName'), ruleId));
    expect(found).toHaveLength(1);
    const alarm = found[0]!;
    expect(alarm).toMatchObject({
      Namespace: 'AWS/Events',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // Rules on a custom bus publish under EventBusName and RuleName; RuleName is the rule's name, not its Ref (`bus|rule`).
    if (bus) {
      expect(refersTo(dimension(alarm, 'EventBusName'), 'PlatformBus')).toBe(true);
      expect(dimension(alarm, 'RuleName')).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [ruleId, 'Arn'] }] }] });
    } else {
      expect(alarm.Dimensions).toEqual([{ Name: 'RuleName', Value: { Ref: ruleId } }]);
    }
    notifiesTopic(alarm);
  });

  it('has exactly one failed-invocations alarm per rule and schedule', () => {
    expect(alarms(s.templates.stateless).filter((a) => a.MetricName === 'FailedInvocations')).toHaveLength(
      resourcesOf(s.templates.stateless, 'AWS::Events::Rule').length,
    );
  });

  it.each(Object.keys(FUNCTIONS))('function %s: one Errors and one Throttles alarm', (id) => {
    const [fnId] = resourcesOf(s.templates.stateless, 'AWS::Lambda::Function').find(
      ([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === id,
    )!;
    for (const metric of ['Errors', 'Throttles']) {
      const found = alarms(s.templates.stateless).filter(
        (a) => a.MetricName === metric && JSON.stringify(dimension(a, 'FunctionName')) === JSON.stringify({ Ref: fnId }),
      );
      expect(found, metric).toHaveLength(1);
      expect(found[0]).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Period: 300,
      });
      notifiesTopic(found[0]!);
    }
  });

  it('has no alarm beyond these', () => {
    const functions = Object.keys(FUNCTIONS).length;
    expect(alarms(s.templates.stateless)).toHaveLength(2 * functions + PLATFORM_RULES.length + PLATFORM_SCHEDULES.length);
    expect(alarms(s.templates.stateful)).toHaveLength(dlqNames.length + WORK_QUEUE_RECIPIENTS.length);
  });
});
