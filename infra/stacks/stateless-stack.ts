import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import type { WarningRecipient } from '../../shared/domain/departments';
import { API_ROUTES, invokablePaths, type FunctionId } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';
import { departmentRoleName, partnerRoleName } from '../../shared/platform/principals';
import { PARTNER_KINDS, type PartnerKind } from '../../shared/domain/partners';
import { QUEUE_ACTIONS, WORK_QUEUE_RECIPIENTS } from '../../shared/platform/queues';
import { ALARM_PERIOD, platformAlarm } from '../constructs/alarms';
import { ConsoleRoutes } from '../constructs/console-site';
import { nagName } from '../constructs/nag';

export { nagName };
import { LOG_RETENTION, PlatformFunction, type PlatformResources } from '../constructs/platform-function';
import { pascal, type StatefulStack } from './stateful-stack';
import { consoleBucketName, type ConsoleStack } from './console-stack';
import { partnerPrincipalsOf, type DepartmentPrincipals } from '../department-principals';

export interface StatelessStackProps extends StackProps {
  /** `<prefix>-<stage>`: names the API, rules and department roles; PRINCIPAL_PREFIX of the functions. */
  namePrefix: string;
  stateful: StatefulStack;
  /** The named principals that may assume each department role (infra/department-principals.ts). */
  departmentPrincipals: DepartmentPrincipals;
  /** Active X-Ray tracing of the functions and the API stage (off by default in aws-cn: app.ts). */
  tracing: boolean;
  /** The console's files (console-stack.ts, deployed first), served by the API under `/<stage>/console/`. */
  consoleStack: ConsoleStack;
}

/** API Gateway stage; the OpenAPI document's server URL ends in it. */
export const API_STAGE_NAME = 'v1';

/** EventBridge retries a failed rule target for up to a day (the maximum) before its DLQ. */
export const RULE_RETRY_POLICY = { maxEventAge: Duration.hours(24), retryAttempts: 185 } as const;
/** A missed hourly escalation run is superseded by the next one: retry briefly. */
export const SCHEDULE_RETRY_POLICY = { maxEventAge: Duration.hours(1), retryAttempts: 2 } as const;

/**
 * Everything that runs: one function per job from shared/platform/functions.ts, the REST API
 * from shared/platform/api.ts (AWS_IAM on every method), the rules from events/rules.ts, and one
 * IAM role per department that may call only its own routes and read only its own queue.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionId, PlatformFunction>;
  readonly api: apigw.RestApi;
  readonly rules: Record<string, events.Rule>;
  readonly departmentRoles: Record<WarningRecipient, iam.Role>;
  /** One role per partner kind; the organisation is the session (shared/platform/principals.ts partnerOfCaller). */
  readonly partnerRoles: Record<PartnerKind, iam.Role>;
  readonly consoleRoutes: ConsoleRoutes;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { namePrefix } = props;
    // The stateful resources are imported by ARN: grants then land on the functions' own
    // policies, and the stateful stack never depends on this one.
    const stateful = importStateful(this, props.stateful);

    const asyncTargets = new Set<FunctionId>([...PLATFORM_RULES.map((r) => r.target), ...PLATFORM_SCHEDULES.map((s) => s.target)]);
    this.functions = Object.fromEntries(
      Object.values(FUNCTIONS).map((definition) => [
        definition.id,
        new PlatformFunction(this, pascal(definition.id), {
          definition,
          key: stateful.key,
          principalPrefix: namePrefix,
          alarmTopic: stateful.alarmTopic,
          tracing: props.tracing,
          ...(asyncTargets.has(definition.id) ? { asyncFailureQueue: stateful.asyncFailureQueue } : {}),
        }).bindNeeds(stateful),
      ]),
    ) as Record<FunctionId, PlatformFunction>;

    this.api = this.buildApi(stateful, namePrefix, props.tracing);
    // By its name: the reader role's policy then holds no cross-stack import.
    const consoleBucket = s3.Bucket.fromBucketName(this, 'ImportedConsoleBucket', consoleBucketName(namePrefix, this));
    this.consoleRoutes = new ConsoleRoutes(this, 'ConsoleRoutes', { api: this.api, bucket: consoleBucket, stage: API_STAGE_NAME });
    this.rules = this.buildRules(stateful, namePrefix);
    this.buildRuleAlarms(stateful);
    this.departmentRoles = this.buildDepartmentRoles(stateful, props);
    this.partnerRoles = this.buildPartnerRoles(props);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the platform API (SigV4, service execute-api)' });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `${this.api.url}console/`,
      description: '工作台 The console, on the API origin (sign in with the department federation credentials)',
    });
    for (const recipient of WORK_QUEUE_RECIPIENTS) {
      new CfnOutput(this, `${pascal(recipient)}QueueUrl`, { value: stateful.workQueues[recipient].queueUrl, description: `Work queue of ${recipient}` });
      new CfnOutput(this, `${pascal(recipient)}RoleArn`, {
        value: this.departmentRoles[recipient].roleArn,
        description: `IAM role ${recipient} assumes to call the API and read its queue`,
      });
    }
    for (const kind of PARTNER_KINDS) {
      new CfnOutput(this, `${pascal(kind)}RoleArn`, {
        value: this.partnerRoles[kind].roleArn,
        description: `IAM role a registered ${kind} assumes (session name = its unified social credit code) to call its routes`,
      });
    }
  }

  private buildApi(stateful: ImportedStateful, namePrefix: string, tracing: boolean): apigw.RestApi {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION, encryptionKey: stateful.key, removalPolicy: RemovalPolicy.RETAIN });
    const api = new apigw.RestApi(this, 'Api', {
      restApiName: `${namePrefix}-api`,
      description: 'Low-income monitoring platform: department submissions, warning outcomes, assistance chains',
      // Edge-optimized endpoints do not exist in the China regions.
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: API_STAGE_NAME,
        tracingEnabled: tracing,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false, // request bodies carry identity numbers: never into logs
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            caller: apigw.AccessLogField.contextIdentityUserArn(),
            account: apigw.AccessLogField.contextIdentityAccountId(),
            sourceIp: apigw.AccessLogField.contextIdentitySourceIp(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resource: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            latencyMs: apigw.AccessLogField.contextResponseLatency(),
            requestTime: apigw.AccessLogField.contextRequestTime(),
          }),
        ),
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    // Bodies are validated in the function, by the route's schema (shared/platform/api.ts), which names the record and field in a 400.
    const validator = api.addRequestValidator('ValidateBodyAndParameters', { validateRequestBody: true, validateRequestParameters: true });
    for (const route of API_ROUTES) {
      const parameters = Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => [`method.request.path.${m[1]}`, true]));
      api.root.resourceForPath(route.path).addMethod(
        route.method,
        // No console test-invoke: it would reach the handler without a department's SigV4 identity.
        new apigw.LambdaIntegration(this.functions[route.function].fn, { allowTestInvoke: false }),
        { authorizationType: apigw.AuthorizationType.IAM, requestValidator: validator, requestParameters: parameters, operationName: route.id },
      );
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Departments authenticate as IAM roles (AWS_IAM, SigV4) in their own accounts; Cognito user pools are not offered in the China regions this platform deploys to.',
    });
    const cloudWatchRole = api.node.findChild('CloudWatchRole');
    Validations.of(cloudWatchRole).acknowledge({
      id: `AwsSolutions-IAM4[Policy::${nagName(this, iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs').managedPolicyArn)}]`,
      reason:
        "API Gateway's account-level role for writing the access and error logs the bureau audits; AWS maintains this managed policy for exactly that purpose and nothing else.",
    });

    // A regional web ACL in front of the API: AWS managed rules for common exploits and bad inputs.
    const acl = new wafv2.CfnWebACL(this, 'ApiWebAcl', {
      name: `${namePrefix}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: `${namePrefix}-api-acl` },
      rules: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((name, priority) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: `${namePrefix}-${name}` },
      })),
    });
    new wafv2.CfnWebACLAssociation(this, 'ApiWebAclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
    return api;
  }

  private buildRules(stateful: ImportedStateful, namePrefix: string): Record<string, events.Rule> {
    const rules: Record<string, events.Rule> = {};
    for (const s of PLATFORM_SCHEDULES) {
      rules[s.name] = new events.Rule(this, `${pascal(s.name)}Schedule`, {
        ruleName: `${namePrefix}-${s.name}`,
        description: s.description,
        schedule: events.Schedule.rate(Duration.minutes(s.rate.minutes)),
        targets: [new targets.LambdaFunction(this.functions[s.target].fn, { deadLetterQueue: stateful.ruleTargetDeadLetterQueue, ...SCHEDULE_RETRY_POLICY })],
      });
    }
    for (const rule of PLATFORM_RULES) {
      rules[rule.name] = new events.Rule(this, `${pascal(rule.name)}Rule`, {
        eventBus: stateful.bus,
        description: rule.description,
        eventPattern: rule.eventPattern as events.EventPattern,
        targets: [
          new targets.LambdaFunction(this.functions[rule.target].fn, {
            deadLetterQueue: stateful.ruleTargetDeadLetterQueue, // its queue policy lives in the stateful stack
            ...RULE_RETRY_POLICY,
          }),
        ],
      });
    }
    return rules;
  }

  /**
   * FailedInvocations per rule: a target invocation that failed permanently (not retried). Rules on
   * the platform bus publish it under EventBusName and RuleName; the schedules (default bus) under
   * RuleName alone.
   */
  private buildRuleAlarms(stateful: ImportedStateful): void {
    for (const [name, rule] of Object.entries(this.rules)) {
      const onPlatformBus = PLATFORM_RULES.some((r) => r.name === name);
      // On a custom bus CloudFormation's Ref of a rule is `bus|rule`, not the bare name the metric
      // carries; the ARN ends in `rule/<bus>/<rule>`, so the name is its third `/` part.
      const ruleName = onPlatformBus ? Fn.select(2, Fn.split('/', rule.ruleArn)) : rule.ruleName;
      platformAlarm(this, `${pascal(name)}FailedInvocationsAlarm`, {
        metric: new cloudwatch.Metric({
          namespace: 'AWS/Events',
          metricName: 'FailedInvocations',
          dimensionsMap: onPlatformBus ? { EventBusName: stateful.bus.eventBusName, RuleName: ruleName } : { RuleName: ruleName },
          period: ALARM_PERIOD,
          statistic: 'Sum',
        }),
        threshold: 1,
        description: `Rule ${name} failed to invoke its target for good; the event is in the rule-target DLQ or was dropped.`,
        topic: stateful.alarmTopic,
      });
    }
  }

  /** A principal of `departmentPrincipals` as an ARN: full, or `[<account>:]role|user/<name>` in this partition. */
  private principalArn(principal: string): string {
    if (principal.startsWith('arn:')) return principal;
    const [, account, kind, name] = /^(?:(\d{12}):)?(role|user)\/(.+)$/.exec(principal)!;
    return this.formatArn({ service: 'iam', region: '', ...(account ? { account } : {}), resource: kind!, resourceName: name });
  }

  /**
   * A role whose sessions name the person or organisation behind them: only the named principals
   * may assume it, and its session name must equal the session's source identity.
   */
  private sessionRole(id: string, roleName: string, principals: readonly string[], description: string): iam.Role {
    const named = principals.map((p) => this.principalArn(p));
    const users = named.filter((a) => /:user\//.test(a)).map((a) => new iam.ArnPrincipal(a));
    const roles = named.filter((a) => /:role\//.test(a)).map((a) => new iam.ArnPrincipal(a));
    const trusted = [...users, ...roles];
    const role = new iam.Role(this, id, {
      roleName,
      description,
      assumedBy: new iam.CompositePrincipal(...trusted),
      maxSessionDuration: Duration.hours(1),
    });
    // Only the named principals, and every session names the person behind it: its source
    // identity (set once, unchangeable for the session, kept through role chaining) is one
    // the caller cannot pick, and its session name is that same identity, so the session
    // ARN API Gateway hands the function names the person and the audit trail records it as
    // the officer (shared/platform/principals.ts officerOfCaller).
    // - A named IAM user: its own user name, for both (the documented ${aws:username} form).
    // - A named role (an SSO or SAML role, an officers' role): the source identity its
    //   session already carries, set by the identity provider on the earlier hop, passed on
    //   unchanged (aws:SourceIdentity is absent when none was set, and the call is refused).
    const statements = [
      ...(users.length
        ? [
            new iam.PolicyStatement({
              sid: 'NamedUsersAsThemselves',
              principals: users,
              actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
              conditions: { StringEquals: { 'sts:SourceIdentity': '${aws:username}', 'sts:RoleSessionName': '${aws:username}' } },
            }),
          ]
        : []),
      ...(roles.length
        ? [
            new iam.PolicyStatement({
              sid: 'NamedRolesWithTheirSourceIdentity',
              principals: roles,
              actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
              conditions: {
                Null: { 'aws:SourceIdentity': 'false' },
                StringEquals: { 'sts:SourceIdentity': '${aws:SourceIdentity}', 'sts:RoleSessionName': '${aws:SourceIdentity}' },
              },
            }),
          ]
        : []),
    ];
    (role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = new iam.PolicyDocument({ statements });
    return role;
  }

  /**
   * 社会力量: one role per partner kind, invoking only the routes that name the kind (never a
   * queue). Which organisation may act is the handlers' check against the registrations.
   */
  private buildPartnerRoles(props: StatelessStackProps): Record<PartnerKind, iam.Role> {
    return Object.fromEntries(
      PARTNER_KINDS.map((kind) => {
        const role = this.sessionRole(
          `${pascal(kind)}Role`,
          partnerRoleName(props.namePrefix, kind),
          partnerPrincipalsOf(props.departmentPrincipals, kind),
          `Registered ${kind} organisations (the session name is the organisation code): their own API routes only`,
        );
        const paths = invokablePaths(kind);
        const invokable = paths.map((p) => this.api.arnForExecuteApi(p.method, p.path, this.api.deploymentStage.stageName));
        const policy = new iam.Policy(this, `${pascal(kind)}Access`, {
          statements: [new iam.PolicyStatement({ sid: 'InvokeOwnRoutes', actions: ['execute-api:Invoke'], resources: invokable })],
        });
        policy.attachToRole(role);
        for (const arn of invokable.filter((_, i) => paths[i]!.path.includes('*'))) {
          Validations.of(policy).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${nagName(this, arn)}]`,
            reason: `The * stands for one path parameter (a match id) of a route ${kind} may call; the handler then checks the match is the calling organisation's own.`,
          });
        }
        return [kind, role];
      }),
    ) as Record<PartnerKind, iam.Role>;
  }

  private buildDepartmentRoles(stateful: ImportedStateful, props: StatelessStackProps): Record<WarningRecipient, iam.Role> {
    const { namePrefix } = props;
    return Object.fromEntries(
      WORK_QUEUE_RECIPIENTS.map((recipient) => {
        // The handlers recognise the caller by this exact name: shared/platform/principals.ts.
        const role = this.sessionRole(
          `${pascal(recipient)}Role`,
          departmentRoleName(namePrefix, recipient),
          props.departmentPrincipals[recipient],
          `The ${recipient} department: its own API routes, its own work queue`,
        );
        const invokable = invokablePaths(recipient).map((p) => this.api.arnForExecuteApi(p.method, p.path, this.api.deploymentStage.stageName));
        const policy = new iam.Policy(this, `${pascal(recipient)}Access`, {
          statements: [
            new iam.PolicyStatement({ sid: 'InvokeOwnRoutes', actions: ['execute-api:Invoke'], resources: invokable }),
            new iam.PolicyStatement({
              sid: 'ReadOwnWorkQueue',
              actions: [...QUEUE_ACTIONS.read],
              resources: [stateful.workQueues[recipient].queueArn],
            }),
            new iam.PolicyStatement({
              sid: 'DecryptOwnQueueMessages',
              actions: ['kms:Decrypt'],
              resources: [stateful.workQueueKeys[recipient].keyArn],
              conditions: { StringEquals: { 'kms:ViaService': `sqs.${this.region}.${Aws.URL_SUFFIX}` } },
            }),
          ],
        });
        policy.attachToRole(role);
        // A `*` in these ARNs is a path parameter (warning, household, submission or month), never a route.
        for (const arn of invokable.filter((_, i) => invokablePaths(recipient)[i]!.path.includes('*'))) {
          Validations.of(policy).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${nagName(this, arn)}]`,
            reason: `The * stands for one path parameter (a warning id, household id, submission id or month) of a route ${recipient} may call; the handler then checks the warning was routed to ${recipient}, the submission is ${recipient}'s own, or that ${recipient} is a case reader.`,
          });
        }
        return [recipient, role];
      }),
    ) as Record<WarningRecipient, iam.Role>;
  }
}

interface ImportedStateful extends PlatformResources {
  ruleTargetDeadLetterQueue: sqs.IQueue;
  asyncFailureQueue: sqs.IQueue;
  alarmTopic: sns.ITopic;
}

function importStateful(scope: Construct, s: StatefulStack): ImportedStateful {
  // Imported without their key: the functions' KMS permissions are granted once, explicitly.
  const queue = (id: string, q: sqs.Queue) => sqs.Queue.fromQueueAttributes(scope, id, { queueArn: q.queueArn, queueUrl: q.queueUrl });
  return {
    key: kms.Key.fromKeyArn(scope, 'ImportedKey', s.key.keyArn),
    table: dynamodb.TableV2.fromTableAttributes(scope, 'ImportedTable', { tableArn: s.table.tableArn }),
    idempotencyTable: dynamodb.TableV2.fromTableAttributes(scope, 'ImportedIdempotencyTable', { tableArn: s.idempotencyTable.tableArn }),
    bus: events.EventBus.fromEventBusArn(scope, 'ImportedBus', s.bus.eventBusArn),
    workQueues: Object.fromEntries(WORK_QUEUE_RECIPIENTS.map((r) => [r, queue(`Imported${pascal(r)}Queue`, s.workQueues[r])])) as Record<
      WarningRecipient,
      sqs.IQueue
    >,
    workQueueKeys: Object.fromEntries(
      WORK_QUEUE_RECIPIENTS.map((r) => [r, kms.Key.fromKeyArn(scope, `Imported${pascal(r)}QueueKey`, s.queueKeys[r].keyArn)]),
    ) as Record<WarningRecipient, kms.IKey>,
    alarmTopic: sns.Topic.fromTopicArn(scope, 'ImportedAlarmTopic', s.alarmTopic.topicArn),
    ruleTargetDeadLetterQueue: queue('ImportedRuleTargetDlq', s.ruleTargetDeadLetterQueue),
    asyncFailureQueue: queue('ImportedAsyncFailureQueue', s.asyncFailureQueue),
    personKey: secretsmanager.Secret.fromSecretAttributes(scope, 'ImportedPersonKey', { secretCompleteArn: s.personKey.secretArn }),
    purposeKey: secretsmanager.Secret.fromSecretAttributes(scope, 'ImportedPurposeKey', { secretCompleteArn: s.purposeKey.secretArn }),
    auditKey: kms.Key.fromKeyArn(scope, 'ImportedAuditKey', s.auditKey.keyArn),
    auditHeadsTable: dynamodb.TableV2.fromTableAttributes(scope, 'ImportedAuditHeadsTable', { tableArn: s.auditHeadsTable.tableArn }),
  };
}
