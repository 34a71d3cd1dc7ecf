import { Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { DEPARTMENT_ACCOUNT, evaluatedStrings, resourcesOf, synth, synthesized, TEST_PRINCIPALS, type Synth } from './synth';

/**
 * The same app in both partitions, and the AwsSolutions pack of cdk-nag 3 over it. cdk-nag 3 is
 * a policy-validation plugin, not an Aspect: it adds no annotations (so Annotations.findError
 * would find nothing whatever the templates held). Its findings come from `validateScope`, and an
 * unacknowledged finding makes `app.synth()` throw.
 */
const REGIONS = ['cn-north-1', 'cn-northwest-1', 'us-east-1'] as const;
const apps = {} as Record<(typeof REGIONS)[number], Synth>;
beforeAll(() => {
  for (const region of REGIONS) apps[region] = synthesized(region); // throws on any unacknowledged finding
});

describe('partitions', () => {
  it.each(['cn-north-1', 'cn-northwest-1'] as const)('%s: no standard-partition ARN anywhere, every ARN in aws-cn', (region) => {
    const { json, templates } = apps[region];
    expect(json).not.toContain('arn:aws:');
    expect(json).toContain('arn:aws-cn:');
    const arns = evaluatedStrings(templates, region).filter((s) => s.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(50);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-cn:/);
    // Region-scoped names built from the partition's DNS suffix resolve to the China endpoints.
    const strings = evaluatedStrings(templates, region);
    expect(strings).toContain(`logs.${region}.amazonaws.com.cn`);
    expect(strings).toContain(`sqs.${region}.amazonaws.com.cn`);
    const { stateful } = apps[region].stacks;
    expect(stateful.resolve(stateful.partition)).toBe('aws-cn');
  });

  it('names the archive and the bus in the stateful outputs, as the replay procedure reads them', () => {
    for (const region of REGIONS) {
      const outputs = apps[region].templates.stateful.Outputs ?? {};
      expect(Object.keys(outputs), region).toEqual(expect.arrayContaining(['ArchiveArn', 'EventBusArn']));
      expect(JSON.stringify(outputs.ArchiveArn.Value)).toContain('PlatformArchive');
    }
  });

  it('traces with X-Ray in the standard partition only, unless a China deployment asks for it', () => {
    const traced = (t: Synth) => ({
      functions: resourcesOf(t.templates.stateless, 'AWS::Lambda::Function').map(([, f]) => f.Properties.TracingConfig?.Mode ?? 'off'),
      stage: resourcesOf(t.templates.stateless, 'AWS::ApiGateway::Stage').map(([, st]) => st.Properties.TracingEnabled ?? false),
    });
    for (const region of ['cn-north-1', 'cn-northwest-1'] as const) {
      const t = traced(apps[region]);
      expect(new Set(t.functions), region).toEqual(new Set(['off']));
      expect(t.stage, region).toEqual([false]);
      expect(apps[region].json, region).not.toContain('xray:PutTraceSegments');
    }
    expect(new Set(traced(apps['us-east-1']).functions)).toEqual(new Set(['Active']));
    expect(traced(apps['us-east-1']).stage).toEqual([true]);
    const asked = traced(synth({ region: 'cn-north-1', tracing: 'on' }));
    expect([new Set(asked.functions), asked.stage]).toEqual([new Set(['Active']), [true]]);
    expect(() => synth({ region: 'cn-north-1', tracing: 'yes' })).toThrow(/context tracing=yes: on or off/);
  });

  it('us-east-1: the same app in the standard partition', () => {
    const { json, templates } = apps['us-east-1'];
    expect(json).not.toContain('arn:aws-cn:');
    for (const arn of evaluatedStrings(templates, 'us-east-1').filter((s) => s.startsWith('arn:'))) expect(arn).toMatch(/^arn:aws:/);
    expect(evaluatedStrings(templates, 'us-east-1')).toContain('logs.us-east-1.amazonaws.com');
  });

  it('trusts only the named principals for department roles, in the partition deployed to, never an account root', () => {
    const roles = resourcesOf(apps['us-east-1'].templates.stateless, 'AWS::IAM::Role').filter(
      ([, r]) => r.Properties.RoleName?.startsWith('lim-test-') && !r.Properties.RoleName.startsWith('lim-test-fn-'),
    );
    expect(roles.length).toBeGreaterThan(0);
    for (const [, role] of roles) {
      const principals = role.Properties.AssumeRolePolicyDocument.Statement.flatMap((s: { Principal: { AWS: unknown } }) => [s.Principal.AWS].flat()).map(
        (p: unknown) => evaluatedStrings(p, 'us-east-1').join(''),
      );
      expect(principals).toHaveLength(2);
      expect(principals.join(' ')).toContain(`arn:aws:iam::${DEPARTMENT_ACCOUNT}:user/`);
      expect(principals.join(' ')).not.toMatch(/:root/);
    }
  });
});

type Ack = { path: string; id: string; reason: string };
function acknowledgements(root: IConstruct): Ack[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason })),
        ),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it.each(REGIONS)('%s: no unacknowledged error or warning in either stack', (region) => {
    for (const stack of [apps[region].stacks.stateful, apps[region].stacks.stateless]) {
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
      expect(report.violations.map((v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
      expect(report.success).toBe(true);
    }
  });

  it('every acknowledgement names an AwsSolutions rule, gives a reason of its own, and still silences a real finding', () => {
    const { app } = apps['cn-north-1'];
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    // The findings as they would be with no acknowledgement at all (reaches past a private method).
    const unacknowledged = new AwsSolutionsChecks(undefined, { verbose: false });
    Object.defineProperty(unacknowledged, 'isAcknowledged', { value: () => false });
    const findings = unacknowledged.validateScope(app).violations;
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.trim().length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      const silenced = findings.some(
        (f) => f.ruleName === ack.id && f.violatingResources.some((r) => r.constructPath === ack.path || r.constructPath?.startsWith(`${ack.path}/`)),
      );
      expect(silenced, `stale acknowledgement ${ack.id} at ${ack.path}`).toBe(true);
    }
  });

  it('finds and refuses an unacknowledged finding (the pack is really applied)', () => {
    const { app } = synthCareless();
    const findings = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(app.node.findChild('Careless')).violations.map((v) => v.ruleName);
    expect(findings).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});

function synthCareless() {
  // A fresh, unsynthesized app with one more stack: a queue without a DLQ that accepts plain HTTP.
  const { app } = buildApp({ departmentPrincipals: TEST_PRINCIPALS, 'aws:cdk:bundling-stacks': [], region: 'cn-north-1', stage: 'careless' });
  new sqs.Queue(new Stack(app, 'Careless', { env: { region: 'cn-north-1' } }), 'PlainQueue');
  return { app };
}
