import * as z from 'zod';
import { DEPARTMENT_CODES, WARNING_RECIPIENTS, type WarningRecipient } from '../domain/departments';
import { DISTRICT_CODES } from '../domain/districts';
import type { FieldProblem } from '../domain/errors';
import { outcomeCorrection } from '../domain/correction';
import { decisionCorrection } from '../domain/correction-decision';
import { warningOutcome } from '../domain/outcome';
import { policyChangeRequest, whatIfRequest } from '../domain/policy/policy-change';
import { submissionBatch } from '../records/batch';
import { personQuery } from '../records/person-query';
import { waiverVerification } from './answers/waivers';
import { officerRegistration, officersQuery } from './answers/officers';
import { careAssessmentRequest, deliveryReport, serviceOrderRequest, serviceOrdersQuery } from '../domain/service-assistance';
import { PARTNER_KINDS, partnerRegistration, partnersQuery, type PartnerKind } from '../domain/partners';
import { charityConsent, charityDelivery, charityOffer } from '../domain/charity';
import type { Caller } from './principals';

/**
 * The HTTP API, declared once: the CDK stack builds API Gateway resources and each department
 * role's execute-api permissions from it; the local HTTP front routes and authorizes by it; the
 * API middleware (shared/http/api-handler.ts) resolves each request's route from it once, checks
 * the caller against it as a second line and parses the body with the route's schema.
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
  | 'audit-seal'
  | 'partner-gateway';

export interface ApiRoute {
  id: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  function: FunctionId;
  /** Who may call it: departments (recipients) and partner kinds (`charity`, `service-provider`; shared/domain/partners.ts). */
  callers: readonly Caller[];
  /** `{department}` in the path must be the caller's own; `acts` says, in a refusal, what another may not do for it. */
  ownDepartmentOnly: false | { acts: string };
  /** The JSON body it takes, or none. */
  body: RouteBody | 'none';
  /** The query string it reads, as its handler checks it (the OpenAPI document lists it). */
  query?: z.ZodObject;
  /** Written to the audit trail (数字监督): a read of personal data or a decision, and what for. */
  audit?: { kind: 'read' | 'decision'; purpose: string };
}

/** A route's JSON body: the schema it is parsed with once, at the edge, and how a body that breaks it is refused (400). */
export interface RouteBody<T = unknown> {
  schema: z.ZodType<T>;
  refusal: {
    code: string;
    message: string | ((problems: readonly FieldProblem[]) => string);
    /** What a problem with the whole body (an empty path) names as its field. */
    whole: string;
  };
}

const jsonBody = <T>(schema: z.ZodType<T>, refusal: RouteBody['refusal']): RouteBody<T> => ({ schema, refusal });

/** A route as declared, keeping its id, function and body type, so a handler's call is typed by the route it dispatches on. */
const defineRoute = <const Id extends string, const F extends FunctionId, B extends RouteBody<unknown> | 'none', const C extends readonly Caller[]>(
  r: Omit<ApiRoute, 'id' | 'function' | 'body' | 'callers'> & { id: Id; function: F; body: B; callers: C },
) => r;

/** A route's caller as its handler sees it: any department for a department's route, the partner kind for a partner's. */
export type CallerOf<R> = R extends { callers: readonly (infer C)[] }
  ? (C extends WarningRecipient ? WarningRecipient : never) | (C extends PartnerKind ? C : never)
  : never;

/** `GET /policy/parameters?on=&district=`: any other parameter is refused (400 InvalidQuery). */
export const policyParametersQuery = z.strictObject({
  on: z.iso.date().optional().meta({ description: '生效日期 the day the values are in force on (yyyy-mm-dd); default today in the city' }),
  district: z.enum(DISTRICT_CODES).optional().meta({ description: '区县代码 a district’s values; default the city-wide ones' }),
});

/** `GET /disclosure/{month}?district=`. */
export const disclosureQuery = z.object({
  district: z.enum(DISTRICT_CODES).optional().meta({ description: '区县代码 one district only; default every district' }),
});

const pageLimit = z
  .string()
  .regex(/^(?:[1-9]|[1-9][0-9]|100)$/)
  .optional()
  .meta({ description: '每页条数 items a page, 1–100; default 25' });
const pageToken = z.string().max(2048).optional().meta({ description: '翻页令牌 the `next` of the previous page, as it came (opaque)' });

/** `GET /departments/{department}/warnings`: the department's own work list (待办预警). */
export const departmentWarningsQuery = z.strictObject({
  status: z
    .enum(['open', 'overdue', 'answered'])
    .optional()
    .meta({ description: '状态 open: not yet answered by the department (default); overdue: open and past due; answered: answered by it' }),
  indicator: z
    .string()
    .regex(/^IND-[0-9]{2}$/)
    .optional()
    .meta({ description: '预警指标 only this indicator (IND-01 … IND-19)' }),
  district: z.enum(DISTRICT_CODES).optional().meta({ description: '区县代码 only this district' }),
  limit: pageLimit,
  next: pageToken,
});

/** `GET /supervision/warnings/overdue`: open warnings past due (超期预警), by district. */
export const overdueWarningsQuery = z.strictObject({
  district: z.enum(DISTRICT_CODES).optional().meta({ description: '区县代码 one district only; default every district, in code order' }),
  department: z.enum(WARNING_RECIPIENTS).optional().meta({ description: '部门 only warnings routed to this recipient' }),
  limit: pageLimit,
  next: pageToken,
});

/** `GET /households/{householdId}/decisions`: a household's recognition decisions, latest first. */
export const recognitionDecisionsQuery = z.strictObject({ limit: pageLimit, next: pageToken });

/** `GET /waivers/{waiver}/{month}?district=`: one district's list, a page at a time. */
export const waiverListQuery = z.strictObject({
  district: z.enum(DISTRICT_CODES).meta({ description: '区县代码 the district whose list (required: a provider serves its district)' }),
  limit: z
    .string()
    .regex(/^(?:[1-9]|[1-9][0-9]|100)$/)
    .optional()
    .meta({ description: '每页户数 households a page, 1–100; default 100 (a household may give several lines)' }),
  next: pageToken,
});

/** The deadline sweeps overdue-escalation runs every hour, and on demand (`POST /operations/sweeps`). */
export const SWEEP_NAMES = ['overdue-warnings', 'gradual-exits', 'emergency-documents', 'officer-concentration', 'service-deliveries'] as const;
export type SweepName = (typeof SWEEP_NAMES)[number];

/** `POST /operations/sweeps`: which sweeps to run now (all by default), as of when (no later than now). */
export const sweepRequest = z
  .strictObject({
    sweeps: z
      .array(z.enum(SWEEP_NAMES))
      .min(1)
      .refine((names) => new Set(names).size === names.length, { message: 'each sweep at most once' })
      .optional()
      .meta({
        description:
          '清理项 which sweeps to run: overdue-warnings (超期预警升级 IND-15), gradual-exits (渐退期满终止), emergency-documents (急难救助补件超期), officer-concentration (认定集中度 IND-28), service-deliveries (购买服务时数不足 IND-25, 服务记录迟报 IND-26); default all five',
      }),
    asOf: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: '截至时刻 measure the deadlines as of this moment (no later than now; to catch up after an outage); default now' }),
  })
  .meta({ description: '立即运行清理 run the deadline sweeps now' });

const policyChangeRefusal = {
  code: 'InvalidPolicyChange',
  message: (problems: readonly FieldProblem[]) =>
    `the request has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
  whole: '(body)',
};

/** Who reads whole households: civil affairs runs the database; coordination and supervision oversee it. */
const CASE_READERS: readonly WarningRecipient[] = ['civil-affairs', 'county-coordination', 'supervision'];

const DECLARED = [
  defineRoute({
    id: 'submit-records',
    method: 'POST',
    path: '/departments/{department}/submissions',
    function: 'submission-intake',
    callers: DEPARTMENT_CODES,
    ownDepartmentOnly: { acts: 'submit records for' },
    body: jsonBody(submissionBatch, { code: 'InvalidBatch', message: 'the batch envelope is invalid', whole: '(body)' }),
  }),
  // 报送状态: a department reads back how far its own submission got, by the receipt's submissionId.
  defineRoute({
    id: 'read-submission',
    method: 'GET',
    path: '/departments/{department}/submissions/{submissionId}',
    function: 'household-query',
    callers: DEPARTMENT_CODES,
    ownDepartmentOnly: { acts: 'read the submissions of' },
    body: 'none',
  }),
  defineRoute({
    id: 'answer-warning',
    method: 'POST',
    path: '/departments/{department}/warnings/{warningId}/outcome',
    function: 'feedback-intake',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: { acts: 'answer for' },
    body: jsonBody(warningOutcome, { code: 'InvalidOutcome', message: 'the outcome is invalid', whole: 'outcome' }),
    audit: { kind: 'decision', purpose: 'answer a warning (反馈处置结果)' },
  }),
  defineRoute({
    id: 'acknowledge-warning',
    method: 'POST',
    path: '/departments/{department}/warnings/{warningId}/acknowledgement',
    function: 'feedback-intake',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: { acts: 'answer for' },
    body: 'none',
    audit: { kind: 'decision', purpose: 'take a warning in hand (签收)' },
  }),
  defineRoute({
    id: 'read-assistance-chain',
    method: 'GET',
    path: '/households/{householdId}/chain',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the assistance chain' },
  }),
  defineRoute({
    id: 'read-needs-list',
    method: 'GET',
    path: '/households/{householdId}/needs',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the needs list' },
  }),
  defineRoute({
    id: 'read-happiness-list',
    method: 'GET',
    path: '/households/{householdId}/happiness',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the happiness list' },
  }),
  defineRoute({
    id: 'query-person',
    method: 'POST',
    path: '/persons/query',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: jsonBody(personQuery, { code: 'InvalidQuery', message: 'the query is invalid', whole: '(body)' }),
    audit: { kind: 'read', purpose: 'check a person against the low-income database' },
  }),
  defineRoute({
    id: 'read-project-list',
    method: 'GET',
    path: '/projects',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
  }),
  defineRoute({
    id: 'read-statistics',
    method: 'GET',
    path: '/statistics/{month}',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
  }),
  // 公示: the month's public-disclosure list, masked as the plan allows; anyone may post it.
  defineRoute({
    id: 'read-disclosure',
    method: 'GET',
    path: '/disclosure/{month}',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
    query: disclosureQuery,
  }),
  // 数字监督: supervision reviews the audit trail a day at a time, with the chain verified.
  defineRoute({
    id: 'read-audit-trail',
    method: 'GET',
    path: '/audit/{day}',
    function: 'household-query',
    callers: ['supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  }),
  // 待办预警 a department's own warnings, the console's work list (one index query a page).
  defineRoute({
    id: 'list-department-warnings',
    method: 'GET',
    path: '/departments/{department}/warnings',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: { acts: 'read the warnings of' },
    body: 'none',
    query: departmentWarningsQuery,
    audit: { kind: 'read', purpose: 'case handling: the department’s warning list (待办预警)' },
  }),
  // 预警详情 one warning, for its recipients (each through its own path) and supervision, who oversees all.
  defineRoute({
    id: 'read-warning',
    method: 'GET',
    path: '/departments/{department}/warnings/{warningId}',
    function: 'household-query',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: { acts: 'read the warnings of' },
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: a warning (预警详情)' },
  }),
  // 超期督办 supervision watches the warnings nobody answered in time, district by district.
  defineRoute({
    id: 'list-overdue-warnings',
    method: 'GET',
    path: '/supervision/warnings/overdue',
    function: 'household-query',
    callers: ['supervision'],
    ownDepartmentOnly: false,
    body: 'none',
    query: overdueWarningsQuery,
    audit: { kind: 'read', purpose: 'supervision: overdue warnings (超期督办)' },
  }),
  // Policy is public: every department may read the parameters in force. Civil affairs (the
  // bureau administers the policy) changes them; supervision reads the trail and may measure.
  defineRoute({
    id: 'read-policy',
    method: 'GET',
    path: '/policy/parameters',
    function: 'policy-admin',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: false,
    body: 'none',
    query: policyParametersQuery,
  }),
  defineRoute({
    id: 'change-policy',
    method: 'POST',
    path: '/policy/changes',
    function: 'policy-admin',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(policyChangeRequest, policyChangeRefusal),
    audit: { kind: 'decision', purpose: 'change policy parameters' },
  }),
  defineRoute({
    id: 'read-policy-changes',
    method: 'GET',
    path: '/policy/changes',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  }),
  defineRoute({
    id: 'what-if',
    method: 'POST',
    path: '/policy/what-if',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: jsonBody(whatIfRequest, policyChangeRefusal),
    audit: { kind: 'read', purpose: 'measure a policy proposal over every assessed household' },
  }),
  // A what-if too long for one call runs as a job: its progress, then its report (counts only).
  defineRoute({
    id: 'read-what-if',
    method: 'GET',
    path: '/policy/what-if/{jobId}',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
  }),
  // 分类审核认定: the latest assessment and each decision, every check with the policy row behind it.
  defineRoute({
    id: 'read-assessment',
    method: 'GET',
    path: '/households/{householdId}/assessment',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'case handling: the latest assessment (家庭经济状况)' },
  }),
  defineRoute({
    id: 'read-recognition-decisions',
    method: 'GET',
    path: '/households/{householdId}/decisions',
    function: 'household-query',
    callers: CASE_READERS,
    ownDepartmentOnly: false,
    body: 'none',
    query: recognitionDecisionsQuery,
    audit: { kind: 'read', purpose: 'case handling: recognition decisions and their reasons (认定决定)' },
  }),
  // 运维: civil affairs runs the hourly deadline sweeps now (operations, tests, catching up); the same use case as the schedule.
  defineRoute({
    id: 'run-sweep',
    method: 'POST',
    path: '/operations/sweeps',
    function: 'overdue-escalation',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(sweepRequest, { code: 'InvalidSweepRequest', message: 'the sweep request is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'run the deadline sweeps now (立即运行到期清理)' },
  }),
  // 容错纠错: the department that answered corrects its answer; the original stays on record.
  defineRoute({
    id: 'correct-answer',
    method: 'POST',
    path: '/departments/{department}/warnings/{warningId}/corrections',
    function: 'feedback-intake',
    callers: WARNING_RECIPIENTS,
    ownDepartmentOnly: { acts: 'correct the answers of' },
    body: jsonBody(outcomeCorrection, { code: 'InvalidCorrection', message: 'the correction is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'correct an answer to a warning (容错纠错)' },
  }),
  // 其他救助帮扶 (三.5): the month's fee-waiver lists civil affairs hands to the providers, and the providers' checks (through civil affairs until they are principals).
  defineRoute({
    id: 'read-waiver-list',
    method: 'GET',
    path: '/waivers/{waiver}/{month}',
    function: 'household-query',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
    query: waiverListQuery,
    audit: { kind: 'read', purpose: '减免名单 a month’s fee-waiver list for a district' },
  }),
  defineRoute({
    id: 'verify-waiver-code',
    method: 'POST',
    path: '/waivers/{waiver}/{month}/verify',
    function: 'household-query',
    callers: ['civil-affairs', 'county-coordination'],
    ownDepartmentOnly: false,
    body: jsonBody(waiverVerification, { code: 'InvalidQuery', message: 'the check is invalid', whole: '(body)' }),
    audit: { kind: 'read', purpose: '减免核验 check a fee-waiver list line read back by a provider' },
  }),
  // 容错纠错: civil affairs corrects a household's latest recognition decision; the decision stays on record.
  defineRoute({
    id: 'correct-decision',
    method: 'POST',
    path: '/households/{householdId}/decisions/{decisionId}/corrections',
    function: 'feedback-intake',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(decisionCorrection, { code: 'InvalidCorrection', message: 'the correction is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'correct a recognition decision (容错纠错)' },
  }),
  // 杜绝人情保关系保 (plan 四.3): civil affairs registers its officers and their own households; supervision reads the register.
  defineRoute({
    id: 'register-officer',
    method: 'POST',
    path: '/officers',
    function: 'policy-admin',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(officerRegistration, { code: 'InvalidOfficer', message: 'the officer registration is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'register an officer and the officer’s own household (经办人员登记)' },
  }),
  defineRoute({
    id: 'list-officers',
    method: 'GET',
    path: '/officers',
    function: 'policy-admin',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
    query: officersQuery,
    audit: { kind: 'read', purpose: 'the officer register (经办人员名单)' },
  }),
  // 服务类社会救助: civil affairs assesses care needs and buys services; the provider reports deliveries.
  defineRoute({
    id: 'record-care-assessment',
    method: 'POST',
    path: '/households/{householdId}/care-assessments',
    function: 'feedback-intake',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(careAssessmentRequest, { code: 'InvalidCareAssessment', message: 'the care-needs assessment is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'record a care-needs assessment (照护需求评估)' },
  }),
  defineRoute({
    id: 'place-service-order',
    method: 'POST',
    path: '/service-orders',
    function: 'feedback-intake',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(serviceOrderRequest, { code: 'InvalidServiceOrder', message: 'the service order is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'order a care service from a provider (政府购买服务)' },
  }),
  defineRoute({
    id: 'list-service-orders',
    method: 'GET',
    path: '/service-orders',
    function: 'household-query',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
    query: serviceOrdersQuery,
    audit: { kind: 'read', purpose: 'service orders (购买服务订单)' },
  }),
  // The provider signs as its organisation (service-provider role, PARTNERS.md): its own orders, masked.
  defineRoute({
    id: 'list-provider-orders',
    method: 'GET',
    path: '/provider/orders',
    function: 'household-query',
    callers: ['service-provider'],
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'a provider’s own service orders (服务机构订单)' },
  }),
  defineRoute({
    id: 'report-service-delivery',
    method: 'POST',
    path: '/provider/orders/{orderId}/deliveries',
    function: 'feedback-intake',
    callers: ['service-provider'],
    ownDepartmentOnly: false,
    body: jsonBody(deliveryReport, { code: 'InvalidDeliveryReport', message: 'the delivery report is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'report a service delivery (服务记录)' },
  }),
  // 社会力量登记: civil affairs registers the partner organisations (charities, service providers); each then signs as its kind's role.
  defineRoute({
    id: 'register-partner',
    method: 'POST',
    path: '/partners',
    function: 'partner-gateway',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(partnerRegistration, { code: 'InvalidPartner', message: 'the partner registration is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'register a partner organisation (社会力量登记)' },
  }),
  defineRoute({
    id: 'list-partners',
    method: 'GET',
    path: '/partners',
    function: 'partner-gateway',
    callers: ['civil-affairs', 'supervision'],
    ownDepartmentOnly: false,
    body: 'none',
    query: partnersQuery,
  }),
  // A partner reads its own registration: the simplest proof that it signs as the organisation it is.
  defineRoute({
    id: 'read-own-partner',
    method: 'GET',
    path: '/partners/me',
    function: 'partner-gateway',
    callers: PARTNER_KINDS,
    ownDepartmentOnly: false,
    body: 'none',
  }),
  // 慈善帮扶 (plan 三.6): charities publish offers; civil affairs records households' consent; matches reach the charity masked.
  defineRoute({
    id: 'publish-charity-offer',
    method: 'POST',
    path: '/charity/offers',
    function: 'partner-gateway',
    callers: ['charity'],
    ownDepartmentOnly: false,
    body: jsonBody(charityOffer, { code: 'InvalidCharityOffer', message: 'the offer is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'publish a charity offer (发布慈善供给)' },
  }),
  defineRoute({
    id: 'list-charity-offers',
    method: 'GET',
    path: '/charity/offers',
    function: 'partner-gateway',
    callers: ['charity'],
    ownDepartmentOnly: false,
    body: 'none',
  }),
  defineRoute({
    id: 'record-charity-consent',
    method: 'POST',
    path: '/households/{householdId}/charity-consent',
    function: 'partner-gateway',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: jsonBody(charityConsent, { code: 'InvalidCharityConsent', message: 'the consent is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'record a household’s consent to charity matching (慈善帮扶授权)' },
  }),
  defineRoute({
    id: 'run-charity-matching',
    method: 'POST',
    path: '/charity/matching',
    function: 'partner-gateway',
    callers: ['civil-affairs'],
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'decision', purpose: 'match needs with charity offers now (供需匹配)' },
  }),
  defineRoute({
    id: 'list-charity-matches',
    method: 'GET',
    path: '/charity/matches',
    function: 'partner-gateway',
    callers: ['charity'],
    ownDepartmentOnly: false,
    body: 'none',
    audit: { kind: 'read', purpose: 'charity help: the organisation’s masked matches (慈善匹配)' },
  }),
  defineRoute({
    id: 'report-charity-delivery',
    method: 'POST',
    path: '/charity/matches/{matchId}/delivery',
    function: 'partner-gateway',
    callers: ['charity'],
    ownDepartmentOnly: false,
    body: jsonBody(charityDelivery, { code: 'InvalidCharityDelivery', message: 'the delivery report is invalid', whole: '(body)' }),
    audit: { kind: 'decision', purpose: 'report a charity delivery (慈善交付)' },
  }),
];

export const API_ROUTES: readonly ApiRoute[] = DECLARED;

/** The routes as declared, each with its own id, function and body type. */
export type DeclaredRoute = (typeof DECLARED)[number];
export type ApiRouteId = DeclaredRoute['id'];
/** What a route's body is once parsed: its schema's output, or nothing. */
export type BodyOf<R> = R extends { body: RouteBody<infer T> } ? T : undefined;

/** The route a request was made on, by API Gateway's resource (the path template) and method. */
export function routeOf(method: string, resource: string): ApiRoute | undefined {
  return API_ROUTES.find((r) => r.method === method && r.path === resource);
}

export function routeById(id: ApiRouteId): ApiRoute {
  const route = API_ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`no API route ${id}`);
  return route;
}

/**
 * The resource paths a recipient may invoke, with its own department filled in and other
 * parameters as `*` — the shape of an execute-api:Invoke resource.
 */
export function invokablePaths(recipient: Caller): { method: string; path: string }[] {
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
