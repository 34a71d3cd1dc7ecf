import type * as z from 'zod';
import { outcomeCorrection } from '../domain/correction';
import { decisionCorrection } from '../domain/correction-decision';
import { warningOutcome } from '../domain/outcome';
import { DEPARTMENTS, WARNING_RECIPIENTS, type Department } from '../domain/departments';
import { RECORD_TYPES, RECORD_TYPE_CODES, recordTypesOf } from '../records/catalogue';
import { RECORD_EXAMPLES } from '../records/examples';
import { MAX_RECORDS_PER_BATCH, submissionBatch } from '../records/batch';
import { personQuery } from '../records/person-query';
import { workItemV1 } from '../../events/work-item.v1';
import workItemSample from '../../events/samples/WarningWorkItem.v1.json';
import { API_ROUTES, sweepRequest, type ApiRoute, type ApiRouteId } from './api';
import { careAssessmentRequest, deliveryReport, ORDER_ID_PATTERN, serviceOrderRequest } from '../domain/service-assistance';
import { policyChangeRequest, whatIfRequest } from '../domain/policy/policy-change';
import { WAIVER_CODES } from '../domain/waivers';
import { auditDayAnswer } from '../domain/supervision/verify-day';
import * as answers from './answers';
import { ANSWER_EXAMPLES } from './answer-examples';
import { ERROR_CODES, errorExample, refusalsOf, type ErrorCode } from './error-codes';
import { jsonSchemaOf, withIdentityNumberRule, type JsonSchema } from './schema-docs';
import {
  PARTNER_ANSWER_SCHEMAS,
  PARTNER_PATH_EXAMPLES,
  PARTNER_PATH_PARAMETERS,
  PARTNER_REQUEST_SCHEMAS,
  PARTNER_ROUTE_DOCS,
  PARTNER_TAG,
  partnerRequestBody,
} from './openapi-partners';

/**
 * The OpenAPI 3.1 document of the platform's API, generated from the same zod schemas that
 * validate requests (shared/records, shared/domain) and shape answers (answers.ts), with the
 * error codes as the code sends them (error-codes.ts) and an example of every request body,
 * answer and refusal. Served by the local platform at /openapi.json; `npm run docs` writes it to
 * docs/openapi.json, which `npm test` lints with Redocly's recommended rules.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The answers' schemas, by component name. */
const ANSWER_SCHEMAS: Record<string, z.ZodType> = {
  SubmissionReceipt: answers.submissionReceipt,
  SubmissionStatus: answers.submissionStatus,
  AcknowledgementReceipt: answers.acknowledgementReceipt,
  AnswerReceipt: answers.answerReceipt,
  CorrectionReceipt: answers.correctionReceipt,
  DepartmentWarningList: answers.departmentWarningList,
  OverdueWarningList: answers.overdueWarningList,
  WarningDetail: answers.warningDetail,
  AssistanceChain: answers.assistanceChain,
  NeedsList: answers.needsList,
  HappinessList: answers.happinessList,
  PersonQueryAnswer: answers.personQueryAnswer,
  ProjectList: answers.projectList,
  MonthlyStatistics: answers.monthlyStatistics,
  DisclosureList: answers.disclosureList,
  AuditDay: auditDayAnswer,
  PolicyParameters: answers.policyParameters,
  PolicyChange: answers.policyChange,
  PolicyChanges: answers.policyChanges,
  WhatIfJob: answers.whatIfJob,
  HouseholdAssessment: answers.householdAssessment,
  RecognitionDecisions: answers.recognitionDecisions,
  DecisionCorrectionReceipt: answers.decisionCorrectionReceipt,
  SweepRun: answers.sweepRun,
  WaiverList: answers.waiverListAnswer,
  WaiverVerification: answers.waiverVerificationAnswer,
  OfficerRegistered: answers.officerRegistered,
  OfficerList: answers.officerList,
  CareAssessmentReceipt: answers.careAssessmentReceipt,
  ServiceOrderReceipt: answers.serviceOrderReceipt,
  ServiceOrderList: answers.serviceOrderList,
  ProviderOrderList: answers.providerOrderList,
  DeliveryReceipt: answers.deliveryReceipt,
  ...PARTNER_ANSWER_SCHEMAS,
};

type Example = { summary: string; value: unknown };
interface Success {
  status: 200 | 202;
  schema: keyof typeof ANSWER_SCHEMAS;
  description: string;
  examples: Record<string, Example>;
  headers?: Record<string, unknown>;
}

const E = ANSWER_EXAMPLES;
const one = (summary: string, value: unknown): Record<string, Example> => ({ example: { summary, value } });

/** What each route is, for people: its tag, summary (Chinese and English) and what it answers. */
const ROUTE_DOCS: Record<ApiRouteId, { tag: string; summary: string; description: string; success: Success[] }> = {
  'submit-records': {
    tag: 'submissions',
    summary: '报送记录 Submit a batch of records',
    description:
      `Up to ${MAX_RECORDS_PER_BATCH} records of the department’s own record types (see each type’s schema). The batch is idempotent on its \`batchId\`: the first request that keeps it answers 202, the same batch sent again 200 with \`replayed: true\` and publishes nothing twice; ` +
      'the same `batchId` with other records is refused (409 BatchIdReused). A refused batch stores nothing; every problem names the record’s index, its `recordId` and the field. ' +
      'Keep the `submissionId` of the receipt to read the submission’s status. `npx lim submit --department <d> <file>` validates a spreadsheet, CSV or JSON file locally first and sends it in batches.',
    success: [
      {
        status: 202,
        schema: 'SubmissionReceipt',
        description: '已受理 accepted: the records are on their way to the indicators',
        examples: one('accepted', E.submissionReceipt),
      },
      {
        status: 200,
        schema: 'SubmissionReceipt',
        description: '重复提交 the same batch again: nothing new stored or published',
        examples: one('sent again', { ...E.submissionReceipt, replayed: true }),
      },
    ],
  },
  'read-submission': {
    tag: 'submissions',
    summary: '报送状态 Read a submission’s status',
    description:
      'How far each record of one of the department’s own submissions got: `accepted` until every function that takes its record type has evaluated it, then `evaluated`, with the warnings whose evidence names it (id, indicator, the departments they go to). ' +
      'The submission is `evaluating` while some records are. Another department’s submission, or an unknown id, answers 404. Submissions are kept 35 days. `npx lim status <submission-id> --department <d>`.',
    success: [
      {
        status: 200,
        schema: 'SubmissionStatus',
        description: '报送状态 the submission’s status',
        examples: one('a death batch evaluated: one warning raised', E.submissionStatus),
      },
    ],
  },
  'answer-warning': {
    tag: 'warnings',
    summary: '反馈处置结果 Answer a warning',
    description:
      'The department’s outcome for a warning routed to it (see `WarningOutcome` for every kind). Idempotent on the caller and the warning: the same answer again gets the first receipt (`replayed`); another body while the first is remembered (25 hours) 409 IdempotencyKeyReused, after that 409 AlreadyAnswered. ' +
      '`npx lim answer <warning-id> --department <d> --outcome <kind> …`.',
    success: [{ status: 200, schema: 'AnswerReceipt', description: '已记录 recorded', examples: one('allowance ended', E.answerReceipt) }],
  },
  'acknowledge-warning': {
    tag: 'warnings',
    summary: '签收预警 Take a warning in hand',
    description: 'Records that the department has taken the warning in hand (no body). Sent again, it changes nothing.',
    success: [{ status: 200, schema: 'AcknowledgementReceipt', description: '已签收 acknowledged', examples: one('taken in hand', E.acknowledgementReceipt) }],
  },
  'read-assistance-chain': {
    tag: 'households',
    summary: '救助链 Read a household’s assistance chain',
    description:
      'The household as the database holds it, its warnings with their outcomes, and every chain entry in time order (一户一条救助链). Audited: the read is written to the audit trail with the caller’s officer.',
    success: [{ status: 200, schema: 'AssistanceChain', description: '救助链 the chain', examples: one('a dibao household after a death', E.assistanceChain) }],
  },
  'read-needs-list': {
    tag: 'households',
    summary: '需求清单 Read a household’s needs list',
    description: 'Every open warning of the household: what must be done, by whom, by when. Audited.',
    success: [{ status: 200, schema: 'NeedsList', description: '需求清单 the needs list', examples: one('one open warning', E.needsList) }],
  },
  'read-happiness-list': {
    tag: 'households',
    summary: '幸福清单 Read a household’s happiness list',
    description: 'The assistance actually delivered: allowances, and programmes granted in answers. Audited.',
    success: [
      { status: 200, schema: 'HappinessList', description: '幸福清单 the happiness list', examples: one('a premium subsidy granted', E.happinessList) },
    ],
  },
  'query-person': {
    tag: 'households',
    summary: '信息查询 Check a person against the database',
    description:
      'The identity number goes in the body, never the URL; the answer is shaped by the caller’s duties (civil affairs, county coordination and supervision see the household and the person’s chain; justice legal-aid eligibility; the others whether and in which category). ' +
      'Audited: the stated purpose is kept only as a keyed MAC.',
    success: [
      {
        status: 200,
        schema: 'PersonQueryAnswer',
        description: '查询结果 the answer',
        examples: {
          caseReader: { summary: 'civil affairs', value: E.personQueryCaseReader },
          justice: { summary: 'justice', value: E.personQueryJustice },
          other: { summary: 'another department, a person not in the database', value: E.personQueryOther },
        },
      },
    ],
  },
  'read-project-list': {
    tag: 'reference',
    summary: '项目清单 Read the project list',
    description: 'The assistance programmes by department and layer: the codes an `enrolled` answer names.',
    success: [{ status: 200, schema: 'ProjectList', description: '项目清单 the project list', examples: one('the first programmes', E.projectList) }],
  },
  'read-statistics': {
    tag: 'statistics',
    summary: '月度统计 Read a month’s statistics',
    description:
      'Warnings raised and answered by indicator, department and district, handling time, overdue rate, assistance by programme and district, services by kind and district, and charity matching by need kind and district (`charityByKindAndDistrict`: matches in the month made, deliveries, fen and quantity in the month delivered; each counted once).',
    success: [{ status: 200, schema: 'MonthlyStatistics', description: '月度统计 the month', examples: one('November', E.monthlyStatistics) }],
  },
  'read-disclosure': {
    tag: 'statistics',
    summary: '公示 Read the month’s public disclosure',
    description:
      'Allowances started and assistance granted in the month, each with the masked identity number of the head of household: what may be posted publicly, nothing more.',
    success: [{ status: 200, schema: 'DisclosureList', description: '公示名单 the list', examples: one('one district', E.disclosureList) }],
  },
  'list-department-warnings': {
    tag: 'warnings',
    summary: '待办预警 List the department’s own warnings',
    description:
      'The warnings routed to the department, newest first: open (not yet answered by it), overdue (open and past due) or answered; filtered by indicator and district; a page at a time with the opaque `next` token. Each call is written to the audit trail.',
    success: [
      {
        status: 200,
        schema: 'DepartmentWarningList',
        description: '待办预警 a page of the list',
        examples: one('one open death warning', E.departmentWarningList),
      },
    ],
  },
  'read-warning': {
    tag: 'warnings',
    summary: '预警详情 Read a warning',
    description:
      'One warning with its indicator version and the parameters in force when it was raised, its evidence (identity numbers masked, people by reference), and each recipient’s push, acknowledgement and answer. A recipient reads it through its own path; supervision reads any. A warning not routed to the caller answers 404, as one that does not exist. Each call is written to the audit trail.',
    success: [{ status: 200, schema: 'WarningDetail', description: '预警详情 the warning', examples: one('a death warning answered', E.warningDetail) }],
  },
  'list-overdue-warnings': {
    tag: 'supervision',
    summary: '超期督办 List the open warnings past due',
    description:
      'Open warnings past their due time, district by district (earliest due first), optionally of one district or routed to one department; a page at a time with the opaque `next` token. Supervision only; each call is written to the audit trail.',
    success: [
      { status: 200, schema: 'OverdueWarningList', description: '超期预警 a page of the list', examples: one('one late answer', E.overdueWarningList) },
    ],
  },
  'read-audit-trail': {
    tag: 'supervision',
    summary: '审计日志 Read and verify a day of the audit trail',
    description: auditDayAnswer.description ?? 'One UTC day of the audit trail, verified against its signed tree heads.',
    success: [{ status: 200, schema: 'AuditDay', description: '审计日志 the day, verified', examples: one('an intact day', E.auditDay) }],
  },
  'read-policy': {
    tag: 'policy',
    summary: '政策参数 Read the parameters in force',
    description: 'The policy parameters in force on a day for a district, and the policy version.',
    success: [{ status: 200, schema: 'PolicyParameters', description: '政策参数 the parameters', examples: one('the dibao standard', E.policyParameters) }],
  },
  'change-policy': {
    tag: 'policy',
    summary: '参数调整 Change policy parameters',
    description:
      'Rows put over the policy book, against the version the administrator read (409 PolicyVersionMoved if it moved); the rows and the audit entry are written at once. Functions see the change within POLICY_CACHE_SECONDS.',
    success: [
      {
        status: 200,
        schema: 'PolicyChange',
        description: '已调整 the change, as the trail keeps it',
        examples: one('the 2027 dibao standard', E.policyChange),
      },
    ],
  },
  'read-policy-changes': {
    tag: 'policy',
    summary: '参数调整记录 Read the trail of policy changes',
    description: 'Every change, oldest first, with who, when, why, and the old and new values.',
    success: [{ status: 200, schema: 'PolicyChanges', description: '调整记录 the trail', examples: one('one change', { changes: [E.policyChange] }) }],
  },
  'what-if': {
    tag: 'policy',
    summary: '测算 Measure a policy proposal',
    description:
      'Re-classifies every assessed household under the proposal, writing nothing but the job. Done within the wait (WHAT_IF_WAIT_SECONDS): 200 with the report; otherwise 202 with the job, and GET its `location`.',
    success: [
      { status: 200, schema: 'WhatIfJob', description: '测算完成 done: the report', examples: one('done', E.whatIfDone) },
      {
        status: 202,
        schema: 'WhatIfJob',
        description: '测算进行中 still running: GET the location for the progress and the report',
        examples: one('running', E.whatIfRunning),
        headers: { location: { description: 'the job: GET it', schema: { type: 'string' } } },
      },
    ],
  },
  'read-what-if': {
    tag: 'policy',
    summary: '测算任务 Read a what-if job',
    description: 'The job’s progress while it runs, the report once done, or why it failed. Jobs are kept 72 hours.',
    success: [
      {
        status: 200,
        schema: 'WhatIfJob',
        description: '测算任务 the job',
        examples: {
          done: { summary: 'done', value: E.whatIfDone },
          running: { summary: 'running', value: E.whatIfRunning },
          failed: { summary: 'failed: the policy moved meanwhile', value: E.whatIfFailed },
        },
      },
    ],
  },
  'read-assessment': {
    tag: 'households',
    summary: '家庭经济状况 Read a household’s latest assessment',
    description:
      'The latest economic-status investigation of the household (一次申请、分类审核认定): its members by person reference with their income, assets and spending in fen, every check of every category with its value, threshold and result, ' +
      'its reason in Chinese and English, and the policy row that set its threshold (parameter, district or city-wide, effective dates, the change version that wrote it) as it was when decided; and the category it led to. ' +
      'An assessment kept before checks were stored answers `explained: false` with no reviews. Audited.',
    success: [
      {
        status: 200,
        schema: 'HouseholdAssessment',
        description: '家庭经济状况 the latest assessment',
        examples: one('dibao under Yuelu’s own standard', E.householdAssessment),
      },
    ],
  },
  'read-recognition-decisions': {
    tag: 'households',
    summary: '认定决定 Read a household’s recognition decisions',
    description:
      'Every classified review of the household, latest investigation first, a page at a time (`limit`, `next`): the category decided, its reasons in Chinese and English (why each category checked before it was not, and every check of the one decided), ' +
      'and each check with the policy row it was measured against, as the row was on the day: a later policy change does not rewrite an old decision. Audited.',
    success: [
      { status: 200, schema: 'RecognitionDecisions', description: '认定决定 a page of decisions', examples: one('one dibao decision', E.recognitionDecisions) },
    ],
  },
  'run-sweep': {
    tag: 'operations',
    summary: '立即运行到期清理 Run the deadline sweeps now',
    description:
      'Runs now what overdue-escalation runs every hour, with the same use case: open warnings past due are escalated to supervision (IND-15), allowances whose gradual exit (渐退) is over end, emergency cases whose documents are overdue are flagged (IND-18), and officers who decided far more of a district’s approvals than its share over the period are flagged to supervision (IND-28, once per officer and period). ' +
      'All by default, or those named in `sweeps`; deadlines are measured as of now, or as of an earlier `asOf` (to catch up). The answer lists what each sweep did, by warning, household and case id, and how long the run took. ' +
      'Idempotent by nature: every step does its work once, so a second run right after finds nothing more to do, and no Idempotency-Key is needed. Each run is written to the audit trail as a decision. ' +
      'A run longer than the API’s 29 s answers 504 while the function goes on (up to 120 s): send it again for what is left.',
    success: [{ status: 200, schema: 'SweepRun', description: '已运行 the run’s report', examples: one('one of each', E.sweepRun) }],
  },
  'read-waiver-list': {
    tag: 'households',
    summary: '减免名单 Read a month’s fee-waiver list',
    description:
      'The people of one district entitled to a fee waiver (其他救助帮扶: childcare, water, electricity, gas, television, funeral, public-transport) in a month, as the provider receives them: masked identity number, category and a 10-character verification code each, never a name or a full number. ' +
      'Who is entitled is policy in force on the month’s first day (`waiver.<waiver>.categories`, childcare also `waiver.childcare.maxAgeMonths`; funeral lists the deaths recorded in the month). A page is up to `limit` households (default 100), `next` for the rest. Audited.',
    success: [{ status: 200, schema: 'WaiverList', description: '减免名单 a page of the list', examples: one('water, Wangcheng, two lines', E.waiverList) }],
  },
  'verify-waiver-code': {
    tag: 'households',
    summary: '减免核验 Check a fee-waiver list line',
    description:
      'A provider reads back a line (through civil affairs or county coordination until providers are principals): entitled only if a person with that masked number is on the month’s list, in any district, and the code is theirs. ' +
      'A wrong code, a person not on the list and a code of another month or waiver all answer `entitled: false` alike. Codes stay checkable after a key rotation. Audited. No Idempotency-Key: it changes nothing.',
    success: [{ status: 200, schema: 'WaiverVerification', description: '核验结果 the result', examples: one('entitled', E.waiverVerification) }],
  },
  'correct-answer': {
    tag: 'warnings',
    summary: '容错纠错 Correct an answer',
    description:
      'The department that answered a warning corrects its answer (容错纠错, without blame): the corrected outcome (same schema as an answer), the objective cause (`misreported-income` 申报收入不实, `inaccurate-shared-data` 共享数据不准确, `emergency` 突发情况, `other-objective` 其他客观原因), why, and the officer. ' +
      'The original answer stays on record and in the chain; a `correction` chain entry names it, and what it changed is redone from the corrected outcome: an allowance ended by mistake is paid again from the day it ended (`assistance-restored`), an adjusted amount is replaced or put back. ' +
      'Corrects answers of assistance-ended, assistance-adjusted, no-action-needed, not-eligible, enrolled, transferred and referred-to-county-coordination, and gives one of the first four. ' +
      'Correcting `enrolled` withdraws the grant (marked withdrawn on the month’s disclosure list, counted out of `granted`); `transferred` puts the category before the transfer back (409 `PriorCategoryUnknown` for a transfer answered before it was kept); `referred-to-county-coordination` withdraws the referral while county coordination has not answered (409 `ReferralAnswered` once it has); the receipt’s `undid` says which. A correction of a correction is a further correction (`sequence` 2, …). The month’s statistics count `corrections` and `corrections#<cause>`. Audited as a decision. ' +
      'Idempotent: the same correction again gets the first receipt (`replayed`); to send a different correction of the same warning within 25 hours, name it with an `Idempotency-Key` header.',
    success: [
      {
        status: 200,
        schema: 'CorrectionReceipt',
        description: '已更正 corrected',
        examples: one('an allowance ended by mistake, restored', E.correctionReceipt),
      },
    ],
  },
  'correct-decision': {
    tag: 'households',
    summary: '容错纠错 Correct a recognition decision',
    description:
      'Civil affairs corrects the household’s latest classified review (容错纠错, without blame): the category it should have had (`null`: refused), optionally the per-capita income as actually found (`correctedInputs`), the day it takes effect (default today, not before the investigation), the objective cause (`misreported-income` 申报收入不实, `inaccurate-shared-data` 共享数据不准确, `emergency` 突发情况, `other-objective` 其他客观原因), why, and the officer. ' +
      'The decision stays as it was and is listed with its corrections (`GET /households/{householdId}/decisions`). What follows is redone, with the correction and the chain entries, in one transaction: a refusal corrected to DIBAO or TEKUN enrols the household (the allowance from the dibao standard: DIBAO the gap to the standard for each member, TEKUN the standard for each member; a household in its gradual exit simply continues), posted on the month’s disclosure list and counted as one more `granted`; a grant corrected to a refusal ends the allowance through the policy’s gradual exit (渐退, `dibao.gradualExitMonths`). ' +
      'The month’s statistics count `corrections` and `corrections#<cause>`; CorrectionRecorded.v1 is published once. Audited as a decision. ' +
      'Idempotent: the same correction again gets the first receipt (`replayed`); to send a different correction of the same decision within 25 hours, name it with an `Idempotency-Key` header.',
    success: [
      {
        status: 200,
        schema: 'DecisionCorrectionReceipt',
        description: '已更正 corrected',
        examples: one('a refusal on misreported income, corrected to DIBAO', E.decisionCorrectionReceipt),
      },
    ],
  },
  'register-officer': {
    tag: 'supervision',
    summary: '经办人员登记 Register an officer',
    description:
      'Civil affairs registers a staff member, village or community officer (杜绝人情保关系保, plan 四.3) by the session name the officer signs with, with the identity numbers of the officer and of the officer’s own household. ' +
      'The numbers are pseudonymized at the edge into person references, as records’ are: never stored, logged or answered in clear (the answer shows masked numbers). ' +
      'From then on a recognition decision, a roll entry or an answer made by the officer on a household of which the officer, or a member of the officer’s household, is a member raises IND-27 to supervision. ' +
      'Registering again replaces the registration (the household list is the new one; audited as a decision); the same registration again changes nothing. ' +
      'Each registration also checks the households the officer had already decided (`checkedAfterTheFact`) and raises IND-27 for those it finds.',
    success: [
      {
        status: 200,
        schema: 'OfficerRegistered',
        description: '已更新 replaced, or the same again',
        examples: one('re-registered with a household member added', E.officerReplaced),
      },
    ],
  },
  'list-officers': {
    tag: 'supervision',
    summary: '经办人员名单 The officer register',
    description:
      'The registered officers of one district (or every district), for civil affairs and supervision: role, place, active dates and masked identity numbers of the officer and the officer’s household; never a number in clear. Audited read.',
    success: [{ status: 200, schema: 'OfficerList', description: '名单 the officers', examples: one('a community officer in Yuelu', E.officerList) }],
  },
  'record-care-assessment': {
    tag: 'services',
    summary: '照护需求评估 Record a care-needs assessment',
    description:
      'Civil affairs records the self-care ability of a member (by `personRef`, as the chain and person query give it) of a low-income household: group (elderly 老年人, minor 未成年人, disabled 残疾人, seriously-ill 重病患者), level (能力完好 intact, 轻度失能 mild, 中度失能 moderate, 重度失能 severe, 完全失能 total), day and the assessor’s staff number. ' +
      'The rule reads `service.hoursPerMonth.<level>` and `service.kinds.<group>` as in force on the day of the assessment for the household’s district: a level with hours raises a service need (需求清单, `GET /households/{householdId}/needs` `services`), with its kinds and hours a month, and a `care-assessed` chain entry. ' +
      'One assessment per member and day: the same one again is a replay (`replayed`), a different one is refused (409). Audited as a decision.',
    success: [
      {
        status: 200,
        schema: 'CareAssessmentReceipt',
        description: '已记录 recorded',
        examples: one('a severely impaired grandmother', E.careAssessmentReceipt),
      },
    ],
  },
  'place-service-order': {
    tag: 'services',
    summary: '下达服务订单 Order a care service from a provider',
    description:
      'Government-purchased service (政府购买服务): civil affairs orders, for a service need, one of its kinds from a contracted provider (unified social credit code), hours a month (no more than the need gives), the price per hour in fen and the period (from the assessment day on). ' +
      'The order enters the chain (`service-ordered`); its id is fixed by the need, provider, kind and period, so the same order again is a replay. The provider then reads it at `GET /provider/orders` and reports each day’s service. Audited as a decision.',
    success: [
      { status: 200, schema: 'ServiceOrderReceipt', description: '已下达 placed', examples: one('daily-living care for six months', E.serviceOrderReceipt) },
    ],
  },
  'list-service-orders': {
    tag: 'services',
    summary: '服务订单 Service orders',
    description:
      'Civil affairs (and supervision) list the orders of one provider (`provider`), or those of a district (`district`) or of every district, latest period first. Audited as a read.',
    success: [{ status: 200, schema: 'ServiceOrderList', description: '订单 the orders', examples: one('one provider’s orders', E.serviceOrderList) }],
  },
  'list-provider-orders': {
    tag: 'services',
    summary: '本机构订单 A provider’s own orders',
    description:
      'A provider’s orders, minimal and masked: the order, its district, kind, hours, price and period, and the member by a reference of the provider’s own (`memberRef`); no name, identity number, household or address.',
    success: [{ status: 200, schema: 'ProviderOrderList', description: '本机构订单 the provider’s orders', examples: one('one order', E.providerOrderList) }],
  },
  'report-service-delivery': {
    tag: 'services',
    summary: '报告服务 Report a day’s service',
    description:
      'The provider reports a day’s service on its own order: the day (within the order’s period, not after today), hours in half-hour steps (no more in a month than the order buys) and a note under the free-text policy. ' +
      'One report per order and day: the same report again is a replay, a different one is refused (409). The delivery enters the happiness list (幸福清单, a `service-delivered` chain entry) and the month’s statistics (`servicesByKindAndDistrict`: deliveries, hours, fen), counted once. ' +
      'A month short of its hours by `service.reportDueDay` of the next month warns civil affairs (IND-25), as does a report more than `service.lateReportDays` after the service (IND-26), from the hourly sweep. Another provider’s order is answered 404.',
    success: [{ status: 200, schema: 'DeliveryReceipt', description: '已记录 recorded', examples: one('two and a half hours of care', E.deliveryReceipt) }],
  },
  ...PARTNER_ROUTE_DOCS,
};

/** What a route is for, in a line (Chinese, English): the department pages list it. */
export const routeSummary = (id: ApiRouteId): string => ROUTE_DOCS[id].summary;

const TAGS = [
  { name: 'submissions', description: '报送 Department records in, and how far they got' },
  { name: 'warnings', description: '预警处置 Answering the warnings each department’s queue receives' },
  { name: 'households', description: '查询 Households and people (audited)' },
  { name: 'statistics', description: '统计与公示 Statistics and public disclosure' },
  { name: 'supervision', description: '数字监督 The audit trail, verified' },
  { name: 'policy', description: '参数管理 Policy parameters and what-if' },
  { name: 'operations', description: '运维 Running the platform’s scheduled work on demand' },
  { name: 'services', description: '服务类社会救助 Care needs, purchased services and their deliveries' },
  { name: 'reference', description: '参考 Reference lists' },
  PARTNER_TAG,
];

/** The path parameters the routes use: their rule and meaning. */
const PATH_PARAMETERS: Record<string, { description: string; schema: JsonSchema }> = {
  department: { description: '部门代码 the caller’s own department', schema: { type: 'string' } },
  submissionId: {
    description: '报送编号 the `submissionId` of the submission receipt',
    schema: { type: 'string', pattern: answers.SUBMISSION_ID_PATTERN.source },
  },
  warningId: { description: '预警编号 the `warning.warningId` of the work item', schema: { type: 'string', pattern: answers.WARNING_ID_PATTERN.source } },
  householdId: { description: '户编号 the household number', schema: { type: 'string', pattern: answers.HOUSEHOLD_ID_PATTERN.source } },
  month: { description: '月份 yyyy-mm', schema: { type: 'string', pattern: answers.MONTH_PATTERN.source } },
  day: { description: '日期 a UTC day, yyyy-mm-dd', schema: { type: 'string', format: 'date' } },
  jobId: { description: '测算任务编号 the what-if job id', schema: { type: 'string', pattern: answers.WHAT_IF_JOB_ID_PATTERN.source } },
  waiver: { description: '减免项目 the waiver', schema: { type: 'string', enum: [...WAIVER_CODES] } },
  decisionId: {
    description: '认定决定编号 the `recordId` of a decision in `GET /households/{householdId}/decisions`',
    schema: { type: 'string', minLength: 3, maxLength: 80 },
  },
  ...PARTNER_PATH_PARAMETERS,
  orderId: { description: '服务订单编号 the service order id', schema: { type: 'string', pattern: ORDER_ID_PATTERN.source } },
};

const PATH_EXAMPLES: Record<string, string> = {
  submissionId: E.submissionReceipt.submissionId,
  warningId: E.answerReceipt.warningId,
  householdId: E.assistanceChain.householdId,
  month: '2026-11',
  day: '2026-11-21',
  jobId: E.whatIfDone.jobId,
  waiver: 'water',
  decisionId: E.decisionCorrectionReceipt.decisionId,
  ...PARTNER_PATH_EXAMPLES,
  orderId: E.serviceOrderReceipt.orderId,
};

function parametersOf(route: ApiRoute): unknown[] {
  const path = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const known = PATH_PARAMETERS[name!];
    if (!known) throw new Error(`route ${route.id}: path parameter ${name} is not described in PATH_PARAMETERS`);
    const schema = name === 'department' ? { type: 'string', enum: route.callers } : known.schema;
    const example = name === 'department' ? route.callers[0] : PATH_EXAMPLES[name!];
    return { name, in: 'path', required: true, description: known.description, schema, example };
  });
  const querySchema = route.query ? jsonSchemaOf(route.query, 'input') : undefined;
  const required = new Set((querySchema?.required ?? []) as string[]);
  const query = Object.entries((querySchema?.properties ?? {}) as Record<string, JsonSchema>).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema,
  }));
  const headers = [
    {
      name: 'Accept-Language',
      in: 'header',
      required: false,
      description: '`zh-CN` (default) or `en`: which language comes first in the messages of a refusal. 错误信息中文在前（默认）或英文在前。',
      schema: { type: 'string', examples: ['zh-CN', 'en'] },
    },
    ...(route.audit
      ? [
          {
            name: 'x-purpose',
            in: 'header',
            required: false,
            description:
              '查询目的 why the caller reads or decides (free text, 1–200 characters, no names or numbers); kept in the audit trail only as a keyed MAC. The person query states it in its body.',
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ]
      : []),
  ];
  return [...path, ...query, ...headers];
}

/** A batch example for each department: one record of each of its types. */
function batchExamples(): Record<string, Example> {
  return Object.fromEntries(
    (Object.keys(DEPARTMENTS) as Department[]).map((d) => [
      d,
      { summary: `${DEPARTMENTS[d]} ${d}`, value: { batchId: `${d}-2026-11-21-001`, records: recordTypesOf(d).map((t) => RECORD_EXAMPLES[t]) } },
    ]),
  );
}

/** An answer of every kind, realistic. */
export const OUTCOME_EXAMPLES: Record<string, Example> = {
  'assistance-ended': {
    summary: '终止待遇 the allowance ends (a death)',
    value: {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: '受助人已于 2026-11-20 死亡，自次月起停发',
      handledBy: 'MZ-YL-0107',
    },
  },
  'assistance-adjusted': {
    summary: '调整待遇 the allowance changes',
    value: {
      outcome: 'assistance-adjusted',
      programme: 'dibao-allowance',
      monthlyAmountFen: 75_000,
      effectiveFrom: '2026-12-01',
      reason: '家庭人口减少一人，按一人核定',
      handledBy: 'MZ-YL-0107',
    },
  },
  enrolled: {
    summary: '纳入救助 enrolled in a programme',
    value: {
      outcome: 'enrolled',
      programme: 'premium-subsidy',
      amountFen: 40_000,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      reason: '低保对象，全额资助参保',
      handledBy: 'YB-0231',
    },
  },
  'not-eligible': { summary: '不符合条件 not eligible', value: { outcome: 'not-eligible', reason: '核查后家庭收入高于标准', handledBy: 'RS-0412' } },
  transferred: {
    summary: '退出转认定 exit with transfer (IND-16), with consent',
    value: {
      outcome: 'transferred',
      category: 'DIBAO_EDGE',
      effectiveFrom: '2027-01-01',
      consent: { givenOn: '2026-12-20', documentRef: 'TY-430104-2026-0031' },
      reason: '渐退期满，经本人同意转为低保边缘家庭',
      handledBy: 'MZ-YL-0107',
    },
  },
  'referred-to-county-coordination': {
    summary: '提交县级协调机制 referred to county coordination',
    value: { outcome: 'referred-to-county-coordination', reason: '多部门共同帮扶，需一事一议', handledBy: 'MZ-YL-0107' },
  },
  'no-action-needed': {
    summary: '无需处置 no action needed',
    value: { outcome: 'no-action-needed', reason: '已于上月纳入临时救助，无需重复处置', handledBy: 'MZ-YL-0107' },
  },
};

function requestBody(route: ApiRoute): Record<string, unknown> | undefined {
  const body = (schema: unknown, examples: Record<string, Example>) => ({ required: true, content: { 'application/json': { schema, examples } } });
  switch (route.id as ApiRouteId) {
    case 'submit-records':
      return body(ref('SubmissionBatch'), batchExamples());
    case 'answer-warning':
      return body(ref('WarningOutcome'), OUTCOME_EXAMPLES);
    case 'correct-answer':
      return body(
        ref('OutcomeCorrection'),
        one('the death record was about someone else', {
          outcome: { outcome: 'no-action-needed', reason: '受助人健在，死亡记录属另一人', handledBy: 'MZ-YL-0107' },
          cause: 'inaccurate-shared-data',
          reason: '卫健部门更正死亡记录：身份信息匹配有误，恢复低保待遇',
          correctedBy: 'MZ-YL-0107',
        }),
      );
    case 'correct-decision':
      return body(
        ref('DecisionCorrection'),
        one('a refusal on income misreported by an employer', {
          category: 'DIBAO',
          correctedInputs: { perCapitaMonthlyIncomeFen: 80_000 },
          cause: 'misreported-income',
          reason: '用人单位多报工资，经核实月收入为 160000 分',
          correctedBy: 'MZ-YH-0208',
        }),
      );
    case 'query-person':
      return body(
        ref('PersonQuery'),
        one('a legal-aid applicant', { identityNumber: RECORD_EXAMPLES['legal-aid-case'].identityNumber, purpose: '法律援助申请审查 legal-aid application' }),
      );
    case 'change-policy':
      return body(
        ref('PolicyChangeRequest'),
        one('the 2027 dibao standard', {
          expectedVersion: 3,
          reason: '2027 年城乡低保标准调整',
          parameters: [
            {
              name: 'dibao.standardMonthlyFen',
              value: 95_000,
              district: '*',
              effectiveFrom: '2027-01-01',
              effectiveTo: '2027-12-31',
              unit: 'fen per person per month',
              source: '长沙市民政局 2026 年 12 月通知',
            },
          ],
        }),
      );
    case 'what-if':
      return body(
        ref('WhatIfRequest'),
        one('a higher dibao standard', {
          on: '2027-01-15',
          parameters: [
            {
              name: 'dibao.standardMonthlyFen',
              value: 95_000,
              district: '*',
              effectiveFrom: '2027-01-01',
              effectiveTo: '2027-12-31',
              source: '测算方案 proposal',
            },
          ],
        }),
      );
    case 'register-officer':
      return body(
        ref('OfficerRegistration'),
        one('a community officer with a spouse', {
          officerId: 'wang.fang',
          role: 'community-officer',
          district: '430104',
          street: '望月湖街道',
          village: '望月湖社区',
          identityNumber: '430104198105200023',
          householdMembers: [{ identityNumber: '430104198011020056' }],
          activeFrom: '2026-01-01',
        }),
      );
    case 'run-sweep':
      return body(ref('SweepRequest'), {
        all: { summary: '全部清理，截至当前 every sweep, as of now', value: {} },
        catchUp: {
          summary: '补跑超期预警升级 catch up the overdue warnings after an outage',
          value: { sweeps: ['overdue-warnings'], asOf: '2026-12-01T02:00:00.000Z' },
        },
      });
    case 'verify-waiver-code':
      return body(ref('WaiverCheck'), {
        readBack: {
          summary: '供水企业读回的一行 a line the water works reads back',
          value: { maskedIdentityNumber: '430112***********6', code: 'k7m2-qx9t-4b' },
        },
      });
    case 'record-care-assessment':
      return body(
        ref('CareAssessmentRequest'),
        one('a severely impaired grandmother', {
          personRef: E.careAssessmentReceipt.personRef,
          group: 'elderly',
          selfCareLevel: 'severe',
          assessedOn: '2026-11-03',
          assessor: 'MZ-YL-0107',
          note: '卧床，进食、洗澡需他人协助',
        }),
      );
    case 'place-service-order': {
      const o = E.serviceOrderReceipt;
      return body(
        ref('ServiceOrderRequest'),
        one('daily-living care for six months', {
          householdId: o.householdId,
          needId: o.needId,
          provider: o.provider,
          serviceKind: o.serviceKind,
          hoursPerMonth: o.hoursPerMonth,
          pricePerHourFen: o.pricePerHourFen,
          from: o.from,
          to: o.to,
        }),
      );
    }
    case 'report-service-delivery':
      return body(ref('DeliveryReport'), one('two and a half hours of care', { deliveredOn: '2026-11-20', hours: 2.5, note: '协助洗浴、整理房间、陪同散步' }));
    default:
      {
        const partnerBody = partnerRequestBody(route.id);
        if (partnerBody) return partnerBody;
        if (route.body !== 'none') throw new Error(`route ${route.id} takes a body the document does not describe`);
      }
      return undefined;
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求不合规则 invalid input',
  401: '缺少签名 no SigV4 signature',
  403: '无权调用 not allowed',
  404: '不存在 not found',
  409: '冲突 conflict',
  413: '过大 too large',
  422: '与记录不符 contradicts what is on record',
  500: '内部错误 internal error',
  502: '函数失败 the function failed',
  504: '超时 the function timed out',
};

const GATEWAY_EXAMPLES = {
  401: { message: 'Missing Authentication Token' },
  403: {
    message:
      'User: arn:aws-cn:sts::123456789012:assumed-role/lim-prod-health/li.na is not authorized to perform: execute-api:Invoke on resource: POST /departments/civil-affairs/submissions',
  },
  413: { message: 'Request Too Long' },
  502: { message: 'Internal server error' },
  504: { message: 'Endpoint request timed out' },
} as const;

const gatewayErrorType = {
  'x-amzn-ErrorType': {
    description:
      'API Gateway’s error type, e.g. MissingAuthenticationTokenException, IncompleteSignatureException, UnrecognizedClientException, InvalidSignatureException, AccessDeniedException',
    schema: { type: 'string' },
  },
};

/** The refusals of a route by status: each code as the code sends it, an example of each, and the gateway's own. */
function errorResponses(route: ApiRoute): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of refusalsOf(route)) byStatus.set(ERROR_CODES[c].status, [...(byStatus.get(ERROR_CODES[c].status) ?? []), c]);
  const responses: Record<string, unknown> = {};
  const statuses = [...new Set([...byStatus.keys(), 401, 403, 502, 504, ...(route.body !== 'none' ? [413] : [])])].sort((a, b) => a - b);
  for (const status of statuses) {
    const codes = byStatus.get(status) ?? [];
    const gateway =
      status in GATEWAY_EXAMPLES && (status !== 413 || route.body !== 'none') ? GATEWAY_EXAMPLES[status as keyof typeof GATEWAY_EXAMPLES] : undefined;
    const own = codes.length ? { allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'string', enum: codes } } }] } : undefined;
    const schema = own && gateway ? { anyOf: [own, ref('GatewayError')] } : (own ?? ref('GatewayError'));
    const lines = codes.map((c) => `- \`${c}\`: ${ERROR_CODES[c].zh} / ${ERROR_CODES[c].en}`);
    if (gateway)
      lines.push(
        `- API Gateway: \`{"message": ${JSON.stringify(gateway.message)}}\`${status === 401 ? ' (the local platform; API Gateway answers 403 with the same message)' : ''}`,
      );
    const examples: Record<string, Example> = Object.fromEntries(
      codes.map((c) => [c, { summary: `${ERROR_CODES[c].zh} ${ERROR_CODES[c].en}`, value: errorExample(c) }]),
    );
    if (gateway) examples.gateway = { summary: 'API Gateway', value: gateway };
    responses[String(status)] = {
      description: `${STATUS_TEXT[status]}\n\n${lines.join('\n')}`,
      ...(gateway && (status === 401 || status === 403) ? { headers: gatewayErrorType } : {}),
      content: { 'application/json': { schema, examples } },
    };
  }
  return responses;
}

function operation(route: ApiRoute) {
  const doc = ROUTE_DOCS[route.id as ApiRouteId];
  const body = requestBody(route);
  const success = Object.fromEntries(
    doc.success.map((s) => [
      String(s.status),
      {
        description: s.description,
        ...(s.headers ? { headers: s.headers } : {}),
        content: { 'application/json': { schema: ref(s.schema), examples: s.examples } },
      },
    ]),
  );
  return {
    operationId: route.id,
    tags: [doc.tag],
    summary: doc.summary,
    description: `${doc.description}\n\nCallers 调用方: ${route.callers.map((c) => `\`${c}\``).join(', ')}${route.ownDepartmentOnly ? ' — each only for its own department (本部门)' : ''}. Served by \`${route.function}\`.`,
    parameters: parametersOf(route),
    ...(body ? { requestBody: body } : {}),
    security: [{ sigv4: [] }],
    responses: { ...success, ...errorResponses(route) },
  };
}

/** The submission envelope, its records one of the record types (chosen by `type`). */
function submissionBatchSchema(): JsonSchema {
  const envelope = jsonSchemaOf(submissionBatch, 'input');
  const properties = envelope.properties as Record<string, JsonSchema>;
  return {
    ...envelope,
    description: '报送批次 a batch: its id (resend it under the same id) and its records',
    properties: {
      batchId: {
        ...properties.batchId,
        description: '批次编号 the department’s id of the batch: resending the same batch with the same id changes nothing (idempotency key)',
      },
      records: {
        ...properties.records,
        description: `记录 1–${MAX_RECORDS_PER_BATCH} records of the department’s own types; each is checked against its type’s schema`,
        items: {
          oneOf: RECORD_TYPE_CODES.map((t) => ref(t)),
          discriminator: { propertyName: 'type', mapping: Object.fromEntries(RECORD_TYPE_CODES.map((t) => [t, `#/components/schemas/${t}`])) },
        },
      },
    },
  };
}

export interface OpenApiOptions {
  /** The local platform's API URL (the running one serves its own). */
  localUrl?: string;
}

export function openApiDocument(options: OpenApiOptions = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  const recordSchemas = Object.fromEntries(
    RECORD_TYPE_CODES.map((t) => [
      t,
      {
        ...jsonSchemaOf(RECORD_TYPES[t].schema, 'input'),
        description: `${RECORD_TYPES[t].description} — sent by ${RECORD_TYPES[t].department}`,
        examples: [RECORD_EXAMPLES[t]],
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Low-income population dynamic-monitoring platform API (低收入人口动态监测信息平台)',
      version: '1',
      license: {
        name: 'Proprietary: for the departments of the city’s low-income monitoring platform (仅限平台各部门使用)',
        identifier: 'LicenseRef-Proprietary',
      },
      description: [
        '各部门通过本接口报送数据、查看报送状态、答复推送到本部门 SQS 工作队列的预警、查询救助链。Departments post their records, read how far each submission got, answer the warnings pushed to their SQS work queue, and read assistance chains.',
        '',
        '**Signing 签名.** Every request is signed with AWS Signature Version 4 (service `execute-api`, the deployment’s region) by the department’s IAM role `<prefix>-<stage>-<department>`; locally, `npm start` prints each department’s key pair. ' +
          'The `lim` command does the signing: `npx lim submit|status|work|answer … --department <d>` (`--endpoint`, `--profile`, `--region`; against `npm start` it reads the connection details written in `.local-data/`).',
        '',
        `**Work queue 工作队列.** Each warning arrives on the department’s own SQS queue as a \`WarningWorkItem.v1\` message (schema \`WorkItem\`): long-poll it, delete a message once handled, de-duplicate on \`warning.warningId\`. Recipients: ${WARNING_RECIPIENTS.join(', ')}.`,
        '',
        '**Refusals 错误.** Every refusal is JSON `{ error, message, problems? }`: `error` is a stable code to branch on (each response lists the codes it can carry), `message` is for people in Chinese and English, and each problem names the field (and, in a batch, the record’s index and id). ' +
          'API Gateway’s own refusals (no signature, IAM, size, timeout) carry only `message`.',
      ].join('\n'),
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com.cn/{stage}',
        description: 'AWS China (Beijing, Ningxia): the deployed API; apiId from the stateless stack’s output',
        variables: {
          apiId: { default: 'abcde12345', description: 'the REST API id' },
          region: { default: 'cn-north-1', enum: ['cn-north-1', 'cn-northwest-1'] },
          stage: { default: 'v1' },
        },
      },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'A standard-partition deployment',
        variables: { apiId: { default: 'abcde12345', description: 'the REST API id' }, region: { default: 'ap-southeast-1' }, stage: { default: 'v1' } },
      },
      { url: options.localUrl ?? 'http://127.0.0.1:4510', description: '本地平台 the local platform (`npm start`; LIM_API_PORT moves it; region cn-north-1)' },
    ],
    tags: TAGS,
    paths,
    webhooks: {
      workItem: {
        post: {
          operationId: 'work-item',
          tags: ['warnings'],
          summary: '工作队列消息 A warning on the department’s work queue',
          description:
            'Not an HTTP callback: each warning routed to a department arrives as an SQS message on its own work queue (`<prefix>-<stage>-<department>-work`, a dead-letter queue after 5 receives), and the message body is this. ' +
            'Read it with long polling (ReceiveMessage, WaitTimeSeconds 20); delete it once handled, or leave it to its visibility timeout to come back. Answer at `answer.path`. The same warning may arrive twice: de-duplicate on `warning.warningId`. `npx lim work --department <d>` does all of this.',
          // Read from SQS with the department's role (SigV4, service sqs), not sent to this API.
          security: [],
          requestBody: { required: true, content: { 'application/json': { schema: ref('WorkItem') } } },
          responses: {
            '200': { description: 'handled: delete the message' },
            '400': { description: 'not a work item this department can read: leave it, it reaches the dead-letter queue after 5 receives' },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4, service execute-api (also X-Amz-Date, and X-Amz-Security-Token for a role session)',
        },
      },
      schemas: <Record<string, unknown>>{
        Error: jsonSchemaOf(answers.errorAnswer, 'output'),
        GatewayError: jsonSchemaOf(answers.gatewayError, 'output'),
        SubmissionBatch: submissionBatchSchema(),
        WarningOutcome: withIdentityNumberRule({
          ...jsonSchemaOf(warningOutcome, 'input'),
          description: '反馈 a department’s answer to a warning: one of these kinds',
        }),
        OutcomeCorrection: withIdentityNumberRule({
          ...jsonSchemaOf(outcomeCorrection, 'input'),
          description: '纠错 a department’s correction of its answer: the corrected outcome, the objective cause, why, and who',
        }),
        DecisionCorrection: {
          ...jsonSchemaOf(decisionCorrection, 'input'),
          description: '纠错 civil affairs’ correction of a recognition decision: the category it should have had, the objective cause, why, and who',
        },
        PersonQuery: { ...jsonSchemaOf(personQuery, 'input'), description: '信息查询 whom the department asks about, and why' },
        PolicyChangeRequest: jsonSchemaOf(policyChangeRequest, 'input'),
        WhatIfRequest: jsonSchemaOf(whatIfRequest, 'input'),
        SweepRequest: jsonSchemaOf(sweepRequest, 'input'),
        WaiverCheck: jsonSchemaOf(answers.waiverVerification, 'input'),
        OfficerRegistration: withIdentityNumberRule({
          ...jsonSchemaOf(answers.officerRegistration, 'input'),
          description: '经办人员登记 an officer and the officer’s own household, by identity number (pseudonymized at the edge)',
        }),
        CareAssessmentRequest: withIdentityNumberRule(jsonSchemaOf(careAssessmentRequest, 'input')),
        ServiceOrderRequest: jsonSchemaOf(serviceOrderRequest, 'input'),
        DeliveryReport: withIdentityNumberRule(jsonSchemaOf(deliveryReport, 'input')),
        ...Object.fromEntries(Object.entries(PARTNER_REQUEST_SCHEMAS).map(([name, schema]) => [name, jsonSchemaOf(schema, 'input')])),
        WorkItem: {
          ...jsonSchemaOf(workItemV1, 'output'),
          description: 'WarningWorkItem.v1: the message on a department’s work queue',
          examples: [workItemSample],
        },
        ...Object.fromEntries(Object.entries(ANSWER_SCHEMAS).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')])),
        ...recordSchemas,
      },
    },
  };
}
