import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack } from './stacks/stateless-stack';

/**
 * The CDK app. Context: `prefix` (default lim), `stage` (default dev), `region` and `account`
 * (default cn-north-1, the China partition; any standard region works), `departmentTrustAccounts`
 * (comma list).
 */
export function buildApp(context: Record<string, unknown> = {}) {
  const app = new App({ context });
  const get = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value ? value : undefined;
  };
  const prefix = get('prefix') ?? 'lim';
  const stage = get('stage') ?? 'dev';
  const namePrefix = `${prefix}-${stage}`;
  // A region is required (the CMK-encrypted table needs one): the city's own, Beijing, by default.
  const region = get('region') ?? process.env.CDK_DEFAULT_REGION ?? 'cn-north-1';
  const account = get('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const env = { region, ...(account ? { account } : {}) };
  const departmentTrustAccounts = (get('departmentTrustAccounts') ?? '').split(',').map((a) => a.trim()).filter(Boolean);

  const stateful = new StatefulStack(app, `${namePrefix}-stateful`, {
    namePrefix,
    env,
    description: 'Low-income monitoring platform: data (table, bus, queues, keys)',
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, `${namePrefix}-stateless`, {
    namePrefix,
    stateful,
    departmentTrustAccounts,
    env,
    description: 'Low-income monitoring platform: functions, API, rules, department roles',
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('project', 'low-income-monitoring');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stateful, stateless };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
