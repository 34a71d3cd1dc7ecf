import { addCalendarDays } from '../city-time';
import * as z from 'zod';
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
const isoDate = z.iso.date();

export const parameterRow = z
  .strictObject({
    name: z.string().min(1).max(120),
    value: z.union([z.number().finite(), freeText({ min: 1, max: 2000 }), z.boolean()]),
    district: z.union([z.literal('*'), z.enum(DISTRICT_CODES)]),
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    unit: freeText({ max: 60 }).optional(),
    source: freeText({ max: 300 }),
  })
  .refine((r) => r.effectiveFrom <= r.effectiveTo, { path: ['effectiveTo'], message: 'effectiveTo is before effectiveFrom' });

export const policyChangeRequest = z.strictObject({
  /** The version the administrator looked at; a change made meanwhile by someone else refuses this one. */
  expectedVersion: z.number().int().min(0),
  reason: freeText({ max: 1000 }),
  parameters: z.array(parameterRow).min(1).max(25),
});
export type PolicyChangeRequest = z.infer<typeof policyChangeRequest>;

export const whatIfRequest = z.strictObject({
  parameters: z.array(parameterRow).min(1).max(25),
  /** The day to evaluate on; defaults to today. */
  on: isoDate.optional(),
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
    super('InvalidInput', 'InvalidPolicyChange', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    this.name = 'PolicyChangeError';
  }
}

export const rowKey = (p: Pick<PolicyParameter, 'name' | 'district' | 'effectiveFrom'>) => `${p.name}#${p.district}#${p.effectiveFrom}`;

const typeOf = (v: PolicyValue) => typeof v;

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
    if (example === undefined) problems.push({ field: at('name'), message: `no policy parameter is called ${row.name}` });
    else if (typeOf(example) !== typeOf(row.value))
      problems.push({ field: at('value'), message: `${row.name} is a ${typeOf(example)}, not a ${typeOf(row.value)}` });
    else if (typeof row.value === 'number' && row.value < 0) problems.push({ field: at('value'), message: `${row.name} cannot be negative` });
    if (seen.has(rowKey(row)))
      problems.push({ field: at('effectiveFrom'), message: 'the same parameter, district and start date appear twice in this change' });
    seen.add(rowKey(row));
  });
  if (problems.length) throw new PolicyChangeError(problems);

  const next = new Map(current.map((p) => [rowKey(p), { ...p }]));
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
          message: `overlaps ${row.name} for ${row.district} in force ${other.effectiveFrom}..${other.effectiveTo}; end the new range before it or change that row`,
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
        message: `${d.name} would have no city-wide value on ${gap}; cover ${d.old.effectiveFrom}..${d.old.effectiveTo} without a gap`,
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
