import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isBilingual } from '../../shared/domain/bilingual';
import { fieldProblems } from '../../shared/domain/errors';
import { warningOutcome } from '../../shared/domain/outcome';
import { policyChangeRequest, whatIfRequest } from '../../shared/domain/policy/policy-change';
import { submissionBatch } from '../../shared/records/batch';
import { RECORD_TYPES, RECORD_TYPE_CODES, type RecordType } from '../../shared/records/catalogue';
import { fieldLabels } from '../../shared/records/labels';
import { personQuery } from '../../shared/records/person-query';
import { deathRecord, identityNumber, rollEntry, withWrongCheckCharacter, yueluHousehold } from '../fixtures/people';
import { SAMPLE_RECORDS } from '../fixtures/records';

/**
 * Every message a record, a batch envelope, an outcome, a query or a policy change can produce
 * reads `中文 / English`: the schemas' own messages, and zod's for everything they leave unsaid
 * (shared/domain/validation-messages.ts). No zod default reaches a department.
 */

const ZOD_ENGLISH = z.locales.en().localeError;
const person = { identityNumber: identityNumber('430104', '1985-06-02', 41), name: '刘建国' };
const sample = (type: RecordType) => SAMPLE_RECORDS[type](person, 7);

const at = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);

/** What zod itself would have said about an issue, to be sure it is never what we say. */
function zodDefault(issue: z.core.$ZodIssue, input: unknown): string {
  const said = ZOD_ENGLISH({ ...issue, input: at(input, issue.path) } as z.core.$ZodRawIssue);
  return typeof said === 'string' ? said : (said?.message ?? '');
}

/** The problems a schema finds in a value, as the API's edge names them (field path, message). */
function problems(schema: z.ZodType, value: unknown, whole = '(record)') {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  for (const issue of parsed.error.issues) {
    expect(issue.message, `${issue.code} at ${issue.path.join('.')}`).not.toBe(zodDefault(issue, value));
    expect(isBilingual(issue.message), issue.message).toBe(true);
  }
  return fieldProblems(parsed.error.issues, whole);
}

const edit = (type: RecordType, change: (r: Record<string, unknown>) => void) => {
  const record = structuredClone(sample(type));
  change(record);
  return record;
};

describe('a record’s problems, in Chinese and English', () => {
  const cases: [string, RecordType, unknown, string, string][] = [
    [
      'a date given as a number',
      'death-record',
      edit('death-record', (r) => (r.dateOfDeath = 20261120)),
      'dateOfDeath',
      '须为 yyyy-mm-dd 格式的日期 / must be a date in the form yyyy-mm-dd',
    ],
    [
      'a date that is no day',
      'death-record',
      edit('death-record', (r) => (r.dateOfDeath = '2026-02-30')),
      'dateOfDeath',
      '须为 yyyy-mm-dd 格式的日期 / must be a date in the form yyyy-mm-dd',
    ],
    ['a missing field', 'death-record', edit('death-record', (r) => delete r.certificateNumber), 'certificateNumber', '必填 / is required'],
    ['a missing date', 'death-record', edit('death-record', (r) => delete r.dateOfDeath), 'dateOfDeath', '必填 / is required'],
    ['a missing district', 'death-record', edit('death-record', (r) => delete r.district), 'district', '必填 / is required'],
    [
      'a certificate number in lower case',
      'death-record',
      edit('death-record', (r) => (r.certificateNumber = 'h4301-77')),
      'certificateNumber',
      '须为 6–20 个大写字母或数字 / must be 6-20 upper-case letters or digits',
    ],
    [
      'a district of another city',
      'death-record',
      edit('death-record', (r) => (r.district = '430100')),
      'district',
      "须为本市区县代码之一：430102、430103、430104、430105、430111、430112、430121、430181、430182 / must be one of the city's district codes: 430102, 430103, 430104, 430105, 430111, 430112, 430121, 430181, 430182",
    ],
    [
      'a field the record has not',
      'death-record',
      edit('death-record', (r) => (r.causeOfDeath = 'stroke')),
      'causeOfDeath',
      '此处没有这个字段，请删除 / not a field here; remove it',
    ],
    ['another record type', 'death-record', edit('death-record', (r) => (r.type = 'birth-record')), 'type', '须为 death-record / must be death-record'],
    [
      'a check character that does not match',
      'death-record',
      { ...deathRecord(), identityNumber: withWrongCheckCharacter(deathRecord().identityNumber) },
      'identityNumber',
      '公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2） / identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
    ],
    [
      'an identity number one digit short',
      'death-record',
      { ...deathRecord(), identityNumber: deathRecord().identityNumber.slice(0, 17) },
      'identityNumber',
      '公民身份号码须为 17 位数字加 1 位数字或 X（GB 11643） / identity number must be 17 digits followed by a digit or X (GB 11643)',
    ],
    [
      'an identity number born on no day',
      'death-record',
      { ...deathRecord(), identityNumber: '430104194802300012' },
      'identityNumber',
      '公民身份号码第 7–14 位的出生日期不是有效日期 / identity number: the birth date in positions 7-14 is not a calendar date',
    ],
    ['an empty name', 'death-record', { ...deathRecord(), name: ' ' }, 'name', '姓名不能为空 / the name must not be empty'],
    [
      'an amount as text',
      'medical-spending',
      edit('medical-spending', (r) => (r.totalCostFen = '4200000')),
      'totalCostFen',
      '须为以分计的整数金额 / must be a whole number of fen',
    ],
    [
      'an amount in yuan',
      'medical-spending',
      edit('medical-spending', (r) => (r.totalCostFen = 42000.5)),
      'totalCostFen',
      '须为以分计的整数金额 / must be a whole number of fen',
    ],
    [
      'a negative amount',
      'medical-spending',
      edit('medical-spending', (r) => (r.outOfPocketFen = -100)),
      'outOfPocketFen',
      '金额不能为负数 / must not be negative',
    ],
    [
      'more paid than spent',
      'medical-spending',
      edit('medical-spending', (r) => (r.outOfPocketFen = 5_000_000)),
      'outOfPocketFen',
      '不得超过医疗总费用 totalCostFen / must not exceed totalCostFen',
    ],
    [
      'an end before its start',
      'medical-spending',
      edit('medical-spending', (r) => (r.periodEnd = '2026-06-30')),
      'periodEnd',
      '不得早于 periodStart（2026-07-01） / must not be before periodStart (2026-07-01)',
    ],
    ['a grade above four', 'disability-certificate', edit('disability-certificate', (r) => (r.grade = 5)), 'grade', '不得大于 4 / must be at most 4'],
    [
      'a grade as text',
      'disability-certificate',
      edit('disability-certificate', (r) => (r.grade = '2')),
      'grade',
      '须为数字，不能是文本 / must be a number, not text',
    ],
    ['half a grade', 'disability-certificate', edit('disability-certificate', (r) => (r.grade = 2.5)), 'grade', '须为整数 / must be a whole number'],
    [
      'a yes written out',
      'housing-condition',
      edit('housing-condition', (r) => (r.onlyHome = 'yes')),
      'onlyHome',
      '须为布尔值（true 或 false），不能是文本 / must be true or false, not text',
    ],
    [
      'a grade that is not one',
      'housing-condition',
      edit('housing-condition', (r) => (r.dangerousHouseGrade = 'E')),
      'dangerousHouseGrade',
      '须为以下之一：A、B、C、D / must be one of: A, B, C, D',
    ],
    ['no members', 'low-income-roll-entry', { ...rollEntry(), members: [] }, 'members', '至少须有 1 项 / must hold at least one item'],
    ['members as an object', 'low-income-roll-entry', { ...rollEntry(), members: {} }, 'members', '须为数组，不能是对象 / must be a list, not an object'],
    [
      'a member twice',
      'low-income-roll-entry',
      { ...rollEntry(), members: [...rollEntry().members, rollEntry().members[0]] },
      'members[2].identityNumber',
      '该成员重复列出 / member listed twice',
    ],
    [
      'a relationship that is none',
      'low-income-roll-entry',
      { ...rollEntry(), members: [{ ...rollEntry().members[0], relationship: 'cousin' }] },
      'members[0].relationship',
      '须为以下之一：head、spouse、child、parent、grandchild、sibling、other / must be one of: head, spouse, child, parent, grandchild, sibling, other',
    ],
    [
      'a dibao household without its allowance',
      'low-income-roll-entry',
      { ...rollEntry(), allowance: undefined },
      'allowance',
      'DIBAO 类家庭须填写救助待遇 / a DIBAO household must state its allowance',
    ],
    [
      'an allowance without its start',
      'low-income-roll-entry',
      { ...rollEntry(), allowance: { programme: 'dibao-allowance', monthlyAmountFen: 75_000 } },
      'allowance.startDate',
      '必填 / is required',
    ],
    [
      'a period that ends before it starts',
      'economic-investigation',
      edit('economic-investigation', (r) => (r.period = { from: '2026-10-31', to: '2026-05-01' })),
      'period.to',
      '不得早于调查期起始日 period.from / must not be before period.from',
    ],
    [
      'spending outside the period',
      'economic-investigation',
      edit('economic-investigation', (r) => ((r.necessarySpending as { on: string }[])[0]!.on = '2026-11-01')),
      'necessarySpending[0].on',
      '须在调查期间内（2026-05-01 至 2026-10-31） / must be within the period investigated (2026-05-01 to 2026-10-31)',
    ],
    [
      'a description of one character',
      'visit-report',
      edit('visit-report', (r) => ((r.changes as { description: string }[])[0]!.description = '病')),
      'changes[0].description',
      '至少 2 个字符 / must be at least 2 characters',
    ],
    [
      'nine needs',
      'visit-report',
      edit('visit-report', (r) => (r.needs = ['living', 'medical', 'education', 'housing', 'employment', 'care', 'legal', 'other', 'living'])),
      'needs',
      '最多 8 项 / must hold at most 8 items',
    ],
    ['no changes', 'visit-report', edit('visit-report', (r) => (r.changes = [])), 'changes', '至少须有 1 项 / must hold at least one item'],
    [
      'a school year of two years',
      'student-enrolment',
      edit('student-enrolment', (r) => (r.schoolYear = '2026-2028')),
      'schoolYear',
      '学年的后一年须紧接前一年 / the second year must follow the first',
    ],
    [
      'a thirteenth month',
      'pension-record',
      edit('pension-record', (r) => (r.month = '2026-13')),
      'month',
      '须为 yyyy-mm 格式的月份 / must be a month in the form yyyy-mm',
    ],
    ['a year before the scheme', 'premium-subsidy', edit('premium-subsidy', (r) => (r.year = 2019)), 'year', '不得小于 2020 / must be at least 2020'],
    ['a record that is text', 'legal-aid-case', '法律援助案件', '(record)', '须为对象，不能是文本 / must be an object, not text'],
  ];

  it.each(cases)('%s (%s)', (_, type, record, field, message) => {
    expect(problems(RECORD_TYPES[type].schema, record)).toContainEqual({ field, message });
  });
});

describe('a request’s problems, in Chinese and English', () => {
  const change = {
    expectedVersion: 3,
    reason: '2027 年低保标准调整',
    parameters: [
      {
        name: 'dibao.standardMonthlyFen',
        value: 95_000,
        district: '*',
        effectiveFrom: '2027-01-01',
        effectiveTo: '2027-12-31',
        source: '长沙市人民政府 2026 第 31 号',
      },
    ],
  };
  const row = change.parameters[0]!;
  const cases: [string, z.ZodType, unknown, string, string][] = [
    [
      'a batch id too short',
      submissionBatch,
      { batchId: 'b1', records: [deathRecord()] },
      'batchId',
      '须为 8–128 个字母、数字或 . _ : -，以字母或数字开头 / must be 8-128 letters, digits, ".", "_", ":" or "-"',
    ],
    [
      'a batch of 501 records',
      submissionBatch,
      { batchId: 'health-2026-11-21-001', records: Array.from({ length: 501 }, () => ({})) },
      'records',
      '最多 500 条记录 / must hold at most 500 records',
    ],
    ['a batch with no records key', submissionBatch, { batchId: 'health-2026-11-21-001' }, 'records', '必填 / is required'],
    [
      'a batch with a key of its own',
      submissionBatch,
      { batchId: 'health-2026-11-21-001', records: [deathRecord()], sentBy: 'x' },
      'sentBy',
      '此处没有这个字段，请删除 / not a field here; remove it',
    ],
    [
      'an outcome of no kind',
      warningOutcome,
      { outcome: 'closed', reason: '已处理完毕', handledBy: 'YL-0413' },
      'outcome',
      '处置结果 outcome 须为以下之一：assistance-ended、assistance-adjusted、enrolled、not-eligible、transferred、referred-to-county-coordination、no-action-needed / outcome must be one of assistance-ended, assistance-adjusted, enrolled, not-eligible, transferred, referred-to-county-coordination, no-action-needed',
    ],
    [
      'a negative adjusted amount',
      warningOutcome,
      {
        outcome: 'assistance-adjusted',
        programme: 'dibao-allowance',
        monthlyAmountFen: -5,
        effectiveFrom: '2026-12-01',
        reason: '家庭收入变化',
        handledBy: 'YL-0413',
      },
      'monthlyAmountFen',
      '不能为负数 / must not be negative',
    ],
    [
      'an enrolment that ends before it starts',
      warningOutcome,
      {
        outcome: 'enrolled',
        programme: 'medical-assistance',
        amountFen: 500_000,
        periodStart: '2026-12-01',
        periodEnd: '2026-11-01',
        reason: '纳入医疗救助',
        handledBy: 'YB-0102',
      },
      'periodEnd',
      '不得早于救助期间起始日 periodStart / must not be before periodStart',
    ],
    [
      'consent after the transfer',
      warningOutcome,
      {
        outcome: 'transferred',
        category: 'DIBAO_EDGE',
        effectiveFrom: '2026-12-01',
        consent: { givenOn: '2026-12-05', documentRef: 'TY-2026-0031' },
        reason: '收入好转转认定',
        handledBy: 'YL-0413',
      },
      'consent.givenOn',
      '同意日期不得晚于生效日期 effectiveFrom / consent must be given on or before effectiveFrom',
    ],
    [
      'an officer without a staff number',
      warningOutcome,
      { outcome: 'not-eligible', reason: '不符合条件', handledBy: '王' },
      'handledBy',
      '须为经办人工号 / must be the handling officer’s staff number',
    ],
    [
      'a value of null',
      policyChangeRequest,
      { ...change, parameters: [{ ...row, value: null }] },
      'parameters[0].value',
      '须为数字、文本、布尔值（true 或 false）之一 / must be a number, text or true or false',
    ],
    [
      'a district of no kind',
      policyChangeRequest,
      { ...change, parameters: [{ ...row, district: 'city' }] },
      'parameters[0].district',
      '须为以下之一：*、430102、430103、430104、430105、430111、430112、430121、430181、430182 / must be one of: *, 430102, 430103, 430104, 430105, 430111, 430112, 430121, 430181, 430182',
    ],
    [
      'a range the wrong way round',
      policyChangeRequest,
      { ...change, parameters: [{ ...row, effectiveTo: '2026-12-31' }] },
      'parameters[0].effectiveTo',
      '失效日期早于生效日期 / effectiveTo is before effectiveFrom',
    ],
    ['a negative version', policyChangeRequest, { ...change, expectedVersion: -1 }, 'expectedVersion', '不能为负数 / must not be negative'],
    ['a version as text', policyChangeRequest, { ...change, expectedVersion: '3' }, 'expectedVersion', '须为数字，不能是文本 / must be a number, not text'],
    ['no rows', whatIfRequest, { parameters: [] }, 'parameters', '至少须有 1 项 / must hold at least one item'],
    [
      'a day that is none',
      whatIfRequest,
      { parameters: change.parameters, on: 'tomorrow' },
      'on',
      '须为 yyyy-mm-dd 格式的日期 / must be a date in the form yyyy-mm-dd',
    ],
    [
      'a purpose too short',
      personQuery,
      { identityNumber: yueluHousehold.grandmother.identityNumber, purpose: '核查' },
      'purpose',
      '至少 4 个字符 / must be at least 4 characters',
    ],
    ['a query that is a list', personQuery, [], '(body)', '须为对象，不能是数组 / must be an object, not a list'],
  ];

  it.each(cases)('%s', (_, schema, value, field, message) => {
    expect(problems(schema, value, '(body)')).toContainEqual({ field, message });
  });
});

describe('no zod default reaches a department', () => {
  /** Values of the wrong kind, of the wrong size, and nothing at all. */
  const BAD_VALUES: unknown[] = [null, 12_345, -1, 1.5, Number.NaN, 'abc', '', 'x'.repeat(3000), true, [], [1, 2], {}, { a: 1 }];

  /** The paths of every field of a record, arrays indexed at their first item. */
  const pathsOf = (type: RecordType) => Object.keys(fieldLabels(type)).map((p) => p.split('.').flatMap((k) => (k.endsWith('[]') ? [k.slice(0, -2), 0] : [k])));

  const setAt = (record: unknown, path: readonly (string | number)[], value: unknown) => {
    const copy = structuredClone(record) as Record<string | number, unknown>;
    let node: Record<string | number, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = node?.[key];
      node = next && typeof next === 'object' ? (next as Record<string | number, unknown>) : undefined;
    }
    if (!node) return undefined;
    const last = path.at(-1)!;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  };

  it.each(RECORD_TYPE_CODES)('%s: every field given every wrong value', (type) => {
    const schema = RECORD_TYPES[type].schema;
    const valid = type === 'low-income-roll-entry' ? rollEntry() : sample(type);
    expect(schema.safeParse(valid).success).toBe(true);
    let checked = 0;
    for (const path of pathsOf(type)) {
      for (const value of [...BAD_VALUES, undefined]) {
        const record = setAt(valid, path, value);
        if (record === undefined) continue;
        checked += problems(schema, record).length;
      }
    }
    for (const whole of [null, 'record', 7, [], { ...valid, extra: 1 }]) checked += problems(schema, whole).length;
    // Most of these are refused, every one of them in Chinese and English (asserted in `problems`).
    expect(checked).toBeGreaterThan(pathsOf(type).length * 5);
  });

  it('every request body: every top-level field given every wrong value', () => {
    const bodies: [z.ZodType, Record<string, unknown>][] = [
      [submissionBatch, { batchId: 'health-2026-11-21-001', records: [deathRecord()] }],
      [
        warningOutcome,
        {
          outcome: 'enrolled',
          programme: 'medical-assistance',
          amountFen: 500_000,
          periodStart: '2026-11-01',
          periodEnd: '2026-12-31',
          reason: '纳入医疗救助',
          handledBy: 'YB-0102',
        },
      ],
      [
        policyChangeRequest,
        {
          expectedVersion: 0,
          reason: '2027 年低保标准调整',
          parameters: [
            {
              name: 'dibao.standardMonthlyFen',
              value: 95_000,
              district: '*',
              effectiveFrom: '2027-01-01',
              effectiveTo: '2027-12-31',
              source: '长沙市人民政府 2026 第 31 号',
            },
          ],
        },
      ],
      [personQuery, { identityNumber: yueluHousehold.grandmother.identityNumber, purpose: '核查医疗救助对象身份' }],
    ];
    for (const [schema, valid] of bodies) {
      expect(schema.safeParse(valid).success).toBe(true);
      for (const key of Object.keys(valid)) for (const value of [...BAD_VALUES, undefined]) problems(schema, setAt(valid, [key], value), '(body)');
    }
  });
});
