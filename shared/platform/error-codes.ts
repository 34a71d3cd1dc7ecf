import { bilingual, DEFAULT_LANGUAGE } from '../domain/bilingual';
import type { FieldProblem } from '../domain/errors';
import { refusalBody, type ErrorBody } from '../http/api-error';
import type { ApiRoute, ApiRouteId } from './api';
import { isPartnerKind } from '../domain/partners';

/**
 * 错误代码: every code the API sends in a refusal's `error`, with its status and what it means
 * for people (Chinese first, English beside). The OpenAPI document and the department pages list
 * them per route from here; test/unit/error-codes.test.ts holds the table to the codes the code
 * actually throws, so the documentation follows the code.
 */
export interface ErrorCodeDoc {
  status: 400 | 403 | 404 | 409 | 413 | 422 | 500;
  zh: string;
  en: string;
  /** A field at fault, as an example of `problems`. */
  problem?: FieldProblem;
}

const code = (d: ErrorCodeDoc) => d;

export const ERROR_CODES = {
  // The edge (shared/http, the local HTTP front): any route.
  MalformedPath: code({
    status: 400,
    zh: '路径参数的 %-转义无效（本地平台）',
    en: 'a path parameter’s %-escapes do not decode (local platform)',
    problem: { field: 'path.warningId', message: 'not a valid %-escaped UTF-8 string' },
  }),
  InvalidHeader: code({
    status: 400,
    zh: '请求头 x-purpose 不符合自由文本规则',
    en: 'the x-purpose header breaks the free-text policy',
    problem: { field: 'headers.x-purpose', message: '不得包含 11 位及以上的连续数字 / must not hold a run of 11 or more digits' },
  }),
  MalformedJson: code({ status: 400, zh: '请求体不是合法的 JSON', en: 'the request body is not valid JSON' }),
  TooDeep: code({
    status: 400,
    zh: '请求体嵌套超过 16 层',
    en: 'the request body is nested more than 16 levels deep',
    problem: { field: '(body)', message: 'at most 16 levels of nesting' },
  }),
  UnknownCaller: code({ status: 403, zh: '调用者不是本平台的部门角色', en: 'the caller is not a department principal of this platform' }),
  WrongDepartment: code({ status: 403, zh: '路径中的部门不是调用者本部门', en: 'the department in the path is not the caller’s own' }),
  NotAllowed: code({ status: 403, zh: '本部门不可调用此接口', en: 'this department may not call this route' }),
  IdempotencyKeyReused: code({
    status: 409,
    zh: '同一预警已以不同内容提交过（25 小时内记住首次回答）',
    en: 'the same warning was already sent another body (the first answer is remembered 25 hours)',
  }),
  RequestInProgress: code({ status: 409, zh: '同一请求正在处理，请稍后重发', en: 'the same request is being processed; send it again shortly' }),
  InternalError: code({ status: 500, zh: '请求未能完成，可原样重发', en: 'the request could not be completed; it is safe to send it again' }),
  // The bodies each route takes (shared/platform/api.ts).
  InvalidBatch: code({
    status: 400,
    zh: '批次外层不合规则（batchId 8–128 位；records 1–500 条）',
    en: 'the batch envelope breaks its rules (batchId 8–128 characters; 1–500 records)',
    problem: { field: 'batchId', message: 'must be 8-128 letters, digits, ".", "_", ":" or "-"' },
  }),
  InvalidOutcome: code({
    status: 400,
    zh: '反馈内容不合规则',
    en: 'the answer breaks its rules',
    problem: { field: 'consent.givenOn', message: 'consent must be given on or before effectiveFrom' },
  }),
  InvalidQuery: code({
    status: 400,
    zh: '查询不合规则',
    en: 'the query breaks its rules',
    problem: { field: 'identityNumber', message: 'identity number the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)' },
  }),
  InvalidPageToken: code({
    status: 400,
    zh: '翻页令牌无效，请从第一页重新开始',
    en: 'the page token is not one of this list’s; start again from the first page',
    problem: { field: 'next', message: 'not a page token of this list' },
  }),
  InvalidPolicyChange: code({
    status: 400,
    zh: '参数调整不合规则（未知参数、类型不符、负数或重复行）',
    en: 'the policy change breaks its rules (unknown parameter, wrong type, negative, or a row twice)',
    problem: { field: 'parameters[0].name', message: 'no policy parameter is called dibao.standardMonthlyFenn' },
  }),
  // submission-intake
  InvalidRecords: code({
    status: 400,
    zh: '批次中有记录不符合其类型的规则，未保存任何记录',
    en: 'records of the batch break their type’s rules; nothing was stored',
    problem: {
      record: 0,
      recordId: 'WJ-SW-2026-104233',
      field: 'identityNumber',
      message: 'identity number the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
    },
  }),
  RecordTypeNotAllowed: code({
    status: 403,
    zh: '批次中有本部门不负责的记录类型',
    en: 'the batch holds record types the department does not own',
    problem: { record: 0, recordId: 'MZ-DB-2026-001207', field: 'type', message: 'department health may not send record type low-income-roll-entry' },
  }),
  BatchIdReused: code({
    status: 409,
    zh: '该 batchId 已用于另一批记录，请换新的 batchId',
    en: 'the batchId was already accepted with other records; use a new batchId',
  }),
  RecordTooLarge: code({
    status: 413,
    zh: '有记录过大，未保存任何记录',
    en: 'a record is too large; nothing was stored',
    problem: { record: 3, recordId: 'MZ-ZF-2026-020931', field: '(record)', message: 'larger than 196 KB' },
  }),
  // household-query
  InvalidSubmissionId: code({
    status: 400,
    zh: '报送编号须为 S 加 26 位十六进制数字',
    en: 'submissionId must be S and 26 hexadecimal digits, as the receipt gives it',
    problem: { field: 'submissionId', message: '不是报送编号 / not a submission id' },
  }),
  SubmissionNotFound: code({
    status: 404,
    zh: '本部门没有该报送（或已超过 35 天保留期）',
    en: 'the department has no such submission (or it is past its 35 days)',
  }),
  InvalidHouseholdId: code({
    status: 400,
    zh: '户编号须为 6–40 位大写字母、数字或“-”',
    en: 'householdId must be 6-40 upper-case letters, digits or "-"',
    problem: { field: 'householdId', message: 'not a household number' },
  }),
  HouseholdNotFound: code({ status: 404, zh: '没有该户', en: 'no such household' }),
  InvalidWarningId: code({
    status: 400,
    zh: '预警编号须为 W 加 24 位十六进制数字',
    en: 'warningId must be W and 24 hexadecimal digits',
    problem: { field: 'warningId', message: '不是预警编号 / not a warning id' },
  }),
  InvalidMonth: code({ status: 400, zh: '月份须为 yyyy-mm', en: 'month must be yyyy-mm', problem: { field: 'month', message: 'must be yyyy-mm' } }),
  InvalidDistrict: code({
    status: 400,
    zh: '不是本市的区县代码',
    en: 'not a district code of the city',
    problem: { field: 'district', message: 'not a district code of the city' },
  }),
  InvalidDay: code({
    status: 400,
    zh: '日期须为 yyyy-mm-dd',
    en: 'day must be a date in the form yyyy-mm-dd',
    problem: { field: 'day', message: 'not a date' },
  }),
  AuditDayExpired: code({ status: 404, zh: '该日审计记录已超过保留期', en: 'the day’s audit trail is past its retention period' }),
  // feedback-intake
  WarningNotFound: code({ status: 404, zh: '没有该预警', en: 'no such warning' }),
  WarningNotRoutedToYou: code({ status: 403, zh: '该预警未推送给本部门', en: 'the warning was not routed to this department' }),
  AlreadyAnswered: code({ status: 409, zh: '本部门已以其他结果答复该预警', en: 'the department already answered the warning with another outcome' }),
  AllowanceChanged: code({
    status: 409,
    zh: '答复期间该户待遇发生变化，请查看救助链后重新答复',
    en: 'the household’s allowance changed while answering; read the chain and answer again',
  }),
  EndBeforeStart: code({
    status: 422,
    zh: '终止日期早于待遇开始日期',
    en: 'endedOn is before the allowance started',
    problem: { field: 'endedOn', message: 'must be on or after 2026-01-01' },
  }),
  NoSuchAllowance: code({
    status: 422,
    zh: '该户没有正在发放的此项待遇',
    en: 'the household is not paid this programme',
    problem: { field: 'programme', message: 'no active dibao-allowance for this household' },
  }),
  UnknownProgramme: code({
    status: 422,
    zh: '项目不在项目清单中（GET /projects）',
    en: 'the programme is not in the project list (GET /projects)',
    problem: { field: 'programme', message: 'see GET /projects' },
  }),
  NotYourProgramme: code({
    status: 422,
    zh: '该项目不由本部门实施',
    en: 'the programme is run by another department',
    problem: { field: 'programme', message: 'run by health' },
  }),
  NotATransferOffer: code({
    status: 422,
    zh: '“transferred” 只能答复 IND-16 退出转认定预警',
    en: '“transferred” answers only an IND-16 offer of transfer',
    problem: { field: 'outcome', message: 'only for IND-16' },
  }),
  StillPaid: code({
    status: 422,
    zh: '该户仍在领取低保或特困待遇，请先终止',
    en: 'the household is still paid dibao or tekun; end it first',
    problem: { field: 'category', message: 'end the allowance first' },
  }),
  // policy-admin
  PolicyVersionMoved: code({
    status: 409,
    zh: '政策已被他人改为新版本，请重新读取后再提交',
    en: 'the policy moved to a newer version; read it again and send the change again',
  }),
  InvalidJobId: code({
    status: 400,
    zh: '不是测算任务编号（四组各 8 位十六进制数字，以 - 相连）',
    en: 'not a what-if job id (four groups of 8 hex digits joined by -)',
    problem: { field: 'jobId', message: 'not a what-if job id' },
  }),
  InvalidSweepRequest: code({
    status: 400,
    zh: '清理请求不合规则（未知或重复的清理项，或截至时刻晚于当前时间）',
    en: 'the sweep request breaks its rules (an unknown or repeated sweep, or asOf later than now)',
    problem: { field: 'asOf', message: '不能晚于 2026-12-01T02:00:00.000Z / must be no later than 2026-12-01T02:00:00.000Z' },
  }),
  InvalidCorrection: code({
    status: 400,
    zh: '纠错内容不合规则（更正后的处置结果、原因类别 cause、纠错说明、经办人工号）',
    en: 'the correction breaks its rules (the corrected outcome, cause, reason, correctedBy)',
    problem: {
      field: 'cause',
      message: '纠错原因 cause 须为以下之一 / cause must be one of misreported-income, inaccurate-shared-data, emergency, other-objective',
    },
  }),
  NotAnswered: code({ status: 409, zh: '预警尚未反馈，无可更正', en: 'the warning has not been answered: there is nothing to correct' }),
  NotYourAnswer: code({ status: 403, zh: '只有作出反馈的部门可以更正其反馈', en: 'only the department that answered may correct its answer' }),
  NotCorrectable: code({
    status: 422,
    zh: '该类反馈暂不能以纠错方式更正或给出',
    en: 'an answer of this kind cannot be corrected, or given, by a correction',
    problem: {
      field: 'outcome.outcome',
      message:
        '可更正 correctable: assistance-ended, assistance-adjusted, no-action-needed, not-eligible, enrolled, transferred, referred-to-county-coordination; 可给出 a correction gives: assistance-ended, assistance-adjusted, no-action-needed, not-eligible',
    },
  }),
  NothingToCorrect: code({
    status: 422,
    zh: '更正后的处置结果与现行反馈相同',
    en: 'the corrected outcome is the answer already in force',
    problem: { field: 'outcome', message: '与现行反馈相同 / same as the answer in force' },
  }),
  PriorAmountUnknown: code({
    status: 422,
    zh: '调整前的月救助金额未记录，须以 assistance-adjusted 更正并写明正确金额',
    en: 'the amount before the adjustment is not on record: correct with assistance-adjusted naming the right amount',
    problem: { field: 'outcome.outcome', message: '须为 assistance-adjusted / must be assistance-adjusted' },
  }),
  PriorCategoryUnknown: code({
    status: 409,
    zh: '转认定前的认定类别未随反馈记录，无法恢复；请以认定决定纠错更正',
    en: 'the category before the transfer is not on record with the answer: correct the recognition decision instead',
  }),
  ReferralAnswered: code({
    status: 409,
    zh: '县级协调机制已答复该转办（一事一议），转办不能再撤回',
    en: 'county coordination has answered the referral, so it can no longer be withdrawn',
  }),
  ReferralWithdrawn: code({
    status: 409,
    zh: '对本部门的转办已被纠错撤回，无需再反馈',
    en: 'the referral to this department was withdrawn by a correction; no answer is needed',
  }),
  CorrectionChanged: code({
    status: 409,
    zh: '更正期间该反馈或救助待遇已变化，请重新读取后再更正',
    en: 'the answer or the allowance changed while correcting; read the chain and correct again',
  }),
  DecisionNotFound: code({ status: 404, zh: '该户没有此认定决定', en: 'the household has no such recognition decision' }),
  NotLatestDecision: code({ status: 409, zh: '只能更正该户最新的认定决定', en: 'only the household’s latest recognition decision may be corrected' }),
  EffectiveOutOfRange: code({
    status: 422,
    zh: '更正生效日期须在调查日期与今日之间',
    en: 'effectiveFrom must be between the investigation date and today',
    problem: { field: 'effectiveFrom', message: '2026-11-10 至 2026-11-25 / 2026-11-10 to 2026-11-25' },
  }),
  NotBelowStandard: code({
    status: 422,
    zh: '人均收入不低于低保标准，须写明核实后的收入',
    en: 'the per-capita income is not below the dibao standard: give the income as found',
    problem: { field: 'correctedInputs.perCapitaMonthlyIncomeFen', message: '须低于 95000 / must be below 95000' },
  }),
  NotOnRoll: code({
    status: 409,
    zh: '该户不在低收入人口数据库中且认定决定未记录家庭成员，须先报送在册记录',
    en: 'the household is not in the database and the decision keeps no members: send its roll entry first',
  }),
  AlreadyPaid: code({ status: 409, zh: '该户已在领取该项救助', en: 'the household is already paid that allowance' }),
  WhatIfJobNotFound: code({ status: 404, zh: '没有该测算任务，或已过期（保留 72 小时）', en: 'no such what-if job, or it expired (kept 72 hours)' }),
  UnknownWaiver: code({
    status: 400,
    zh: '没有该减免项目',
    en: 'no such waiver',
    problem: { field: 'waiver', message: 'childcare, water, electricity, gas, television, funeral or public-transport' },
  }),
  AssessmentNotFound: code({
    status: 404,
    zh: '该家庭没有经济状况调查或认定决定',
    en: 'the household has no assessment or recognition decision',
  }),
  InvalidOfficer: code({
    status: 400,
    zh: '经办人员登记不合规则（身份号码、日期或重复的家庭成员）',
    en: 'the officer registration breaks its rules (an identity number, a date, or a household member listed twice)',
    problem: { field: 'householdMembers.0.identityNumber', message: '重复列出（或为经办人本人） / listed twice (or is the officer)' },
  }),
  // 服务类社会救助.
  InvalidCareAssessment: code({
    status: 400,
    zh: '照护需求评估不合规则（成员人员标识、对象类别、自理能力等级、评估日期、评估员工号）',
    en: 'the care-needs assessment breaks its rules (personRef of a member, group, selfCareLevel, assessedOn, assessor)',
    problem: { field: 'personRef', message: '不是本户成员 / not a member of the household' },
  }),
  CareAssessmentExists: code({ status: 409, zh: '该成员当日的另一评估已记录', en: 'another assessment of this member on that day is on record' }),
  InvalidServiceOrder: code({
    status: 400,
    zh: '服务订单不合规则（户编号、需求编号、机构代码、服务类型、时数、单价、服务期）',
    en: 'the service order breaks its rules (householdId, needId, provider, serviceKind, hours, price, period)',
    problem: { field: 'to', message: '截止日不得早于起始日 / to must not be before from' },
  }),
  ServiceNeedNotFound: code({ status: 404, zh: '该户没有此服务需求', en: 'the household has no such service need' }),
  ServiceOrderRefused: code({
    status: 422,
    zh: '订单与服务需求不符（需求未产生、服务类型不在需求内、时数超过需求、早于评估日），或服务机构未登记、已停用、不承接该区县',
    en: 'the order does not fit the need (no need raised, a kind it does not name, more hours, before the assessment), or the provider is not registered, not active or does not serve the district',
    problem: { field: 'hoursPerMonth', message: '每月不超过 30 小时 / at most 30 hours a month for this need' },
  }),
  ServiceOrderExists: code({ status: 409, zh: '同一订单已以其他时数或单价下达', en: 'the same order was placed with other hours or price' }),
  ServiceOrderNotFound: code({ status: 404, zh: '没有本机构的该服务订单', en: 'no such service order of this provider' }),
  InvalidDeliveryReport: code({
    status: 400,
    zh: '服务记录不合规则（服务日期、时数须为 0.5 小时的整数倍、服务记录须符合自由文本规则）',
    en: 'the delivery report breaks its rules (deliveredOn, hours in half-hour steps, a note under the free-text policy)',
    problem: { field: 'hours', message: '须为 0.5 小时的整数倍 / must be a multiple of half an hour' },
  }),
  DeliveryRefused: code({
    status: 422,
    zh: '服务记录与订单不符（不在服务期内、晚于今天、超过当月购买时数）',
    en: 'the delivery does not fit the order (outside its period, later than today, more hours than bought for the month)',
    problem: { field: 'deliveredOn', message: '不在订单服务期内 / outside the order’s period' },
  }),
  DeliveryAlreadyReported: code({ status: 409, zh: '当日服务已报告（内容不同）', en: 'the service of that day is reported already, differently' }),
  InvalidProvider: code({
    status: 400,
    zh: '服务机构代码须为 18 位统一社会信用代码',
    en: 'provider must be an 18-character unified social credit code',
    problem: { field: 'provider', message: '不是统一社会信用代码 / not a unified social credit code' },
  }),
  // 社会力量 partners (shared/domain/partners.ts).
  InvalidPartner: code({
    status: 400,
    zh: '社会力量登记信息不合规则',
    en: 'the partner registration breaks its rules',
    problem: {
      field: 'organisationCode',
      message: '统一社会信用代码校验码不符（GB 32100） / the check character of the unified social credit code is wrong (GB 32100)',
    },
  }),
  InvalidCharityOffer: code({
    status: 400,
    zh: '慈善供给不合规则',
    en: 'the charity offer breaks its rules',
    problem: { field: 'amountFen', message: '资金类须填写金额（分） / a money offer states its amount in fen' },
  }),
  InvalidCharityConsent: code({
    status: 400,
    zh: '慈善帮扶授权不合规则',
    en: 'the consent breaks its rules',
    problem: { field: 'givenOn', message: 'Invalid ISO date' },
  }),
  InvalidCharityDelivery: code({
    status: 400,
    zh: '交付反馈不合规则',
    en: 'the delivery report breaks its rules',
    problem: { field: 'deliveredOn', message: 'Invalid ISO date' },
  }),
  OfferOutsideDistricts: code({
    status: 400,
    zh: '供给区县超出机构登记的服务区县',
    en: 'the offer names districts the organisation is not registered to serve',
    problem: { field: 'districts', message: '超出登记的服务区县 / outside the districts the organisation serves' },
  }),
  MatchNotFound: code({ status: 404, zh: '本机构没有该匹配', en: 'the organisation has no such match' }),
  PartnerNotRegistered: code({
    status: 403,
    zh: '会话名不是已登记且有效的该类社会力量',
    en: 'the session name is not a registered, active organisation of the role’s kind',
  }),
} as const satisfies Record<string, ErrorCodeDoc>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What each route's own handler and use case refuse with (the edge's refusals are added by `refusalsOf`). */
export const ROUTE_REFUSALS: Record<ApiRouteId, readonly ErrorCode[]> = {
  'submit-records': ['InvalidRecords', 'RecordTypeNotAllowed', 'BatchIdReused', 'RequestInProgress', 'RecordTooLarge'],
  'read-submission': ['InvalidSubmissionId', 'SubmissionNotFound'],
  // Both feedback routes are idempotent on the caller and the request (Powertools).
  'answer-warning': [
    'WarningNotFound',
    'WarningNotRoutedToYou',
    'AlreadyAnswered',
    'AllowanceChanged',
    'IdempotencyKeyReused',
    'RequestInProgress',
    'EndBeforeStart',
    'NoSuchAllowance',
    'UnknownProgramme',
    'NotYourProgramme',
    'NotATransferOffer',
    'StillPaid',
    'ReferralWithdrawn',
  ],
  'acknowledge-warning': ['WarningNotFound', 'WarningNotRoutedToYou', 'IdempotencyKeyReused', 'RequestInProgress', 'ReferralWithdrawn'],
  'read-assistance-chain': ['InvalidHouseholdId', 'HouseholdNotFound'],
  'read-needs-list': ['InvalidHouseholdId'],
  'read-happiness-list': ['InvalidHouseholdId', 'HouseholdNotFound'],
  'query-person': [],
  'read-project-list': [],
  'read-statistics': ['InvalidMonth'],
  'read-disclosure': ['InvalidMonth', 'InvalidDistrict'],
  'read-audit-trail': ['InvalidDay', 'AuditDayExpired'],
  'read-policy': ['InvalidQuery'],
  'list-department-warnings': ['InvalidQuery', 'InvalidPageToken'],
  // Another department's warning is as unknown as a made-up id (404), never 403.
  'read-warning': ['InvalidWarningId', 'WarningNotFound'],
  'list-overdue-warnings': ['InvalidQuery', 'InvalidPageToken'],
  'change-policy': ['PolicyVersionMoved'],
  'read-policy-changes': [],
  // A job whose policy moved while it ran fails with PolicyVersionMoved (what-if-runner), answered 409 to a waiting POST.
  'what-if': ['PolicyVersionMoved'],
  'read-what-if': ['InvalidJobId', 'WhatIfJobNotFound'],
  'read-assessment': ['InvalidHouseholdId', 'AssessmentNotFound'],
  'read-recognition-decisions': ['InvalidHouseholdId', 'InvalidQuery', 'InvalidPageToken', 'AssessmentNotFound'],
  // Idempotent by nature (a second run finds nothing more to do): no Idempotency-Key.
  'run-sweep': ['InvalidSweepRequest'],
  'read-waiver-list': ['UnknownWaiver', 'InvalidMonth', 'InvalidDistrict', 'InvalidQuery', 'InvalidPageToken'],
  'verify-waiver-code': ['UnknownWaiver', 'InvalidMonth', 'InvalidQuery'],
  'correct-answer': [
    'WarningNotFound',
    'WarningNotRoutedToYou',
    'NotAnswered',
    'NotYourAnswer',
    'NotCorrectable',
    'NothingToCorrect',
    'PriorAmountUnknown',
    'PriorCategoryUnknown',
    'ReferralAnswered',
    'AllowanceChanged',
    'CorrectionChanged',
    'NoSuchAllowance',
    'EndBeforeStart',
    'IdempotencyKeyReused',
    'RequestInProgress',
  ],
  'correct-decision': [
    'InvalidHouseholdId',
    'DecisionNotFound',
    'NotLatestDecision',
    'NothingToCorrect',
    'EffectiveOutOfRange',
    'NotBelowStandard',
    'NotOnRoll',
    'AlreadyPaid',
    'CorrectionChanged',
    'IdempotencyKeyReused',
    'RequestInProgress',
  ],
  'register-officer': [],
  'list-officers': ['InvalidQuery'],
  'record-care-assessment': ['HouseholdNotFound', 'InvalidCareAssessment', 'CareAssessmentExists', 'IdempotencyKeyReused', 'RequestInProgress'],
  'place-service-order': ['ServiceNeedNotFound', 'ServiceOrderRefused', 'HouseholdNotFound', 'ServiceOrderExists', 'IdempotencyKeyReused', 'RequestInProgress'],
  'list-service-orders': ['InvalidQuery'],
  'list-provider-orders': ['InvalidProvider'],
  'report-service-delivery': ['ServiceOrderNotFound', 'DeliveryRefused', 'DeliveryAlreadyReported', 'IdempotencyKeyReused', 'RequestInProgress'],
  'register-partner': [],
  'list-partners': ['InvalidQuery'],
  'read-own-partner': [],
  'publish-charity-offer': ['OfferOutsideDistricts'],
  'list-charity-offers': [],
  'record-charity-consent': ['InvalidHouseholdId', 'HouseholdNotFound'],
  'run-charity-matching': [],
  'list-charity-matches': [],
  // Another charity's match is as unknown as a made-up id (404).
  'report-charity-delivery': ['MatchNotFound'],
};

/** Every code a route can answer with: the edge's (by how the route is declared), then its own. */
export function refusalsOf(route: ApiRoute): ErrorCode[] {
  const edge: ErrorCode[] = ['MalformedPath', 'InvalidHeader'];
  if (route.body !== 'none') edge.push('MalformedJson', 'TooDeep', route.body.refusal.code as ErrorCode);
  if (route.ownDepartmentOnly) edge.push('UnknownCaller', 'WrongDepartment');
  if (route.callers.some(isPartnerKind)) edge.push('PartnerNotRegistered');
  edge.push('NotAllowed', 'InternalError');
  return [...new Set([...edge, ...ROUTE_REFUSALS[route.id as ApiRouteId]])];
}

/** A refusal's body as sent: the code, the message in both languages, the field at fault. */
export function errorExample(code: ErrorCode): ErrorBody {
  const d: ErrorCodeDoc = ERROR_CODES[code];
  return refusalBody(code, bilingual(d.zh, d.en), d.problem ? [d.problem] : [], DEFAULT_LANGUAGE);
}
