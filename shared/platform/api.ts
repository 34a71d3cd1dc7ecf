import { DEPARTMENT_CODES, WARNING_RECIPIENTS, type WarningRecipient } from '../domain/departments';

/**
 * The HTTP API, declared once: the CDK stack builds API Gateway resources and each department
 * role's execute-api permissions from it; the local HTTP front routes and authorizes by it;
 * handlers check the caller against it as a second line.
 */
export type FunctionId =
  | 'submission-intake'
  | 'register-update'
  | 'warning-evaluation'
  | 'department-routing'
  | 'feedback-intake'
  | 'household-query'
  | 'overdue-escalation'
  | 'statistics'
  | 'recognition'
  | 'policy-admin'
  | 'what-if-runner'
  | 'audit-seal';

export interface ApiRoute {
  id: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  function: FunctionId;
  /** Who may call it; `{department}` in the path must then be the caller's own. */
  callers: readonly WarningRecipient[];
  ownDepartmentOnly: boolean;
  /** Whether the request carries a JSON body. */
  body: 'json' | 'none';
  /** Written to the audit trail (数字监督): a read of personal data or a decision, and what for. */
  audit?: { kind: 'read' | 'decision'; purpose: string };
}

/** Who reads whole households: civil affairs runs the database; coordination and supervision oversee it. */
const CASE_READERS: readonly WarningRecipient[] = ['civil-affairs', 'county-coordination', 'supervision'];

export const API_ROUTES: readonly ApiRoute[] = [
  {
    id: 'submit-records',
    method: 'POST',
    path: '/departments/{department}/submissions',
    function: 'submission-intake',
    callers: DEPARTMENT_CODES,
    ownDepartmentOnly: true,
    body: 'json',
  },
  {
    id: 'answer-warning',
    method: 'POST',
    path: '/departments/{department}/warnings/{warningId}/outcome',
    function: 'feedback-intake',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: true,
    body: 'json',
    audit: { kind: 'decision', purpose: 'answer a warning (反馈处置结果)' },
  },
  {
    id: 'acknowledge-warning',
    method: 'POST',
    path: '/departments/{department}/warnings/{warningId}/acknowledgement',
    function: 'feedback-intake',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: true,
    body: 'none',
    audit: { kind: 'decision', purpose: 'take a warning in hand (签收)' },
  },
  {
    id: 'read-assistance-chain',
    method: 'GET',
    path: '/households/{householdId}/chain',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the assistance chain' },
  },
  {
    id: 'read-needs-list',
    method: 'GET',
    path: '/households/{householdId}/needs',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the needs list' },
  },
  {
    id: 'read-happiness-list',
    method: 'GET',
    path: '/households/{householdId}/happiness',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the happiness list' },
  },
  {
    id: 'query-person',
    method: 'POST',
    path: '/persons/query',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'json',
    audit: { kind: 'read', purpose: 'check a person against the low-income database' },
  },
  {
    id: 'read-project-list',
    method: 'GET',
    path: '/projects',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
  },
  {
    id: 'read-statistics',
    method: 'GET',
    path: '/statistics/{month}',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
  },
  // 公示: the month's public-disclosure list, masked as the plan allows; anyone may post it.
  {
    id: 'read-disclosure',
    method: 'GET',
    path: '/disclosure/{month}',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
  },
  // 数字监督: supervision reviews the audit trail a day at a time, with the chain verified.
  {
    id: 'read-audit-trail',
    method: 'GET',
    path: '/audit/{day}',
    function: 'household-query',
    callers: ['supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  },
  // Policy is public: every department may read the parameters in force. Civil affairs (the
  // bureau administers the policy) changes them; supervision reads the trail and may measure.
  {
    id: 'read-policy',
    method: 'GET',
    path: '/policy/parameters',
    function: 'policy-admin',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
  },
  {
    id: 'change-policy',
    method: 'POST',
    path: '/policy/changes',
    function: 'policy-admin',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: 'json',
    audit: { kind: 'decision', purpose: 'change policy parameters' },
  },
  {
    id: 'read-policy-changes',
    method: 'GET',
    path: '/policy/changes',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  },
  {
    id: 'what-if',
    method: 'POST',
    path: '/policy/what-if',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'json',
    audit: { kind: 'read', purpose: 'measure a policy proposal over every assessed household' },
  },
  // A what-if too long for one call runs as a job: its progress, then its report (counts only).
  {
    id: 'read-what-if',
    method: 'GET',
    path: '/policy/what-if/{jobId}',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  },
];

export function routeById(id: string): ApiRoute {
  const route = API_ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`no API route ${id}`);
  return route;
}

/**
 * The resource paths a recipient may invoke, with its own department filled in and other
 * parameters as `*` — the shape of an execute-api:Invoke resource.
 */
export function invokablePaths(recipient: WarningRecipient): { method: string; path: string }[] {
  return API_ROUTES.filter((r) => r.callers.includes(recipient)).map((r) => ({
    method: r.method,
    path: r.path.replace('{department}', recipient).replace(/\{[^}]+\}/g, '*'),
  }));
}

/**
 * Matches a concrete request path against a route template; returns the path parameters, or
 * `malformed` naming the parameter whose %-escapes do not decode (the caller answers 400).
 */
export function matchRoute(method: string, path: string): { route: ApiRoute; params: Record<string, string>; malformed?: string } | undefined {
  for (const route of API_ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const regex = new RegExp(
      `^${route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const m = regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [i, n] of names.entries()) {
      try {
        params[n] = decodeURIComponent(m[i + 1]!);
      } catch {
        return { route, params, malformed: n };
      }
    }
    return { route, params };
  }
  return undefined;
}
