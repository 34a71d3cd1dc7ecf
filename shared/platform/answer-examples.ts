import { CITY_PARAMETERS } from '../domain/policy/city-parameters';
import type { PolicyParameter } from '../domain/policy/policy-book';
import { PROGRAMMES } from '../domain/programmes';
import type { Check, CheckCode } from '../domain/recognition/classify';
import { checkReason, citeRow, decisionSummary } from '../domain/recognition/reasons';

/**
 * A realistic answer of every route, for the OpenAPI document (test/unit/openapi.test.ts parses
 * each with its schema in shared/platform/answers.ts, and Redocly checks them against the
 * generated document). The household is the Yuelu district dibao household of the examples: a
 * grandmother who died and her grandson; ids are in the platform's own formats.
 */
const HOUSEHOLD = '430104-2025-000317';
const DEATH_SUBMISSION = 'SCC46987E9FF3CCCA19067F368F';
const ROLL_SUBMISSION = 'S3BD8AA00A6AE96AF8C718ED5C8';
const DIED = 'WB364E1E3C6F29FB9D0C05E61';
const PREMIUM = 'W8F4F066BEAE04A3703A6D7A6';
const GRANDMOTHER = `p1_${'Vq3xN8kQ2mZ7rT5yW1cE9hJ4bL6fD0aSgU2oP8iK3nM'.slice(0, 43)}`;
const GRANDSON = `p1_${'Hs7Ld2Qw9Xe4Rt6Yu1Io3Pa5Sd8Fg0Jk2Zx4Cv6Bn8M'.slice(0, 43)}`;
const JOB = '96fc8567-a7d488eb-2bf0cda3-250bc8c3';
const CIVIL_AFFAIRS_SESSION = 'arn:aws-cn:sts::123456789012:assumed-role/lim-prod-civil-affairs/wang.fang';

// 认定: the household's classified review of 2025-12-10, under Yuelu's own 2025 dibao standard
// (set by policy change 2) and the city-wide rows shipped with the code; reasons made as the route makes them.
const shippedRow = (name: string, on = '2025-12-10'): PolicyParameter =>
  CITY_PARAMETERS.find((p) => p.name === name && p.effectiveFrom <= on && on <= p.effectiveTo)!;
const yueluStandard: PolicyParameter = {
  name: 'dibao.standardMonthlyFen',
  value: 88_000,
  unit: 'fen per person per month',
  district: '430104',
  effectiveFrom: '2025-01-01',
  effectiveTo: '2025-12-31',
  source: '岳麓区城乡低保标准 2025',
  changeVersion: 2,
};
const exampleCheck = (code: CheckCode, test: string, value: number | boolean, threshold: number | boolean, passed: boolean, rows: PolicyParameter[]) => {
  const check: Check = { code, test, value, threshold, passed };
  const policyRows = rows.map(citeRow);
  return { ...check, reason: checkReason(check, policyRows), policyRows };
};
const assetsChecked = exampleCheck('assets.perCapita', 'assets per person within the limit', 150_000, 3_000_000, true, [
  shippedRow('assets.limitPerCapitaFen'),
]);
const reviewsExample = [
  {
    category: 'TEKUN',
    qualifies: false,
    checks: [
      exampleCheck(
        'tekun.members',
        'every member elderly, a minor or severely disabled, unable to work and without income',
        1,
        2,
        false,
        ['tekun.elderlyAge', 'tekun.minorAge', 'tekun.severeDisabilityGradeMax'].map((n) => shippedRow(n)),
      ),
      exampleCheck('tekun.noSupporter', 'no legal supporter able to support', true, true, true, []),
    ],
  },
  {
    category: 'DIBAO',
    qualifies: true,
    checks: [exampleCheck('dibao.income', 'per-capita income below the dibao standard', 25_000, 88_000, true, [yueluStandard]), assetsChecked],
  },
  {
    category: 'DIBAO_EDGE',
    qualifies: true,
    checks: [
      exampleCheck('edge.income', 'per-capita income below 1.5 × the dibao standard', 25_000, 132_000, true, [
        yueluStandard,
        shippedRow('edge.incomeMultiple'),
      ]),
      assetsChecked,
    ],
  },
  {
    category: 'RIGID_EXPENDITURE',
    qualifies: false,
    checks: [
      exampleCheck('rigid.income', 'per-capita income below last year’s per-capita disposable income', 25_000, 520_000, true, [
        shippedRow('rigid.lastYearDisposableIncomeMonthlyFen'),
      ]),
      assetsChecked,
      exampleCheck('rigid.spending', 'necessary medical and education spending above the share of income', 60_000, 150_000, false, [
        shippedRow('rigid.spendingShareOfIncome'),
      ]),
    ],
  },
] as const;
const decisionHead = {
  recordId: 'S7E2C41A09B3D5F6E8A1C2B4D6F:0',
  departmentRecordId: 'MZ-YL-2025-0317',
  investigatedOn: '2025-12-10',
  decidedAt: '2025-12-10T03:12:40.000Z',
  policyVersion: 2,
  category: 'DIBAO',
  categoryName: '最低生活保障对象',
  summary: decisionSummary('DIBAO', 25_000),
} as const;

const household = {
  householdId: HOUSEHOLD,
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-12-15',
  members: [
    { personRef: GRANDMOTHER, maskedIdentityNumber: '430104***********0', relationship: 'head' },
    { personRef: GRANDSON, maskedIdentityNumber: '430104***********6', relationship: 'grandchild' },
  ],
  allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'ended', endedOn: '2026-11-30' }],
  updatedAt: '2025-12-15T01:00:00.000Z',
};

const policyRow = {
  name: 'dibao.standardMonthlyFen',
  value: 90_000,
  district: '*',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  unit: 'fen per person per month',
  source: '长沙市城乡低保标准 2026',
};

const whatIfHead = { jobId: JOB, location: `/policy/what-if/${JOB}`, requestedAt: '2026-12-01T02:00:00.000Z', basedOnVersion: 3, on: '2026-12-01' };

const CARE_NEED = 'N4B7E0C2A9D1F35E8C6A0B2D4';
const SERVICE_ORDER = 'O8D1A6C3E5F0B27D4A9C1E3F6';
const PROVIDER = '52430104MJK5837264';
const serviceOrderExample = {
  orderId: SERVICE_ORDER,
  needId: CARE_NEED,
  householdId: HOUSEHOLD,
  district: '430104',
  personRef: GRANDMOTHER,
  provider: PROVIDER,
  serviceKind: 'daily-living-care',
  hoursPerMonth: 30,
  pricePerHourFen: 4_000,
  from: '2026-11-05',
  to: '2027-05-04',
  orderedAt: '2026-11-04T02:30:00.000Z',
  orderedBy: 'civil-affairs',
} as const;

export const ANSWER_EXAMPLES = {
  departmentWarningList: {
    department: 'civil-affairs',
    status: 'open',
    items: [
      {
        warningId: DIED,
        householdId: HOUSEHOLD,
        district: '430104',
        indicator: { id: 'IND-01', title: 'recipient died: end or adjust assistance', titleZh: '救助对象死亡' },
        raisedAt: '2026-11-21T02:00:01.000Z',
        dueBy: '2026-12-01T02:00:01.000Z',
        overdue: false,
      },
    ],
    next: 'eyJrZXkiOnsiUEsiOiJXQVJOSU5HI1dCMzY0RTFFM0M2RjI5RkI5RDBDMDVFNjEifX0',
  },
  warningDetail: {
    warningId: DIED,
    householdId: HOUSEHOLD,
    district: '430104',
    indicator: { id: 'IND-01', version: 1, title: 'recipient died: end or adjust assistance', titleZh: '救助对象死亡', parameters: {} },
    status: 'resolved',
    raisedAt: '2026-11-21T02:00:01.000Z',
    dueBy: '2026-12-01T02:00:01.000Z',
    overdue: false,
    action: 'end or adjust the household allowance',
    explanation:
      'Health registered the death of a DIBAO household member on 2026-11-20 (certificate H430104260088). The household is paid dibao-allowance: end it or recompute it for the remaining members.',
    evidence: [
      {
        recordId: 'WJ-SW-2026-104233',
        recordType: 'death-record',
        department: 'health',
        subject: GRANDMOTHER,
        facts: { dateOfDeath: '2026-11-20', certificateNumber: 'H430104260088', registeredIn: '430104', maskedIdentityNumber: '430104***********0' },
      },
    ],
    recipients: [
      {
        department: 'civil-affairs',
        pushed: true,
        acknowledged: true,
        outcome: { outcome: 'assistance-ended', handledBy: 'MZ-YL-0107', resolvedAt: '2026-11-22T01:30:00.000Z' },
      },
    ],
  },
  overdueWarningList: {
    asOf: '2026-12-02T00:00:00.000Z',
    items: [
      {
        warningId: DIED,
        householdId: HOUSEHOLD,
        district: '430104',
        indicator: { id: 'IND-01', title: 'recipient died: end or adjust assistance', titleZh: '救助对象死亡' },
        recipients: ['civil-affairs'],
        answeredBy: [],
        acknowledgedBy: ['civil-affairs'],
        status: 'acknowledged',
        raisedAt: '2026-11-21T02:00:01.000Z',
        dueBy: '2026-12-01T02:00:01.000Z',
        hoursOverdue: 21,
      },
    ],
  },
  submissionReceipt: {
    submissionId: DEATH_SUBMISSION,
    batchId: 'health-deaths-2026-11-21-001',
    department: 'health',
    accepted: 2,
    acceptedAt: '2026-11-21T02:00:00.000Z',
    replayed: false,
  },
  submissionStatus: {
    submissionId: DEATH_SUBMISSION,
    batchId: 'health-deaths-2026-11-21-001',
    department: 'health',
    acceptedAt: '2026-11-21T02:00:00.000Z',
    state: 'evaluated',
    totals: { records: 2, evaluated: 2, warningsRaised: 1 },
    records: [
      {
        recordId: 'WJ-SW-2026-104233',
        index: 0,
        recordType: 'death-record',
        state: 'evaluated',
        warnings: [{ warningId: DIED, indicatorId: 'IND-01', recipients: ['civil-affairs'] }],
      },
      { recordId: 'WJ-SW-2026-104234', index: 1, recordType: 'death-record', state: 'evaluated', warnings: [] },
    ],
  },
  acknowledgementReceipt: { warningId: DIED, status: 'acknowledged', acknowledgedBy: ['civil-affairs'] },
  answerReceipt: { warningId: DIED, status: 'resolved', outcome: 'assistance-ended', resolvedAt: '2026-11-22T01:30:00.000Z', replayed: false },
  correctionReceipt: {
    warningId: DIED,
    correctionId: `${DIED}:correction:civil-affairs:1`,
    sequence: 1,
    cause: 'inaccurate-shared-data',
    corrects: { entryId: `${DIED}:outcome:civil-affairs`, outcome: 'assistance-ended' },
    outcome: 'no-action-needed',
    allowances: [{ programme: 'dibao-allowance', status: 'active', monthlyAmountFen: 150_000 }],
    correctedAt: '2026-11-25T02:10:00.000Z',
    replayed: false,
  },
  assistanceChain: {
    householdId: HOUSEHOLD,
    household,
    warnings: [
      {
        warningId: DIED,
        indicator: 'IND-01',
        title: 'recipient died: end or adjust assistance',
        titleZh: '救助对象死亡',
        status: 'resolved',
        recipients: ['civil-affairs'],
        raisedAt: '2026-11-21T02:00:01.000Z',
        dueBy: '2026-12-01T02:00:01.000Z',
        acknowledgedBy: ['civil-affairs'],
        outcomes: [{ department: 'civil-affairs', outcome: 'assistance-ended', handledBy: 'MZ-YL-0107', resolvedAt: '2026-11-22T01:30:00.000Z' }],
      },
    ],
    chain: [
      {
        householdId: HOUSEHOLD,
        at: '2025-12-15T01:00:00.000Z',
        entryId: `${ROLL_SUBMISSION}:0`,
        kind: 'roll-entry',
        actor: 'civil-affairs',
        summary: 'recognised as DIBAO on 2025-12-15 with 2 member(s), paid dibao-allowance 150000 fen a month from 2026-01-01',
        refs: { recordId: `${ROLL_SUBMISSION}:0`, departmentRecordId: 'MZ-2025-000317' },
      },
      {
        householdId: HOUSEHOLD,
        at: '2026-11-21T02:00:00.000Z',
        entryId: `${DEATH_SUBMISSION}:0`,
        kind: 'department-record',
        actor: 'health',
        summary: 'health reported death-record WJ-SW-2026-104233',
        refs: { recordId: `${DEATH_SUBMISSION}:0`, departmentRecordId: 'WJ-SW-2026-104233', recordType: 'death-record' },
      },
      {
        householdId: HOUSEHOLD,
        at: '2026-11-21T02:00:01.000Z',
        entryId: DIED,
        kind: 'warning-raised',
        actor: 'warning-evaluation',
        summary: 'IND-01 recipient died: end or adjust assistance: end or adjust the allowance (to civil-affairs, due 2026-12-01)',
        refs: { warningId: DIED, indicatorId: 'IND-01' },
      },
      {
        householdId: HOUSEHOLD,
        at: '2026-11-22T01:30:00.000Z',
        entryId: `${DIED}:outcome:civil-affairs`,
        kind: 'assistance-ended',
        actor: 'civil-affairs',
        summary: 'dibao-allowance ended on 2026-11-30',
        refs: { warningId: DIED, programme: 'dibao-allowance' },
      },
    ],
  },
  needsList: {
    householdId: HOUSEHOLD,
    needs: [
      {
        warningId: PREMIUM,
        indicator: 'IND-10',
        need: 'subsidise the residents’ medical insurance premium',
        why: 'no premium subsidy on record for 2026',
        waitingFor: ['medical-insurance'],
        dueBy: '2026-12-15T01:00:00.000Z',
        overdue: false,
      },
    ],
    services: [
      {
        needId: CARE_NEED,
        personRef: GRANDMOTHER,
        group: 'elderly',
        selfCareLevel: 'severe',
        assessedOn: '2026-11-03',
        kinds: ['daily-living-care', 'health-care'],
        hoursPerMonth: 30,
        reason: '重度失能 severely impaired, 老年人 elderly: 30 hours a month of daily-living-care, health-care',
      },
    ],
  },
  happinessList: {
    householdId: HOUSEHOLD,
    allowances: household.allowances,
    delivered: [
      {
        at: '2026-11-25T03:00:00.000Z',
        by: 'medical-insurance',
        what: 'enrolled in premium-subsidy: 40000 fen for 2026-01-01 to 2026-12-31',
        warningId: PREMIUM,
      },
    ],
  },
  personQueryCaseReader: {
    inDatabase: true,
    category: 'DIBAO',
    categoryName: '最低生活保障对象',
    personRef: GRANDSON,
    householdId: HOUSEHOLD,
    district: '430104',
    activeProgrammes: [],
    chain: [{ at: '2026-09-01T02:00:00.000Z', department: 'education', recordType: 'student-enrolment', recordId: 'S5D21C0E8B7A9F3346C1D2E0A7B:0' }],
  },
  personQueryJustice: { inDatabase: true, category: 'DIBAO', categoryName: '最低生活保障对象', legalAidEligible: true },
  personQueryOther: { inDatabase: false, category: null, categoryName: null },
  projectList: { projects: PROGRAMMES.slice(0, 3) },
  monthlyStatistics: {
    month: '2026-11',
    totals: {
      raised: 42,
      answered: 35,
      overdue: 2,
      overdueRate: 0.047619047619047616,
      averageHandlingHours: 30.5,
      assistanceGranted: 9,
      assistanceGrantedFen: 1_260_000,
    },
    byIndicator: { 'IND-01': { raised: 3, answered: 3 }, 'IND-10': { raised: 12, answered: 9, granted: 9, grantedFen: 360_000 } },
    byDepartment: { 'civil-affairs': { raised: 15, answered: 14, handlingSeconds: 1_512_000 }, 'medical-insurance': { raised: 12, answered: 9 } },
    byDistrict: { '430104': { raised: 20, answered: 17, overdue: 1 } },
    happinessByProgrammeAndDistrict: { 'premium-subsidy#DIST#430104': { granted: 9, grantedFen: 360_000 } },
    servicesByKindAndDistrict: { 'daily-living-care#DIST#430104': { serviceDeliveries: 12, serviceHours: 30, serviceFen: 120_000 } },
    charityByKindAndDistrict: {
      'medical#DIST#430104': { charityMatches: 3, charityDeliveries: 2, charityFen: 400_000, charityQuantity: 0 },
      'education#DIST#430111': { charityMatches: 1, charityDeliveries: 1, charityFen: 0, charityQuantity: 12 },
    },
  },
  disclosureList: {
    month: '2026-11',
    district: '430102',
    lines: [
      {
        district: '430102',
        kind: 'allowance',
        maskedHeadIdentityNumber: '430102***********3',
        members: 2,
        category: 'DIBAO',
        programme: 'dibao-allowance',
        department: 'civil-affairs',
        amountFen: 150_000,
        periodStart: '2026-11-01',
      },
    ],
  },
  auditDay: {
    day: '2026-11-21',
    entries: [
      {
        at: '2026-11-21T03:12:40.117Z',
        principal: CIVIL_AFFAIRS_SESSION,
        officer: 'wang.fang',
        department: 'civil-affairs',
        kind: 'read',
        purpose: 'case handling: the assistance chain',
        action: 'read-assistance-chain',
        subjects: [HOUSEHOLD],
        details: { status: '200', requestId: '5f0c2b1e-8d7a-4e3b-9c61-2a4f8e7d1b30' },
        entryId: 'A7F3C29E41B05D86E2C1A9B4',
        leafHash: 'c0f1e2d3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f',
      },
    ],
    verification: {
      intact: true,
      checked: 1,
      sealed: 1,
      unsealed: 0,
      sealedThrough: '2026-11-21T03:15:00.000Z',
      heads: [
        {
          number: 412,
          from: '2026-11-21T03:00:00.000Z',
          to: '2026-11-21T03:15:00.000Z',
          treeSize: 1,
          rootHash: '9d4e1c7a2b3f5e6d8c0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
          sealedAt: '2026-11-21T03:30:02.000Z',
        },
      ],
      problems: [],
    },
  },
  householdAssessment: {
    householdId: HOUSEHOLD,
    district: '430104',
    ...decisionHead,
    investigation: {
      members: [
        { personRef: GRANDMOTHER, age: 71, capacityToWork: 'none', monthlyIncomeFen: 50_000 },
        { personRef: GRANDSON, age: 12, capacityToWork: 'none', monthlyIncomeFen: 0 },
      ],
      assetsFen: 300_000,
      necessarySpendingFen: 60_000,
      periodMonths: 6,
      ableLegalSupporter: false,
    },
    perCapitaMonthlyIncomeFen: 25_000,
    explained: true,
    reviews: reviewsExample,
  },
  recognitionDecisions: {
    householdId: HOUSEHOLD,
    decisions: [
      {
        ...decisionHead,
        district: '430104',
        perCapitaMonthlyIncomeFen: 25_000,
        reasons: [reviewsExample[0].checks[0].reason, reviewsExample[1].checks[0].reason, reviewsExample[1].checks[1].reason],
        reviews: reviewsExample,
        corrections: [],
      },
    ],
  },
  decisionCorrectionReceipt: {
    householdId: '430111-2026-004417',
    decisionId: 'S6A1F0C2D3E4B5A697887766:0',
    correctionId: 'S6A1F0C2D3E4B5A697887766:0:correction:1',
    sequence: 1,
    cause: 'misreported-income',
    from: null,
    category: 'DIBAO',
    changes: [{ kind: 'enrolled', programme: 'dibao-allowance', monthlyAmountFen: 30_000, startDate: '2026-11-25' }],
    allowances: [{ programme: 'dibao-allowance', status: 'active', monthlyAmountFen: 30_000, startDate: '2026-11-25' }],
    correctedAt: '2026-11-25T02:10:00.000Z',
    replayed: false,
  },
  policyParameters: { version: 3, on: '2026-12-01', district: '*', parameters: [policyRow] },
  policyChange: {
    version: 4,
    changedAt: '2026-12-01T02:10:00.000Z',
    changedBy: CIVIL_AFFAIRS_SESSION,
    department: 'civil-affairs',
    reason: '2027 年城乡低保标准调整 / the 2027 dibao standard',
    diffs: [
      {
        name: 'dibao.standardMonthlyFen',
        district: '*',
        effectiveFrom: '2027-01-01',
        old: { ...policyRow, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', source: 'to be confirmed by the 2027 notice' },
        new: { ...policyRow, value: 95_000, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', source: '长沙市民政局 2026 年 12 月通知' },
      },
    ],
    requestHash: '3b0f8a4c9e2d1f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a',
  },
  whatIfDone: {
    ...whatIfHead,
    status: 'done',
    progress: { households: 5_210, shardsDone: 16, shards: 16 },
    households: 5_210,
    categoryChanges: 184,
    byDistrict: { '430104': { households: 1_020, categoryChanges: 41, transitions: { 'DIBAO_EDGE→DIBAO': 38, 'none→DIBAO_EDGE': 3 } } },
    categoriesNow: { TEKUN: 310, DIBAO: 2_950, DIBAO_EDGE: 1_200, RIGID_EXPENDITURE: 420, none: 330 },
    categoriesProposed: { TEKUN: 310, DIBAO: 3_120, DIBAO_EDGE: 1_060, RIGID_EXPENDITURE: 410, none: 310 },
    warnings: { total: 212, byIndicator: { 'IND-10': 212 }, byDistrict: { '430104': 47 } },
    unclassified: 0,
    notEstimated: [],
  },
  whatIfRunning: {
    ...whatIfHead,
    status: 'running',
    progress: { households: 1_500, shardsDone: 4, shards: 16 },
    message: `测算进行中：已读 1500 户，分片 4/16；请 GET /policy/what-if/${JOB} 查看进度与结果 / the what-if is running: 1500 households read, 4 of 16 shards; GET /policy/what-if/${JOB} for progress and the report`,
  },
  // The hourly sweep run by hand: one death warning escalated, one gradual exit ended, one emergency case flagged.
  sweepRun: {
    runId: 'overdue-escalation:on-demand:c0a8012e-5b7d-4f3a-9e21-7d4b8c6a1f03',
    trigger: 'on-demand',
    asOf: '2026-12-01T02:00:00.000Z',
    startedAt: '2026-12-01T02:00:00.000Z',
    finishedAt: '2026-12-01T02:00:01.412Z',
    durationMs: 1_412,
    sweeps: {
      'overdue-warnings': { overdue: 1, escalated: 1, escalations: [{ warningId: DIED, escalationId: 'W5A0C93E17B2D48F6A1E07C39' }] },
      'gradual-exits': { ended: 1, exits: [{ householdId: '430105-2025-000912', programme: 'dibao-allowance', lastPaidDay: '2026-11-30' }] },
      'emergency-documents': { flagged: 1, caseIds: ['JN-430111-2026-00502'] },
      'officer-concentration': {
        flagged: 1,
        raised: 1,
        officers: [
          {
            officerId: 'wang.fang',
            district: '430104',
            approvals: 13,
            districtApprovals: 14,
            deciders: 4,
            ratio: 3.71,
            warningId: 'W7E2B90C4A61D35F8E0B1C7D2',
          },
        ],
      },
      'service-deliveries': { ordersChecked: 14, missedHours: ['W7C2E4A91D05B3F68E1A2D4C7'], lateReports: [] },
    },
  },
  // 服务类社会救助: the grandmother assessed severely impaired; daily-living care bought from a social-work centre.
  careAssessmentReceipt: {
    needId: CARE_NEED,
    householdId: HOUSEHOLD,
    personRef: GRANDMOTHER,
    group: 'elderly',
    selfCareLevel: 'severe',
    assessedOn: '2026-11-03',
    assessor: 'MZ-YL-0107',
    raisesNeed: true,
    kinds: ['daily-living-care', 'health-care'],
    hoursPerMonth: 30,
    parameters: { 'service.hoursPerMonth.severe': 30, 'service.kinds.elderly': 'daily-living-care,health-care' },
    reason: '重度失能 severely impaired, 老年人 elderly: 30 hours a month of daily-living-care, health-care',
    recordedAt: '2026-11-03T06:12:00.000Z',
    replayed: false,
  },
  serviceOrderReceipt: { ...serviceOrderExample, replayed: false },
  serviceOrderList: { orders: [serviceOrderExample] },
  providerOrderList: {
    provider: PROVIDER,
    orders: [
      {
        orderId: SERVICE_ORDER,
        district: '430104',
        serviceKind: 'daily-living-care',
        hoursPerMonth: 30,
        pricePerHourFen: 4_000,
        from: '2026-11-05',
        to: '2027-05-04',
        memberRef: 'M3E9A51C07B2D',
      },
    ],
  },
  deliveryReceipt: {
    orderId: SERVICE_ORDER,
    deliveredOn: '2026-11-20',
    hours: 2.5,
    amountFen: 10_000,
    reportedAt: '2026-11-20T10:30:00.000Z',
    reportDelayDays: 0,
    monthHours: { month: '2026-11', delivered: 17.5, ordered: 26 },
    replayed: false,
  },
  whatIfFailed: {
    ...whatIfHead,
    status: 'failed',
    progress: { households: 800, shardsDone: 2, shards: 16 },
    failure: {
      error: 'PolicyVersionMoved',
      message:
        '测算基于第 3 版政策，运行期间政策已改为第 4 版；请重新提交测算 / the what-if was asked against policy version 3, and the policy moved to version 4 while it ran; send it again',
    },
  },
  // 减免名单 one dibao household of Wangcheng on the water list: two members, masked, each with a code.
  waiverList: {
    waiver: 'water',
    month: '2026-12',
    district: '430112',
    lines: [
      { district: '430112', maskedIdentityNumber: '430112***********6', category: 'DIBAO', waiver: 'water', month: '2026-12', code: 'K7M2QX9T4B' },
      { district: '430112', maskedIdentityNumber: '430112***********X', category: 'DIBAO', waiver: 'water', month: '2026-12', code: '3HZC8WPNR1' },
    ],
  },
  waiverVerification: { waiver: 'water', month: '2026-12', entitled: true },
  // 经办人员登记: a community officer in Yuelu, re-registered with her husband added; one household she had decided is her mother's.
  officerReplaced: {
    outcome: 'replaced',
    officer: {
      officerId: 'wang.fang',
      role: 'community-officer',
      district: '430104',
      street: '望月湖街道',
      village: '望月湖社区',
      maskedIdentityNumber: '430104***********3',
      householdMembers: [{ maskedIdentityNumber: '430104***********6' }],
      activeFrom: '2026-01-01',
      registeredAt: '2026-03-02T01:20:00.000Z',
      registeredBy: 'civil-affairs/civil-affairs.officer-01',
    },
    checkedAfterTheFact: { decisions: 2, households: ['430104-2026-000812', '430104-2026-000907'], raised: ['W3C1F0A9D27E84B6105C2E9FA'] },
  },
  officerList: {
    items: [
      {
        officerId: 'wang.fang',
        role: 'community-officer',
        district: '430104',
        village: '望月湖社区',
        maskedIdentityNumber: '430104***********3',
        householdMembers: [{ maskedIdentityNumber: '430104***********6' }],
        activeFrom: '2026-01-01',
        registeredAt: '2026-03-02T01:20:00.000Z',
        registeredBy: 'civil-affairs/civil-affairs.officer-01',
      },
    ],
    count: 1,
  },
} as const;
