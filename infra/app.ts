import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stacks/stateful-stack';
import { API_STAGE_NAME, StatelessStack } from './stacks/stateless-stack';
import { ConsoleStack } from './stacks/console-stack';
import { consoleBasePath } from '../shared/platform/console';
import { departmentPrincipalsFrom } from './department-principals';

/** Where the stacks go when neither `-c region=` nor the CLI profile says: Beijing, partition aws-cn. */
export const DEFAULT_REGION = 'cn-north-1';

/**
 * The CDK app. Context: `prefix` (default lim), `stage` (default dev), `region` (default the CLI
 * profile's region, else cn-north-1; any standard or China region works), `account` (optional),
 * `departmentPrincipals` (required: the named IAM roles or users that may assume each department
 * role, as JSON or `file:<path>`; infra/department-principals.ts), `tracing` (on or off; default on in the standard partition,
 * off in aws-cn, where Lambda's X-Ray integration is documented as unavailable). Tests call
 * `buildApp(context)` directly.
 */
export function buildApp(context: Record<string, unknown> = {}) {
  const app = new App({ context });
  const get = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const prefix = get('prefix') ?? 'lim';
  const stage = get('stage') ?? 'dev';
  for (const [key, value] of Object.entries({ prefix, stage })) {
    // They name queues, roles and the bus, and the handlers parse role names by them.
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value) || value.length > 16) {
      throw new Error(`context ${key}=${value}: lower-case letters, digits and inner hyphens, starting with a letter, at most 16 characters`);
    }
  }
  const namePrefix = `${prefix}-${stage}`;
  // A concrete region is required: TableV2 renders its CMK replica settings per region.
  const region = get('region') ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const account = get('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const env = { region, ...(account ? { account } : {}) };
  const tracingSetting = get('tracing');
  if (tracingSetting && !['on', 'off'].includes(tracingSetting)) throw new Error(`context tracing=${tracingSetting}: on or off`);
  const tracing = tracingSetting ? tracingSetting === 'on' : !region.startsWith('cn-');
  const departmentPrincipals = departmentPrincipalsFrom(app.node.tryGetContext('departmentPrincipals'));

  const stateful = new StatefulStack(app, `${namePrefix}-stateful`, {
    namePrefix,
    env,
    description: 'Low-income monitoring platform: data (tables, bus, archive, queues, key, person-key secret)',
    terminationProtection: stage === 'prod',
  });
  const consoleFiles = new ConsoleStack(app, `${namePrefix}-console`, {
    namePrefix,
    apiStage: API_STAGE_NAME,
    env,
    description: `Low-income monitoring platform: the console files (served by the API under ${consoleBasePath(API_STAGE_NAME)})`,
  });
  const stateless = new StatelessStack(app, `${namePrefix}-stateless`, {
    namePrefix,
    stateful,
    consoleStack: consoleFiles,
    departmentPrincipals,
    tracing,
    env,
    description: 'Low-income monitoring platform: functions, API, rules, department roles',
  });
  stateless.addStackDependency(stateful);
  stateless.addStackDependency(consoleFiles);
  Tags.of(app).add('project', 'low-income-monitoring');
  Tags.of(app).add('stage', stage);
  // cdk-nag 3 is a policy-validation plugin (its packs are no longer Aspects): any finding that
  // is not acknowledged with Validations.of(scope).acknowledge({ id, reason }) fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stateful, stateless, console: consoleFiles };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
