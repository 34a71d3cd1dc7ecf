import { addCalendarDays } from '../city-time';
import * as z from 'zod';
import { unlessMissing } from '../validation-messages';
import { bilingual, joinBilingual, label, splitBilingual } from '../bilingual';
import { freeText } from '../../privacy/free-text';
import { DISTRICT_CODES } from '../districts';
import { DomainError } from '../errors';
import type { PolicyParameter, PolicyValue } from './policy-book';

/**
 * A change to the policy book, as an administrator proposes it (参数调整): rows to put, each a
 * parameter value for a district (or the whole city) over an effective date range. A row with the
 * same name, district and start date replaces the one there; a row starting inside an existing
 * range ends that range the day before, so on any day exactly one value is in force.
 */
const isoDate = z.iso.date({ error: unlessMissing(bilingual('须为 yyyy-mm-dd 格式的日期', 'must be a date in the form yyyy-mm-dd')) });

export const parameterRow = z
  .strictObject({
    name: z.string().min(1).max(120).meta(label('参数名称', 'Parameter name')),
    value: z.union([z.number().finite(), freeText({ min: 1, max: 2000 }), z.boolean()]).meta(label('参数值', 'Value')),
    district: z.union([z.literal('*'), z.enum(DISTRICT_CODES)]).meta(label('适用区县（* 为全市）', 'District (* for the whole city)')),
    effectiveFrom: isoDate.meta(label('生效日期', 'Effective from')),
    effectiveTo: isoDate.meta(label('失效日期', 'Effective to')),
    unit: freeText({ max: 60 }).meta(label('计量单位', 'Unit')).optional(),
    source: freeText({ max: 300 }).meta(label('政策依据', 'Source')),
  })
  .refine((r) => r.effectiveFrom <= r.effectiveTo, {
    path: ['effectiveTo'],
    message: bilingual('失效日期早于生效日期', 'effectiveTo is before effectiveFrom'),
  });

export const policyChangeRequest = z.strictObject({
  /** The version the administrator looked at; a change made meanwhile by someone else refuses this one. */
  expectedVersion: z.number().int().min(0).meta(label('所依据的政策版本', 'Expected version')),
  reason: freeText({ max: 1000 }).meta(label('调整理由', 'Reason')),
  parameters: z.array(parameterRow).min(1).max(25).meta(label('调整的参数', 'Parameters')),
});
export type PolicyChangeRequest = z.infer<typeof policyChangeRequest>;

export const whatIfRequest = z.strictObject({
  parameters: z.array(parameterRow).min(1).max(25).meta(label('测算的参数', 'Parameters')),
  /** The day to evaluate on; defaults to today. */
  on: isoDate.meta(label('测算日期', 'Day evaluated')).optional(),
});
export type WhatIfRequest = z.infer<typeof whatIfRequest>;

export interface ParameterDiff {
  name: string;
  district: string;
  effectiveFrom: string;
  old: PolicyParameter | null;
  new: PolicyParameter | null;
}

/** One administrator change of the policy book, as the audit trail keeps it. */
export interface PolicyChangeEntry {
  version: number;
  changedAt: string;
  /** The verified caller (role ARN with its session name) and its department. */
  changedBy: string;
  department: string;
  reason: string;
  diffs: ParameterDiff[];
  /** SHA-256 of the request as sent: the same request sent again is recognised as a retry. */
  requestHash?: string;
}

export interface PolicyProblem {
  field: string;
  message: string;
}

/** A change the policy book cannot take, naming each row's field at fault. */
export class PolicyChangeError extends DomainError {
  constructor(override readonly problems: PolicyProblem[]) {
    super('InvalidInput', 'InvalidPolicyChange', problemsMessage(problems), problems);
    this.name = 'PolicyChangeError';
  }
}

/** Problems as one message, field by field, in each language. */
export function problemsMessage(problems: readonly PolicyProblem[]): string {
  return joinBilingual(
    problems.map((p) => {
      const { zh, en } = splitBilingual(p.message);
      return bilingual(`${p.field}：${zh}`, `${p.field}: ${en}`);
    }),
  );
}

export const rowKey = (p: Pick<PolicyParameter, 'name' | 'district' | 'effectiveFrom'>) => `${p.name}#${p.district}#${p.effectiveFrom}`;

const typeOf = (v: PolicyValue) => typeof v;
const VALUE_TYPES: Record<string, string> = { number: '数字', string: '文本', boolean: '布尔值' };

/**
 * Applies the rows to the book's current rows. Only parameters the code knows can be set (an
 * unknown name is a typo that would change nothing), with the type they have, and a number must
 * not be negative. Returns the rows after the change and, per touched row, the old and new value.
 */
export function applyPolicyChange(
  current: readonly PolicyParameter[],
  rows: readonly z.infer<typeof parameterRow>[],
): { next: PolicyParameter[]; diffs: ParameterDiff[] } {
  const problems: PolicyProblem[] = [];
  const known = new Map<string, PolicyValue>();
  for (const p of current) known.set(p.name, p.value);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = (field: string) => `parameters[${i}].${field}`;
    const example = known.get(row.name);
    if (example === undefined)
      problems.push({ field: at('name'), message: bilingual(`没有名为 ${row.name} 的政策参数`, `no policy parameter is called ${row.name}`) });
    else if (typeOf(example) !== typeOf(row.value)) {
      problems.push({
        field: at('value'),
        message: bilingual(
          `${row.name} 的值须为${VALUE_TYPES[typeOf(example)]}，不能是${VALUE_TYPES[typeOf(row.value)]}`,
          `${row.name} is a ${typeOf(example)}, not a ${typeOf(row.value)}`,
        ),
      });
    } else if (typeof row.value === 'number' && row.value < 0)
      problems.push({ field: at('value'), message: bilingual(`${row.name} 不能为负数`, `${row.name} cannot be negative`) });
    if (seen.has(rowKey(row)))
      problems.push({
        field: at('effectiveFrom'),
        message: bilingual('同一参数、区县和生效日期在本次调整中出现了两次', 'the same parameter, district and start date appear twice in this change'),
      });
    seen.add(rowKey(row));
  });
  if (problems.length) throw new PolicyChangeError(problems);

  // The change that wrote a row is the commit's to say: a row carried over or shortened is written again by this one.
  const next = new Map(current.map(({ changeVersion: _written, ...p }) => [rowKey(p), p as PolicyParameter]));
  const diffs = new Map<string, ParameterDiff>();
  const touch = (key: string, old: PolicyParameter | undefined, now: PolicyParameter | undefined) => {
    const first = diffs.get(key);
    const base = first ? first.old : (old ?? null);
    const ref = (now ?? old)!;
    diffs.set(key, { name: ref.name, district: ref.district, effectiveFrom: ref.effectiveFrom, old: base, new: now ?? null });
  };
  rows.forEach((row, i) => {
    const key = rowKey(row);
    const replaced = next.get(key);
    const neighbours = [...next.values()].filter((p) => p.name === row.name && p.district === row.district && rowKey(p) !== key);
    for (const other of neighbours) {
      const overlaps = other.effectiveFrom <= row.effectiveTo && row.effectiveFrom <= other.effectiveTo;
      if (!overlaps) continue;
      if (other.effectiveFrom < row.effectiveFrom && other.effectiveTo <= row.effectiveTo) {
        // The new value takes over from its start: the old range ends the day before.
        const shortened = { ...other, effectiveTo: addCalendarDays(row.effectiveFrom, -1) };
        touch(rowKey(other), other, shortened);
        next.set(rowKey(other), shortened);
      } else {
        problems.push({
          field: `parameters[${i}].effectiveTo`,
          message: bilingual(
            `与 ${row.name}（${row.district}）${other.effectiveFrom}..${other.effectiveTo} 的现行值重叠；请让新区间在其之前结束，或修改那一行`,
            `overlaps ${row.name} for ${row.district} in force ${other.effectiveFrom}..${other.effectiveTo}; end the new range before it or change that row`,
          ),
        });
      }
    }
    const row2: PolicyParameter = { ...row, unit: row.unit ?? replaced?.unit ?? current.find((p) => p.name === row.name)?.unit };
    if (row2.unit === undefined) delete row2.unit;
    touch(key, replaced, row2);
    next.set(key, row2);
  });
  // A city-wide value must stay in force on every day it was: a gap would leave the functions
  // without a threshold for those days (districts fall back to the city row, so theirs may end).
  for (const d of diffs.values()) {
    if (d.old?.district !== '*') continue;
    const gap = firstUncoveredDay(
      d.old,
      [...next.values()].filter((p) => p.name === d.name && p.district === '*'),
    );
    if (gap) {
      const i = rows.findIndex((r) => r.name === d.name && r.district === '*');
      problems.push({
        field: `parameters[${Math.max(i, 0)}].effectiveTo`,
        message: bilingual(
          `${d.name} 在 ${gap} 将没有全市值；请不间断地覆盖 ${d.old.effectiveFrom}..${d.old.effectiveTo}`,
          `${d.name} would have no city-wide value on ${gap}; cover ${d.old.effectiveFrom}..${d.old.effectiveTo} without a gap`,
        ),
      });
    }
  }
  if (problems.length) throw new PolicyChangeError(problems);
  return { next: [...next.values()], diffs: [...diffs.values()] };
}

/** The first day of `range` that none of `rows` covers, if any. */
function firstUncoveredDay(range: Pick<PolicyParameter, 'effectiveFrom' | 'effectiveTo'>, rows: readonly PolicyParameter[]): string | undefined {
  let day = range.effectiveFrom;
  const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  while (day <= range.effectiveTo) {
    const covering = sorted.filter((r) => r.effectiveFrom <= day && day <= r.effectiveTo);
    if (!covering.length) return day;
    const reach = covering.reduce((m, r) => (r.effectiveTo > m ? r.effectiveTo : m), day);
    if (reach >= range.effectiveTo) return undefined; // also ends the walk at an open end (9999-12-31)
    day = addCalendarDays(reach, 1);
  }
  return undefined;
}
