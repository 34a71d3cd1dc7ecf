import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { API_ROUTES, invokablePaths, type FunctionId } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';
import { departmentRoleName } from '../../shared/platform/principals';
import { TABLE_KEYS } from '../../shared/table/keys';
import { LOG_RETENTION, PlatformFunction } from '../constructs/platform-function';
import { pascal, type StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  namePrefix: string;
  stateful: StatefulStack;
  /** Accounts whose principals may assume the department roles. */
  departmentTrustAccounts: readonly string[];
}

/** EventBridge retries a failed target for up to this long before its DLQ. */
const RULE_MAX_EVENT_AGE = Duration.hours(24);
const RULE_RETRY_ATTEMPTS = 185;

/**
 * Everything that runs: one function per job from shared/platform/functions.ts, the REST API
 * from shared/platform/api.ts (AWS_IAM on every method), the rules from events/rules.ts, and one
 * IAM role per department that may call only its own routes and read only its own queue.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionId, PlatformFunction>;
  readonly api: apigw.RestApi;
  readonly departmentRoles: Record<WarningRecipient, iam.Role>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { namePrefix } = props;
    // The stateful resources are imported by ARN: grants then land on the functions' own
    // policies, and the stateful stack never depends on this one.
    const stateful = importStateful(this, props.stateful);

    const asyncFunctions = new Set<FunctionId>([...PLATFORM_RULES.map((r) => r.target), ...PLATFORM_SCHEDULES.map((s) => s.target)]);
    this.functions = Object.fromEntries(
      Object.values(FUNCTIONS).map((definition) => {
        const f = new PlatformFunction(this, pascal(definition.id), {
          definition,
          key: stateful.key,
          principalPrefix: namePrefix,
          ...(asyncFunctions.has(definition.id) ? { asyncFailureQueue: stateful.asyncFailureQueue } : {}),
        });
        const { needs } = definition;
        f.bindTable(stateful.table, needs.table, [TABLE_KEYS.gsi1.indexName, TABLE_KEYS.gsi2.indexName]);
        if (needs.idempotency) f.bindIdempotencyTable(stateful.idempotencyTable);
        if (needs.publishEvents) f.bindBus(stateful.bus);
        if (needs.sendToWorkQueues) f.bindWorkQueues(stateful.workQueues);
        if (needs.personKey) f.bindPersonKey(stateful.personKey);
        return [definition.id, f];
      }),
    ) as Record<FunctionId, PlatformFunction>;

    this.api = this.buildApi(stateful, props);
    this.buildRules(stateful, props);
    this.departmentRoles = this.buildDepartmentRoles(props, stateful);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    for (const recipient of WARNING_RECIPIENTS) {
      new CfnOutput(this, `${pascal(recipient)}QueueUrl`, { value: stateful.workQueues[recipient].queueUrl });
      new CfnOutput(this, `${pascal(recipient)}RoleArn`, { value: this.departmentRoles[recipient].roleArn });
    }
  }

  private buildApi(stateful: ImportedStateful, props: StatelessStackProps): apigw.RestApi {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION, encryptionKey: stateful.key, removalPolicy: RemovalPolicy.RETAIN });
    const api = new apigw.RestApi(this, 'Api', {
      restApiName: `${props.namePrefix}-api`,
      description: 'Low-income monitoring platform: department submissions, warning outcomes, assistance chains',
      // Edge-optimized endpoints do not exist in the China regions.
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false, // request bodies carry identity numbers: never into logs
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            caller: apigw.AccessLogField.contextIdentityUserArn(),
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
      disableExecuteApiEndpoint: false,
    });
    const validator = api.addRequestValidator('ValidateBodyAndParameters', { validateRequestBody: true, validateRequestParameters: true });
    for (const route of API_ROUTES) {
      const resource = api.root.resourceForPath(route.path);
      const parameters = Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => [`method.request.path.${m[1]}`, true]));
      resource.addMethod(route.method, new apigw.LambdaIntegration(this.functions[route.function].fn), {
        authorizationType: apigw.AuthorizationType.IAM,
        requestValidator: validator,
        requestParameters: parameters,
        operationName: route.id,
      });
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Every method uses AWS_IAM authorization (SigV4 by department roles); Cognito is not offered in the China regions.',
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: "API Gateway's account-level role for writing access logs; AWS maintains it for exactly this purpose.",
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'Departments are IAM principals; Cognito user pools are not available in the China regions.',
    });

    // A regional web ACL in front of the API: AWS managed rules for common exploits and bad inputs.
    const acl = new wafv2.CfnWebACL(this, 'ApiWebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: 'lim-api-acl' },
      rules: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((name, priority) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: name },
      })),
    });
    new wafv2.CfnWebACLAssociation(this, 'ApiWebAclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
    return api;
  }

  private buildRules(stateful: ImportedStateful, props: StatelessStackProps): void {
    for (const s of PLATFORM_SCHEDULES) {
      new events.Rule(this, `${pascal(s.name)}Schedule`, {
        ruleName: `${props.namePrefix}-${s.name}`,
        description: s.description,
        schedule: events.Schedule.rate(Duration.minutes(s.rate.minutes)),
        targets: [new targets.LambdaFunction(this.functions[s.target].fn, { deadLetterQueue: stateful.ruleTargetDeadLetterQueue, maxEventAge: Duration.hours(1), retryAttempts: 2 })],
      });
    }
    for (const rule of PLATFORM_RULES) {
      new events.Rule(this, `${pascal(rule.name)}Rule`, {
        eventBus: stateful.bus,
        description: rule.description,
        eventPattern: rule.eventPattern as events.EventPattern,
        targets: [
          new targets.LambdaFunction(this.functions[rule.target].fn, {
            deadLetterQueue: stateful.ruleTargetDeadLetterQueue, // its queue policy is in the stateful stack
            maxEventAge: RULE_MAX_EVENT_AGE,
            retryAttempts: RULE_RETRY_ATTEMPTS,
          }),
        ],
      });
    }
  }

  private buildDepartmentRoles(props: StatelessStackProps, stateful: ImportedStateful): Record<WarningRecipient, iam.Role> {
    const { namePrefix } = props;
    // cdk-nag names a finding by the ARN it sees, with unresolved references as <LogicalId>.
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const apiId = this.getLogicalId(this.api.node.defaultChild as apigw.CfnRestApi);
    const stageId = this.getLogicalId(this.api.deploymentStage.node.defaultChild as apigw.CfnStage);
    const trusted = props.departmentTrustAccounts.length
      ? new iam.CompositePrincipal(...props.departmentTrustAccounts.map((a) => new iam.AccountPrincipal(a)))
      : new iam.AccountRootPrincipal();
    return Object.fromEntries(
      WARNING_RECIPIENTS.map((recipient) => {
        const role = new iam.Role(this, `${pascal(recipient)}Role`, {
          roleName: departmentRoleName(namePrefix, recipient),
          description: `The ${recipient} department: its own API routes, its own work queue`,
          assumedBy: trusted,
          maxSessionDuration: Duration.hours(1),
        });
        const policy = new iam.Policy(this, `${pascal(recipient)}Access`, {
          statements: [
            new iam.PolicyStatement({
              sid: 'InvokeOwnRoutes',
              actions: ['execute-api:Invoke'],
              resources: invokablePaths(recipient).map((p) => this.api.arnForExecuteApi(p.method, p.path, this.api.deploymentStage.stageName)),
            }),
            new iam.PolicyStatement({
              sid: 'ReadOwnWorkQueue',
              actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
              resources: [stateful.workQueues[recipient].queueArn],
            }),
            new iam.PolicyStatement({
              sid: 'DecryptOwnQueueMessages',
              actions: ['kms:Decrypt'],
              resources: [stateful.key.keyArn],
              conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
            }),
          ],
        });
        policy.attachToRole(role);
        for (const p of invokablePaths(recipient).filter((x) => x.path.includes('*'))) {
          Validations.of(policy).acknowledge({
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${region}:${account}:<${apiId}>/<${stageId}>/${p.method}${p.path}]`,
            reason: 'The * is a path parameter (a warning or household id); the handler checks the warning was routed to this department.',
          });
        }
        return [recipient, role];
      }),
    ) as Record<WarningRecipient, iam.Role>;
  }
}

export interface ImportedStateful {
  key: kms.IKey;
  table: dynamodb.ITableV2;
  idempotencyTable: dynamodb.ITableV2;
  bus: events.IEventBus;
  workQueues: Record<WarningRecipient, sqs.IQueue>;
  ruleTargetDeadLetterQueue: sqs.IQueue;
  asyncFailureQueue: sqs.IQueue;
  personKey: secretsmanager.ISecret;
}

function importStateful(scope: Construct, s: StatefulStack): ImportedStateful {
  // Imported without their key: the functions' KMS permissions are granted once, explicitly.
  const key = kms.Key.fromKeyArn(scope, 'ImportedKey', s.key.keyArn);
  const queue = (id: string, q: sqs.Queue) => sqs.Queue.fromQueueAttributes(scope, id, { queueArn: q.queueArn, queueUrl: q.queueUrl });
  return {
    key,
    table: dynamodb.TableV2.fromTableAttributes(scope, 'ImportedTable', { tableArn: s.table.tableArn }),
    idempotencyTable: dynamodb.TableV2.fromTableAttributes(scope, 'ImportedIdempotencyTable', { tableArn: s.idempotencyTable.tableArn }),
    bus: events.EventBus.fromEventBusArn(scope, 'ImportedBus', s.bus.eventBusArn),
    workQueues: Object.fromEntries(WARNING_RECIPIENTS.map((r) => [r, queue(`Imported${pascal(r)}Queue`, s.workQueues[r])])) as Record<WarningRecipient, sqs.IQueue>,
    ruleTargetDeadLetterQueue: queue('ImportedRuleTargetDlq', s.ruleTargetDeadLetterQueue),
    asyncFailureQueue: queue('ImportedAsyncFailureQueue', s.asyncFailureQueue),
    personKey: secretsmanager.Secret.fromSecretAttributes(scope, 'ImportedPersonKey', { secretCompleteArn: s.personKey.secretArn }),
  };
}
