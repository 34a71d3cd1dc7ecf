import { describe, expect, it } from 'vitest';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { PARTNER_KINDS } from '../../shared/domain/partners';
import { API_ROUTES, invokablePaths } from '../../shared/platform/api';
import { partnerRoleName } from '../../shared/platform/principals';
import { ACCOUNT, DEPARTMENT_ACCOUNT, NAME_PREFIX, resourcesOf, synth, TEST_PRINCIPALS, type CfnTemplate } from './synth';

/**
 * 社会力量: one role per partner kind, in both partitions. Each may invoke exactly the routes that
 * name its kind, nothing else (no queue, no key), and only named principals may assume it, with
 * the session name equal to the source identity (the organisation's code). A kind with no
 * principals of its own is federated by civil affairs' principals.
 */
type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown; Condition?: Record<string, any> };
const list = <T>(v: T | T[]): T[] => [v].flat() as T[];
const CHARITY_PORTAL = `${DEPARTMENT_ACCOUNT}:role/charity-portal`;

describe.each(['us-east-1', 'cn-north-1'])('partner roles in %s', (region) => {
  const partition = RegionInfo.get(region).partition!;
  const s = synth({ region, departmentPrincipals: { ...TEST_PRINCIPALS, charity: [CHARITY_PORTAL] } });
  const template = s.templates.stateless as CfnTemplate;
  const roleOf = (kind: (typeof PARTNER_KINDS)[number]) => {
    const found = resourcesOf(template, 'AWS::IAM::Role').filter(([, r]) => r.Properties.RoleName === partnerRoleName(NAME_PREFIX, kind));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const statementsOf = (roleId: string): Statement[] =>
    resourcesOf(template, 'AWS::IAM::Policy')
      .filter(([, p]) => list(p.Properties.Roles).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  /** `arn:…:execute-api:region:account:<api>/<stage>/METHOD/path`, as the Join renders it with the API and stage as placeholders. */
  const rendered = (r: any): string =>
    typeof r === 'string'
      ? r
      : (r['Fn::Join'][1] as unknown[])
          .map((v: any) =>
            typeof v === 'string'
              ? v
              : v.Ref === 'AWS::Partition'
                ? partition
                : v.Ref === 'AWS::Region'
                  ? region
                  : v.Ref === 'AWS::AccountId'
                    ? ACCOUNT
                    : '<ref>',
          )
          .join('');

  it.each(PARTNER_KINDS)('%s: invokes exactly its own routes, and has no queue, key or table action', (kind) => {
    const [roleId, role] = roleOf(kind);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    const statements = statementsOf(roleId);
    expect([...new Set(statements.flatMap((st) => list(st.Action)))]).toEqual(['execute-api:Invoke']);
    const granted = statements.flatMap((st) => list(st.Resource).map(rendered)).map((arn) => arn.replace(/^.*<ref>\/<ref>\//, ''));
    const expected = invokablePaths(kind).map((p) => `${p.method}${p.path}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(granted.sort()).toEqual(expected.sort());
    for (const arn of statements.flatMap((st) => list(st.Resource).map(rendered)))
      expect(arn).toMatch(new RegExp(`^arn:${partition}:execute-api:${region}:${ACCOUNT}:`));
    // No department route: none of the paths a department calls, unless the route also names this kind.
    const departmentOnly = API_ROUTES.filter((r) => !r.callers.includes(kind)).map((r) => `${r.method}${r.path.replace(/\{[^}]+\}/g, '*')}`);
    for (const path of granted) expect(departmentOnly).not.toContain(path);
  });

  it('lets only named principals assume a partner role, the session named by its source identity', () => {
    const trust = (kind: (typeof PARTNER_KINDS)[number]) => roleOf(kind)[1].Properties.AssumeRolePolicyDocument.Statement as Statement[];
    const principalsOf = (statements: Statement[]) => statements.flatMap((st) => list((st.Principal as { AWS: unknown }).AWS).map(rendered)).sort();
    const charity = trust('charity');
    expect(principalsOf(charity)).toEqual([`arn:${partition}:iam::${DEPARTMENT_ACCOUNT}:role/charity-portal`]);
    expect(charity).toHaveLength(1);
    expect(charity[0]!.Condition).toEqual({
      Null: { 'aws:SourceIdentity': 'false' },
      StringEquals: { 'sts:SourceIdentity': '${aws:SourceIdentity}', 'sts:RoleSessionName': '${aws:SourceIdentity}' },
    });
    // Service providers have no principals of their own here: civil affairs' federate them.
    const provider = trust('service-provider');
    expect(principalsOf(provider)).toEqual(
      [`arn:${partition}:iam::${ACCOUNT}:role/officers-civil-affairs`, `arn:${partition}:iam::${DEPARTMENT_ACCOUNT}:user/civil-affairs.zhang-wei`].sort(),
    );
    for (const st of [...charity, ...provider]) expect(list(st.Action).sort()).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity']);
  });
});

describe('partner principals in the context', () => {
  it('refuses an empty list for a partner kind and a whole account', () => {
    expect(() => synth({ departmentPrincipals: { ...TEST_PRINCIPALS, charity: [] } })).toThrow(/departmentPrincipals\.charity: name at least one principal/);
    expect(() => synth({ departmentPrincipals: { ...TEST_PRINCIPALS, charity: ['111111111111'] } })).toThrow(/a whole account is not accepted/);
  });
});
