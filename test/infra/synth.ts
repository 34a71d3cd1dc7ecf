import { WARNING_RECIPIENTS, type WarningRecipient } from '../../shared/domain/departments';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { buildApp } from '../../infra/app';

/**
 * Synthesizes the app the way `cdk synth` does (the feature flags of cdk.json included), but in
 * process and, unless asked, without bundling: `aws:cdk:bundling-stacks: []` gives every function
 * a placeholder asset. test/infra/bundling.test.ts bundles one stack for real.
 */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8')).context;
export const ACCOUNT = '123456789012';
export const PREFIX = 'lim';
export const STAGE = 'test';
export const NAME_PREFIX = `${PREFIX}-${STAGE}`;

export type CfnResource = { Type: string; Properties: Record<string, any>; DependsOn?: unknown; Metadata?: unknown; DeletionPolicy?: string };
export type CfnTemplate = { Resources: Record<string, CfnResource>; Outputs?: Record<string, any> };

/**
 * Who may become each department in the synthesized stacks: for each, an officers' role in the
 * deploying account and a named user in the department's own account (both in the short form).
 */
export const DEPARTMENT_ACCOUNT = '111111111111';
export const TEST_PRINCIPALS = Object.fromEntries(
  WARNING_RECIPIENTS.map((d) => [d, [`role/officers-${d}`, `${DEPARTMENT_ACCOUNT}:user/${d}.zhang-wei`]]),
) as Record<WarningRecipient, string[]>;

export function synth(context: Record<string, unknown>) {
  const built = buildApp({
    ...CDK_JSON_CONTEXT,
    'aws:cdk:bundling-stacks': [],
    prefix: PREFIX,
    stage: STAGE,
    account: ACCOUNT,
    departmentPrincipals: TEST_PRINCIPALS,
    ...context,
  });
  const assembly = built.app.synth();
  const templates = {
    stateful: assembly.getStackByName(built.stateful.stackName).template as CfnTemplate,
    stateless: assembly.getStackByName(built.stateless.stackName).template as CfnTemplate,
    console: assembly.getStackByName(built.console.stackName).template as CfnTemplate,
  };
  return {
    app: built.app,
    stacks: { stateful: built.stateful, stateless: built.stateless, console: built.console },
    assembly,
    /** The raw templates, for walking. */
    templates,
    /** The same templates for `aws-cdk-lib/assertions`. */
    assert: {
      stateful: Template.fromJSON(templates.stateful),
      stateless: Template.fromJSON(templates.stateless),
      console: Template.fromJSON(templates.console),
    },
    json: JSON.stringify(templates),
  };
}
export type Synth = ReturnType<typeof synth>;

const byRegion = new Map<string, Synth>();
/**
 * The app as it deploys to a region (the test principals, nothing else asked): synthesized once
 * per test process and shared, as the infra project runs its files in one process
 * (vitest.config.ts). Read it; do not change it (a variant gets `synth` of its own).
 */
export function synthesized(region: string): Synth {
  const held = byRegion.get(region);
  if (held) return held;
  const made = synth({ region });
  byRegion.set(region, made);
  return made;
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** Whether a CloudFormation value refers to the logical id (Ref, GetAtt, or a cross-stack import of it). */
export function refersTo(value: unknown, logicalId: string): boolean {
  return JSON.stringify(value).includes(logicalId);
}

/**
 * Every string the template evaluates to once the pseudo parameters are known, as CloudFormation
 * would compute them: Fn::Join over literals and pseudo-parameter Refs is evaluated, anything else
 * (a resource Ref, GetAtt, import) becomes `<ref>`.
 */
export function evaluatedStrings(template: unknown, region: string, account = ACCOUNT): string[] {
  const partition = RegionInfo.get(region).partition!;
  const pseudo: Record<string, string> = {
    'AWS::Partition': partition,
    'AWS::URLSuffix': RegionInfo.get(region).domainSuffix!,
    'AWS::Region': region,
    'AWS::AccountId': account,
  };
  const out: string[] = [];
  const value = (node: unknown): string => {
    if (typeof node === 'string') return node;
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const o = node as Record<string, unknown>;
      if (typeof o.Ref === 'string') return pseudo[o.Ref] ?? '<ref>';
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(value).join(delimiter);
      }
    }
    return '<ref>';
  };
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if ('Fn::Join' in o || typeof o.Ref === 'string') out.push(value(o));
      if ('Fn::Join' in o) {
        for (const item of (o['Fn::Join'] as [string, unknown[]])[1]) if (typeof item === 'object') walk(item);
      } else Object.values(o).forEach(walk);
    }
  };
  walk(template);
  return out;
}
