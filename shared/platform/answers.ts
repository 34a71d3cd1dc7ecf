import * as z from 'zod';
import { CHAIN_ENTRY_KINDS } from '../domain/assistance-chain';
import { CATEGORY_CODES } from '../domain/categories';
import { DEPARTMENT_CODES, WARNING_RECIPIENTS } from '../domain/departments';
import { DISTRICT_CODES } from '../domain/districts';
import { LAYERS } from '../domain/programmes';
import { WARNING_STATUSES } from '../domain/warning';
import { PERSON_REF_PATTERN } from '../privacy/person-ref';
import { RECORD_TYPE_CODES } from '../records/record-types';

/**
 * What the API answers, as zod schemas: the handlers send their answers through these (parsed at
 * the edge, shared/http/api-handler.ts `answer`: a field not declared here is not sent), and the
 * OpenAPI document is generated from them, so the documented answer is the one sent.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const count = z.number().int().min(0);
const fen = z.number().int().min(0).meta({ description: '金额，单位：分 amount in fen (1/100 yuan)' });

export const SUBMISSION_ID_PATTERN = /^S[0-9A-F]{26}$/;
export const WARNING_ID_PATTERN = /^W[0-9A-F]{24}$/;
export const INDICATOR_ID_PATTERN = /^IND-[0-9]{2}$/;
export const HOUSEHOLD_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{5,39}$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const WHAT_IF_JOB_ID_PATTERN = /^[0-9a-f]{8}(?:-[0-9a-f]{8}){3}$/;

const submissionId = z.string().regex(SUBMISSION_ID_PATTERN).meta({ description: '报送编号 the platform’s id of the submission: `S` and 26 hexadecimal digits, derived from the department and the batch id' });
const warningId = z.string().regex(WARNING_ID_PATTERN).meta({ description: '预警编号 `W` and 24 hexadecimal digits, derived from the indicator, the household and the cause' });
const indicatorId = z.string().regex(INDICATOR_ID_PATTERN).meta({ description: '预警指标 IND-01 … IND-19' });
const householdId = z.string().regex(HOUSEHOLD_ID_PATTERN).meta({ description: '户编号 household number (a lead about someone not in the database: `LEAD-` and 20 hex digits)' });
const personRef = z.string().regex(PERSON_REF_PATTERN).meta({ description: '人员标识 person reference: the keyed hash of an identity number (`p<key version>_…`), never the number' });
const maskedIdentityNumber = z
  .string()
  .regex(/^\d{6}\*{11}[\dX]$/)
  .meta({ description: '脱敏身份证号 masked identity number: division code and check character, the rest hidden' });
const recipient = z.enum(WARNING_RECIPIENTS);
const district = z.enum(DISTRICT_CODES);
const month = z.string().regex(MONTH_PATTERN).meta({ description: 'yyyy-mm' });
const PROGRAMME_CODE = /^[a-z][a-z0-9-]{2,60}$/;
const programme = z.string().regex(PROGRAMME_CODE).meta({ description: '项目代码 a programme code of the project list (GET /projects)' });

/** 202 (first acceptance) or 200 (`replayed`: the same batch again) to `POST /departments/{department}/submissions`. */
export const submissionReceipt = z
  .object({
    submissionId,
    batchId: z.string().meta({ description: 'the batch id the department sent' }),
    department: z.enum(DEPARTMENT_CODES),
    accepted: count.meta({ description: 'records accepted' }),
    acceptedAt: isoDateTime.meta({ description: 'when the batch was first accepted' }),
    replayed: z.boolean().meta({ description: 'true when this batch id was accepted before and nothing new was stored' }),
  })
  .meta({ title: '报送回执 Submission receipt' });

/** 报送状态: how far each record of a submission got, and the warnings it raised. */
export const submissionStatus = z
  .object({
    submissionId,
    batchId: z.string(),
    department: z.enum(DEPARTMENT_CODES),
    acceptedAt: isoDateTime,
    state: z.enum(['accepted', 'evaluating', 'evaluated']).meta({ description: 'accepted: no record evaluated yet; evaluating: some; evaluated: every record' }),
    totals: z.object({
      records: count,
      evaluated: count.meta({ description: 'records every function concerned has evaluated' }),
      warningsRaised: count.meta({ description: 'distinct warnings whose evidence names a record of this submission' }),
    }),
    records: z.array(
      z.object({
        recordId: z.string().meta({ description: 'the department’s own record id, as sent' }),
        index: count.meta({ description: 'position of the record in the batch, from 0' }),
        recordType: z.enum(RECORD_TYPE_CODES),
        state: z.enum(['accepted', 'evaluated']).meta({ description: 'evaluated once every function that takes its record type has' }),
        warnings: z.array(
          z.object({
            warningId,
            indicatorId,
            recipients: z.array(recipient).meta({ description: 'the departments whose queues the warning goes to' }),
          }),
        ),
      }),
    ),
  })
  .meta({ title: '报送状态 Submission status' });
export type SubmissionStatus = z.infer<typeof submissionStatus>;

const answerKind = z.enum(['assistance-ended', 'assistance-adjusted', 'no-action-needed', 'enrolled', 'not-eligible', 'transferred', 'referred-to-county-coordination']);

/** 签收: the warning taken in hand. */
export const acknowledgementReceipt = z
  .object({
    warningId,
    status: z.enum(WARNING_STATUSES),
    acknowledgedBy: z.array(recipient).meta({ description: 'every recipient that has taken the warning in hand' }),
  })
  .meta({ title: '签收回执 Acknowledgement receipt' });

/** 反馈: the answer recorded (or, sent again, the answer recorded the first time). */
export const answerReceipt = z
  .object({
    warningId,
    status: z.enum(['acknowledged', 'resolved']).meta({ description: 'resolved once every recipient has answered' }),
    outcome: answerKind,
    resolvedAt: isoDateTime,
    replayed: z.boolean().meta({ description: 'true when this answer was recorded before and nothing new was written' }),
  })
  .meta({ title: '反馈回执 Answer receipt' });

const allowance = z.object({
  programme,
  monthlyAmountFen: fen,
  startDate: isoDate,
  status: z.enum(['active', 'ended']),
  endedOn: isoDate.optional(),
  gradualExitUntil: isoDate.optional().meta({ description: '渐退 paid until this day, then ended' }),
});

const household = z.object({
  householdId,
  district,
  category: z.enum(CATEGORY_CODES),
  recognisedOn: isoDate,
  area: z.enum(['urban', 'rural']).optional(),
  monthlyIncomeFen: fen.optional(),
  members: z.array(z.object({ personRef, maskedIdentityNumber, relationship: z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']) })),
  allowances: z.array(allowance),
  updatedAt: isoDateTime,
});

const chainEntry = z.object({
  householdId,
  at: isoDateTime,
  entryId: z.string(),
  kind: z.enum(CHAIN_ENTRY_KINDS),
  actor: z.string().meta({ description: 'the department or platform function that acted' }),
  summary: z.string(),
  refs: z.record(z.string(), z.string()).meta({ description: 'ids it refers to: recordId, warningId, programme …' }),
});

/** 一户一条救助链. */
export const assistanceChain = z
  .object({
    householdId,
    household: household.nullable().meta({ description: 'null when only the chain is left (the household was never on the roll, e.g. a lead)' }),
    warnings: z.array(
      z.object({
        warningId,
        indicator: indicatorId,
        title: z.string(),
        status: z.enum(WARNING_STATUSES),
        recipients: z.array(recipient),
        raisedAt: isoDateTime,
        dueBy: isoDateTime,
        acknowledgedBy: z.array(z.string()),
        outcomes: z.array(z.object({ department: recipient, outcome: answerKind, handledBy: z.string(), resolvedAt: isoDateTime })),
      }),
    ),
    chain: z.array(chainEntry).meta({ description: 'every entry in time order' }),
  })
  .meta({ title: '救助链 Assistance chain' });

/** 需求清单. */
export const needsList = z
  .object({
    householdId,
    needs: z.array(
      z.object({
        warningId,
        indicator: indicatorId,
        need: z.string().meta({ description: 'what must be done' }),
        why: z.string(),
        waitingFor: z.array(recipient).meta({ description: 'recipients that have not answered yet' }),
        dueBy: isoDateTime,
        overdue: z.boolean(),
      }),
    ),
  })
  .meta({ title: '需求清单 Needs list' });

/** 幸福清单. */
export const happinessList = z
  .object({
    householdId,
    allowances: z.array(allowance),
    delivered: z.array(z.object({ at: isoDateTime, by: z.string(), what: z.string(), warningId: warningId.optional() })),
  })
  .meta({ title: '幸福清单 Happiness list' });

const personBase = {
  inDatabase: z.boolean().meta({ description: '是否在低收入人口数据库 whether the person is in the low-income database' }),
  category: z.enum(CATEGORY_CODES).nullable(),
  categoryName: z.string().nullable().meta({ description: 'the category’s Chinese name' }),
};

/** 信息查询: shaped by the department's duties (the three shapes below). */
export const personQueryAnswer = z
  .union([
    z
      .strictObject({
        ...personBase,
        personRef,
        householdId: householdId.nullable(),
        district: district.nullable(),
        activeProgrammes: z.array(programme),
        chain: z.array(z.object({ at: isoDateTime, department: z.enum(DEPARTMENT_CODES), recordType: z.enum(RECORD_TYPE_CODES), recordId: z.string() })).meta({ description: '一人一条救助链 what each department reported about the person, in order' }),
      })
      .meta({ title: 'Civil affairs, county coordination, supervision', description: '民政、县级协调机制、数字监督: the person’s household and own chain' }),
    z.strictObject({ ...personBase, legalAidEligible: z.boolean() }).meta({ title: 'Justice', description: '司法: whether legal aid is due by the category' }),
    z.strictObject(personBase).meta({ title: 'Other departments', description: 'whether, and in which category' }),
  ])
  .meta({ title: '信息查询结果 Person query answer' });

/** 项目清单. */
export const projectList = z
  .object({
    projects: z.array(
      z.object({
        code: z.string().regex(PROGRAMME_CODE),
        name: z.string(),
        department: z.enum(DEPARTMENT_CODES),
        layer: z.enum(LAYERS),
        categories: z.array(z.enum(CATEGORY_CODES)).meta({ description: 'categories it is meant for; empty: decided case by case' }),
      }),
    ),
  })
  .meta({ title: '项目清单 Project list' });

const counters = z.record(z.string(), z.number()).meta({ description: 'counters: raised, answered, overdue, handlingSeconds, granted, grantedFen …' });
/** 统计. */
export const monthlyStatistics = z
  .object({
    month,
    totals: z.object({
      raised: count,
      answered: count,
      overdue: count,
      overdueRate: z.number().min(0).meta({ description: 'overdue ÷ raised' }),
      averageHandlingHours: z.number().nullable(),
      assistanceGranted: count,
      assistanceGrantedFen: fen,
    }),
    byIndicator: z.record(z.string(), counters),
    byDepartment: z.record(z.string(), counters),
    byDistrict: z.record(z.string(), counters),
    happinessByProgrammeAndDistrict: z.record(z.string(), counters).meta({ description: 'keyed `<programme>#DIST#<district>`' }),
  })
  .meta({ title: '月度统计 Monthly statistics' });

/** 公示. */
export const disclosureList = z
  .object({
    month,
    district: z.union([z.literal('*'), district]),
    lines: z.array(
      z.object({
        district,
        kind: z.enum(['allowance', 'grant']),
        maskedHeadIdentityNumber: maskedIdentityNumber,
        members: count,
        category: z.enum(CATEGORY_CODES),
        programme,
        department: recipient,
        amountFen: fen.meta({ description: 'per month for allowances, in total for grants (fen)' }),
        periodStart: isoDate,
        periodEnd: isoDate.optional(),
      }),
    ),
  })
  .meta({ title: '公示名单 Public disclosure' });

const policyValue = z.union([z.number(), z.string(), z.boolean()]);
const policyRow = z.object({
  name: z.string(),
  value: policyValue,
  district: z.union([z.literal('*'), district]).meta({ description: '`*`: the whole city' }),
  effectiveFrom: isoDate,
  effectiveTo: isoDate,
  unit: z.string().optional(),
  source: z.string().meta({ description: 'the document that sets it' }),
});

/** 参数. */
export const policyParameters = z
  .object({
    version: count.meta({ description: 'the policy version (0: as shipped)' }),
    on: isoDate,
    district: z.union([z.literal('*'), district]),
    parameters: z.array(policyRow),
  })
  .meta({ title: '政策参数 Policy parameters in force' });

/** One change of the policy book, as its trail keeps it. */
export const policyChange = z
  .object({
    version: count,
    changedAt: isoDateTime,
    changedBy: z.string().meta({ description: 'the verified role session (经办人)' }),
    department: recipient,
    reason: z.string(),
    diffs: z.array(z.object({ name: z.string(), district: z.string(), effectiveFrom: isoDate, old: policyRow.nullable(), new: policyRow.nullable() })),
    requestHash: z.string().optional().meta({ description: 'SHA-256 of the request: the same request sent again is recognised' }),
  })
  .meta({ title: '参数调整 Policy change' });

export const policyChanges = z.object({ changes: z.array(policyChange) }).meta({ title: '参数调整记录 Policy changes' });

const tierCounts = z.record(z.string(), count).meta({ description: 'households by category (`none`: no category)' });
const jobHead = {
  jobId: z.string().regex(WHAT_IF_JOB_ID_PATTERN),
  progress: z.object({ households: count, shardsDone: count, shards: count }),
  location: z.string().meta({ description: 'GET it for the progress and the report' }),
  requestedAt: isoDateTime,
  basedOnVersion: count,
  on: isoDate,
};

/** 测算: a what-if job, running, done with its report, or failed. */
export const whatIfJob = z
  .union([
    z
      .strictObject({
        ...jobHead,
        status: z.literal('done'),
        households: count,
        categoryChanges: count,
        byDistrict: z.record(z.string(), z.object({ households: count, categoryChanges: count, transitions: z.record(z.string(), count) })),
        categoriesNow: tierCounts,
        categoriesProposed: tierCounts,
        warnings: z.object({ total: count, byIndicator: z.record(z.string(), count), byDistrict: z.record(z.string(), count) }),
        unclassified: count,
        notEstimated: z.array(z.string()).meta({ description: 'parameters only record-driven indicators read: not measured here' }),
      })
      .meta({ title: 'Done: the report' }),
    z.strictObject({ ...jobHead, status: z.literal('failed'), failure: z.object({ error: z.string(), message: z.string() }) }).meta({ title: 'Failed' }),
    z.strictObject({ ...jobHead, status: z.enum(['queued', 'running']), message: z.string() }).meta({ title: 'Still running' }),
  ])
  .meta({ title: '测算任务 What-if job' });

/**
 * Every refusal the API sends: a stable code for programs, the message for people, and each
 * field at fault (shared/http/api-error.ts builds it; a test holds the two together).
 */
export const errorAnswer = z
  .object({
    error: z.string().meta({ description: 'stable code a program branches on (listed for each response)' }),
    message: z.string().meta({ description: 'for people: Chinese and English' }),
    problems: z
      .array(
        z.object({
          record: count.optional().meta({ description: 'index of the record in the batch, from 0' }),
          recordId: z.string().optional().meta({ description: 'the department’s own id of that record' }),
          field: z.string().meta({ description: 'path of the field, e.g. members[1].identityNumber; (record), (body) or (batch) for the whole' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ title: '错误 Error' });

/** What API Gateway itself answers (no signature, IAM refused, too large, timeout): a message only. */
export const gatewayError = z.object({ message: z.string() }).meta({ title: '网关错误 Gateway error' });
