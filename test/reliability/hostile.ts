import fc from 'fast-check';
import { isWarningRecipient, WARNING_RECIPIENTS, type Department, type WarningRecipient } from '../../shared/domain/departments';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { birthDateOf } from '../../shared/domain/identity-number';
import { addCalendarDays, cityDay } from '../../shared/domain/city-time';
import { API_ROUTES } from '../../shared/platform/api';
import { RECORD_TYPES, RECORD_TYPE_CODES, type RecordType } from '../../shared/records/catalogue';
import { SCHEDULED_DATE_FIELDS } from '../../shared/records/plausibility';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { identityNumber, nameFor, withWrongCheckCharacter } from '../fixtures/people';
import {
  BANK_CARD_SHAPES,
  CLEAN_DESCRIPTIONS,
  HIDDEN_CHARACTERS,
  IDENTITY_NUMBER_SHAPES,
  MOBILE_NUMBER_SHAPES,
  bankCardNumber,
  mobileNumber,
} from '../fixtures/disguises';

/** What a correct platform must answer to a generated request. */
export interface Expectation {
  /** `class:variant`; the class (before the colon) is what the figures count by. */
  kind: string;
  /** 400 or 403 for record problems; envelope problems accept any 4xx. */
  expectStatus?: 400 | 403;
  /** The `error` code the answer must carry, where one cause is certain. */
  expectError?: string;
  /** Problems the answer must name: record index (none for the envelope, a header or a path) and field (a prefix is enough for nested fields), with a part of the message where the cause is certain. */
  expectProblems: ExpectedProblem[];
}

export interface ExpectedProblem {
  record?: number;
  field: string;
  message?: string;
}

/**
 * Generated malformed and hostile submissions. Each carries what a correct platform must
 * answer: the status class, and for record-level defects the index and field to be named.
 */
export interface HostileCase extends Expectation {
  /** The department in the URL, and the department the signed caller is. */
  department: Department;
  caller: Department;
  body: string | null;
  headers?: Record<string, string>;
  /** Sent this many times at once (the same request, concurrently). */
  copies?: number;
}

/** A request to another route than the submissions, for the HTTP sample (paths, queries). */
export interface PathCase extends Expectation {
  caller: WarningRecipient;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** The class of a case: the part of its kind before the first colon. */
export const classOf = (c: Expectation) => c.kind.split(':')[0]!;

export const INJECTIONS = [
  "'; DROP TABLE households; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '$(rm -rf /)',
  '\u0000\u0001\u0002',
  '{"$ne": null}',
  'attribute_exists(PK)',
  '#PROFILE',
  'HH#430104-2025-000317',
  '\uFEFF\u202E4301041948',
  '💥'.repeat(40),
];

const PERSON_TYPES = RECORD_TYPE_CODES.filter((t) => 'identityNumber' in SAMPLE_RECORDS[t]({ identityNumber: 'x', name: 'y' }, 1));
const TYPES_BY_DEPARTMENT = new Map<Department, RecordType[]>();
for (const t of RECORD_TYPE_CODES) {
  const d = RECORD_TYPES[t].department as Department;
  TYPES_BY_DEPARTMENT.set(d, [...(TYPES_BY_DEPARTMENT.get(d) ?? []), t]);
}
const DEPARTMENTS = [...TYPES_BY_DEPARTMENT.keys()];
const PERSON_DEPARTMENTS = DEPARTMENTS.filter((d) => TYPES_BY_DEPARTMENT.get(d)!.some((t) => PERSON_TYPES.includes(t)));

/** Fields whose removal the schema refuses, per record type (optional fields are left out). */
const REQUIRED: Record<string, string[]> = Object.fromEntries(
  RECORD_TYPE_CODES.map((t) => {
    const sample = SAMPLE_RECORDS[t](person(1), 1);
    const required = Object.keys(sample).filter((k) => k !== 'type' && !RECORD_TYPES[t].schema.safeParse({ ...sample, [k]: undefined }).success);
    return [t, required];
  }),
);

function person(n: number) {
  const year = 1940 + (n % 70);
  return { identityNumber: identityNumber('430104', `${year}-0${(n % 9) + 1}-1${n % 9}`, n % 1000), name: nameFor(n) };
}

export function validRecord(type: RecordType, n: number): Record<string, unknown> {
  return SAMPLE_RECORDS[type](person(n), n);
}

const WRONG_VALUES = [0, -1, 1.5, 1e308, '', 'x', true, null, [], {}, [1, 2], { nested: { deep: 1 } }];

/** A defect applied to a valid record: the record after it, the field to be named and, where the cause is certain, part of the message; undefined where it does not apply. */
interface RecordDefect {
  name: string;
  mutate: (
    own: RecordType,
    dept: Department,
    n: number,
  ) => { record: unknown; field: string; forbidden?: boolean; message?: string; name?: string } | undefined;
}

const recordDefect: fc.Arbitrary<RecordDefect> = fc.oneof(
  fc.nat().map((i) => ({
    name: 'missing-field',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const keys = REQUIRED[t]!;
      const k = keys[i % keys.length]!;
      delete r[k];
      return { record: r, field: k };
    },
  })),
  fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)).map(([i, v]) => ({
    name: 'wrong-type',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const keys = Object.keys(r).filter((k) => k !== 'type');
      const k = keys[i % keys.length]!;
      const bad = { ...r, [k]: v };
      // Only values the schema refuses at that very field (0 for a total may instead trip a
      // cross-field rule named on the other field, which is right but not this case).
      const parsed = RECORD_TYPES[t].schema.safeParse(bad);
      if (parsed.success || !parsed.error.issues.some((i) => i.path[0] === k)) return undefined;
      return { record: bad, field: k };
    },
  })),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => /^[a-zA-Z_$][\w$]*$/.test(k)),
      fc.jsonValue(),
    )
    .map(([k, v]) => ({
      name: 'extra-field',
      mutate: (t: RecordType, _d: Department, n: number) => {
        const r = validRecord(t, n);
        if (k in r) return undefined;
        return { record: { ...r, [k]: v }, field: k };
      },
    })),
  fc.constant({
    name: 'bad-check-character',
    mutate: (t: RecordType, _d: Department, n: number) => {
      if (!PERSON_TYPES.includes(t)) return undefined;
      const r = validRecord(t, n);
      return { record: { ...r, identityNumber: withWrongCheckCharacter(String(r.identityNumber)) }, field: 'identityNumber' };
    },
  }),
  fc.tuple(fc.constantFrom(...INJECTIONS), fc.constantFrom('recordId', 'identityNumber', 'district', 'type')).map(([s, k]) => ({
    name: `injection-${k}`,
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      if (!(k in r)) return undefined;
      return { record: { ...r, [k]: s }, field: k };
    },
  })),
  fc.constantFrom(200_000, 1_000_000).map((size) => ({
    name: 'oversized-field',
    mutate: (t: RecordType, _d: Department, n: number) => {
      if (!PERSON_TYPES.includes(t)) return undefined;
      return { record: { ...validRecord(t, n), name: '名'.repeat(size / 3) }, field: 'name' };
    },
  })),
  fc.string({ minLength: 1, maxLength: 30 }).map((type) => ({
    name: 'unknown-type',
    mutate: (t: RecordType, _d: Department, n: number) => {
      if (Object.hasOwn(RECORD_TYPES, type)) return undefined;
      return { record: { ...validRecord(t, n), type }, field: 'type' };
    },
  })),
  fc.constantFrom(null, 1, 'record', [], [{}], true).map((v) => ({
    name: 'not-an-object',
    mutate: () => ({ record: v, field: '(record)' }),
  })),
  fc.nat().map((i) => ({
    name: 'other-departments-type',
    mutate: (_t: RecordType, d: Department, n: number) => {
      const others = RECORD_TYPE_CODES.filter((x) => RECORD_TYPES[x].department !== d);
      return { record: validRecord(others[i % others.length]!, n), field: 'type', forbidden: true };
    },
  })),
);

type Defects = { field: string; forbidden?: boolean; message?: string }[];

/** Valid records of the department's own types, then the defects applied where they fit. */
function defectiveRecords(
  department: Department,
  size: number,
  typeSeed: readonly number[],
  base: number,
  defects: readonly (readonly [number, RecordDefect])[],
) {
  const own = TYPES_BY_DEPARTMENT.get(department)!;
  const records: unknown[] = Array.from({ length: size }, (_, i) => validRecord(own[typeSeed[i]! % own.length]!, base + i));
  const bad = new Map<number, Defects[number]>();
  const applied = new Set<string>();
  for (const [at, defect] of defects) {
    const i = at % size;
    if (bad.has(i)) continue;
    const type = (records[i] as { type: RecordType }).type;
    const out = defect.mutate(type, department, base + i);
    if (!out) continue;
    records[i] = out.record;
    applied.add(out.name ?? defect.name);
    bad.set(i, { field: out.field, ...(out.forbidden ? { forbidden: true } : {}), ...(out.message ? { message: out.message } : {}) });
  }
  return { records, bad, applied };
}

function batchCase(kind: string, department: Department, base: number, records: unknown[], bad: Map<number, Defects[number]>): HostileCase {
  const forbidden = [...bad].filter(([, b]) => b.forbidden);
  const expected = forbidden.length ? forbidden : [...bad].filter(([, b]) => !b.forbidden);
  return {
    kind,
    department,
    caller: department,
    body: JSON.stringify({ batchId: `${department}-fuzz-${base}`, records }),
    expectStatus: forbidden.length ? 403 : 400,
    expectProblems: expected.map(([record, b]) => ({ record, field: b.field, ...(b.message ? { message: b.message } : {}) })),
  };
}

const batchShape = (departments: readonly Department[], defect: fc.Arbitrary<RecordDefect>, maxSize = 8) =>
  fc.record({
    department: fc.constantFrom(...departments),
    size: fc.integer({ min: 1, max: maxSize }),
    defects: fc.array(fc.tuple(fc.nat(), defect), { minLength: 1, maxLength: 4 }),
    typeSeed: fc.array(fc.nat(), { minLength: maxSize, maxLength: maxSize }),
    base: fc.integer({ min: 1, max: 1_000_000 }),
  });

const recordBatch: fc.Arbitrary<HostileCase> = fc
  .tuple(batchShape(PERSON_DEPARTMENTS, recordDefect), fc.boolean())
  .map(([{ department, size, defects, typeSeed, base }, duplicateId]) => {
    const { records, bad } = defectiveRecords(department, size, typeSeed, base, defects);
    // A record id repeated within the batch: the later record is named.
    const firstValid = records.findIndex((_, i) => !bad.has(i));
    const lastValid = records.findLastIndex((_, i) => !bad.has(i));
    if ((duplicateId || bad.size === 0) && firstValid >= 0 && lastValid > firstValid) {
      (records[lastValid] as Record<string, unknown>).recordId = (records[firstValid] as Record<string, unknown>).recordId;
      bad.set(lastValid, { field: 'recordId' });
    }
    if (bad.size === 0) {
      records[0] = null;
      bad.set(0, { field: '(record)' });
    }
    return batchCase(`records:${[...new Set(defects.map(([, d]) => d.name))].join('+')}`, department, base, records, bad);
  });

/** A batch of one class of defect: only batches where at least one applied (the kind names those that did). */
const classBatch = (className: string, departments: readonly Department[], defect: fc.Arbitrary<RecordDefect>, maxSize = 6): fc.Arbitrary<HostileCase> =>
  batchShape(departments, defect, maxSize)
    .map(({ department, size, defects, typeSeed, base }) => {
      const { records, bad, applied } = defectiveRecords(department, size, typeSeed, base, defects);
      return bad.size ? batchCase(`${className}:${[...applied].join('+')}`, department, base, records, bad) : undefined;
    })
    .filter((c): c is HostileCase => c !== undefined);

const goodBatch = (department: Department, n: number) => ({
  batchId: `${department}-fuzz-${n}`,
  records: [validRecord(TYPES_BY_DEPARTMENT.get(department)!.find((t) => PERSON_TYPES.includes(t)) ?? TYPES_BY_DEPARTMENT.get(department)![0]!, n)],
});

const envelopeBatch: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.constantFrom(...PERSON_DEPARTMENTS),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.oneof(
      fc.constant({ kind: 'envelope:no-batch-id', edit: (b: Record<string, unknown>) => ({ records: b.records }) }),
      fc
        .constantFrom<unknown>(1, null, true, [], {}, 'short', '', ' spaces not allowed ', 'x'.repeat(200), ...INJECTIONS)
        .map((batchId) => ({ kind: 'envelope:bad-batch-id', edit: (b: Record<string, unknown>) => ({ ...b, batchId }) })),
      fc
        .constantFrom<unknown>(undefined, null, 1, 'records', {}, [], { 0: {} })
        .map((records) => ({ kind: 'envelope:bad-records', edit: (b: Record<string, unknown>) => ({ ...b, records }) })),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== 'batchId' && k !== 'records'),
          fc.jsonValue(),
        )
        .map(([k, v]) => ({ kind: 'envelope:extra-field', edit: (b: Record<string, unknown>) => ({ ...b, [k]: v }) })),
      fc.integer({ min: 501, max: 700 }).map((n) => ({
        kind: 'envelope:oversized-batch',
        edit: (b: Record<string, unknown>) => ({ ...b, records: Array.from({ length: n }, () => (b.records as unknown[])[0]) }),
      })),
    ),
  )
  .map(([department, n, { kind, edit }]) => ({
    kind,
    department,
    caller: department,
    body: JSON.stringify(edit(goodBatch(department, n))),
    expectProblems: [],
  }));

const badJson: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.constantFrom(...PERSON_DEPARTMENTS),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.oneof(
      fc
        .string({ maxLength: 60 })
        .filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        })
        .map((s) => ({ kind: 'json:garbage', body: (_: string) => s })),
      fc.nat().map((cut) => ({ kind: 'json:truncated', body: (good: string) => good.slice(0, cut % (good.length - 1)) })),
      fc.constantFrom('null', '1', '"text"', '[]', 'true', '[{"batchId":"x"}]').map((s) => ({ kind: 'json:not-an-object', body: (_: string) => s })),
      fc.constant({ kind: 'json:empty', body: (_: string) => '' }),
      fc.constant({ kind: 'json:bom-and-comments', body: (good: string) => `\uFEFF/* hi */${good}` }),
    ),
  )
  .map(([department, n, { kind, body }]) => ({
    kind,
    department,
    caller: department,
    body: body(JSON.stringify(goodBatch(department, n))),
    expectProblems: [],
  }));

const wrongCaller: fc.Arbitrary<HostileCase> = fc
  .tuple(fc.constantFrom(...PERSON_DEPARTMENTS), fc.constantFrom(...PERSON_DEPARTMENTS), fc.integer({ min: 1, max: 1_000_000 }))
  .filter(([a, b]) => a !== b)
  .map(([department, caller, n]) => ({
    kind: 'caller:other-department',
    department,
    caller,
    body: JSON.stringify(goodBatch(department, n)),
    expectStatus: 403,
    expectProblems: [],
  }));

// ── The classes of issue 10: free text, deep JSON, implausible dates, hidden characters,
// concurrent copies; and, over HTTP only, bad %-escapes in paths. ──────────────────────────

const TODAY = cityDay(new Date());
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
/** A day from `from` to `to`, inclusive. */
const dayIn = (from: string, to: string) => fc.integer({ min: 0, max: daysBetween(from, to) }).map((d) => addCalendarDays(from, d));

type Path = (string | number)[];
const pathText = (path: Path) => path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/** Every leaf of a record with its path, the record's own `type` left out. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (path.length === 0 && k === 'type' ? [] : leaves(v, [...path, k])));
  return [{ path, value }];
}

function withLeaf(record: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(record);
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const SCHOOL_YEAR = /^\d{4}-\d{4}$/;
/** Months (yyyy-mm), years (`year`) and school years (yyyy-yyyy): read as their first day by plausibility. */
const periodLeaves = (r: Record<string, unknown>) =>
  leaves(r).filter(
    (l) => (typeof l.value === 'string' && (MONTH.test(l.value) || SCHOOL_YEAR.test(l.value))) || (typeof l.value === 'number' && l.path.at(-1) === 'year'),
  );
const dateLeaves = (r: Record<string, unknown>) => leaves(r).filter((l) => typeof l.value === 'string' && DATE.test(l.value));
const amountLeaves = (r: Record<string, unknown>) => leaves(r).filter((l) => typeof l.value === 'number' && String(l.path.at(-1)).endsWith('Fen'));
const identityLeaves = (r: Record<string, unknown>) => leaves(r).filter((l) => l.path.at(-1) === 'identityNumber');

/**
 * The record with one leaf replaced, if its schema refuses it at that very field or takes it
 * (plausibility must then refuse it); a change that trips a cross-field rule named on another
 * field (a start moved past its end) is right but not this case.
 */
function replaced(type: RecordType, record: Record<string, unknown>, path: Path, value: unknown, name: string) {
  const bad = withLeaf(record, path, value);
  const field = pathText(path);
  const parsed = RECORD_TYPES[type].schema.safeParse(bad);
  if (!parsed.success && !parsed.error.issues.some((i) => pathText(i.path as Path) === field)) return undefined;
  return { record: bad, field, name };
}

const pick = <T>(list: readonly T[], i: number) => (list.length ? list[i % list.length] : undefined);

/**
 * What no record can truthfully hold: a birth after today or on no day at all, a date before the
 * birth in the number, before 1900, in 2099 or just past what today allows, a day the calendar
 * lacks, an amount above the policy bound.
 */
const implausibleDefect: fc.Arbitrary<RecordDefect> = fc.oneof(
  fc.tuple(fc.nat(), dayIn(addCalendarDays(TODAY, 2), '2099-12-31'), fc.nat(999)).map(([i, birth, seq]) => ({
    name: 'birth-in-future',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(identityLeaves(r), i);
      return at && replaced(t, r, at.path, identityNumber('430104', birth, seq), 'birth-in-future');
    },
  })),
  fc
    .tuple(fc.nat(), fc.constantFrom('1950-02-30', '1999-02-29', '2000-13-01', '1985-04-31', '1970-00-10', '1899-12-31'), fc.nat(999))
    .map(([i, birth, seq]) => ({
      name: 'birth-date-not-a-day',
      mutate: (t: RecordType, _d: Department, n: number) => {
        const r = validRecord(t, n);
        const at = pick(identityLeaves(r), i);
        return at && replaced(t, r, at.path, identityNumber('430104', birth, seq), 'birth-date-not-a-day');
      },
    })),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 15_000 })).map(([i, before]) => ({
    name: 'before-birth',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      if (typeof r.identityNumber !== 'string') return undefined;
      // Events about the person at the top of the record; scheduled dates (ends, validities) are not events.
      const events = dateLeaves(r).filter((l) => l.path.length === 1 && !SCHEDULED_DATE_FIELDS.has(String(l.path[0])));
      const at = pick(events, i);
      const day = [addCalendarDays(birthDateOf(r.identityNumber), -before), '1900-01-01'].sort().at(-1)!;
      return at && replaced(t, r, at.path, day, at.path[0] === 'dateOfDeath' ? 'death-before-birth' : 'event-before-birth');
    },
  })),
  fc.tuple(fc.nat(), fc.constantFrom('0000-01-01', '0000-06-15', '0001-01-01', '1000-10-10', '1899-12-31')).map(([i, day]) => ({
    name: 'before-1900',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(dateLeaves(r), i);
      return at && replaced(t, r, at.path, day, day.startsWith('0000') ? 'year-0000' : 'before-1900');
    },
  })),
  fc.tuple(fc.nat(), dayIn('2099-01-01', '2099-12-31')).map(([i, day]) => ({
    name: 'year-2099',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(dateLeaves(r), i);
      return at && replaced(t, r, at.path, day, 'year-2099');
    },
  })),
  fc.tuple(fc.nat(), fc.integer({ min: 3, max: 400 })).map(([i, ahead]) => ({
    name: 'just-ahead',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(dateLeaves(r), i);
      if (!at) return undefined;
      // An event a few days ahead (the tolerance is a day); a scheduled date just past ten years.
      const scheduled = SCHEDULED_DATE_FIELDS.has(String(at.path.at(-1)));
      return replaced(t, r, at.path, addCalendarDays(TODAY, scheduled ? 3660 + ahead : ahead), scheduled ? 'scheduled-past-horizon' : 'event-ahead-of-today');
    },
  })),
  fc
    .tuple(fc.nat(), fc.oneof(fc.constantFrom(10_000_000_001, 9_007_199_254_740_991), fc.integer({ min: 10_000_000_001, max: Number.MAX_SAFE_INTEGER })))
    .map(([i, fen]) => ({
      name: 'amount-above-bound',
      mutate: (t: RecordType, _d: Department, n: number) => {
        const r = validRecord(t, n);
        const at = pick(amountLeaves(r), i);
        return at && replaced(t, r, at.path, fen, 'amount-above-bound');
      },
    })),
  fc.tuple(fc.nat(), fc.constantFrom(2099, 2040, 1899, 0)).map(([i, year]) => ({
    name: 'period-implausible',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(periodLeaves(r), i);
      if (!at) return undefined;
      const y = String(year).padStart(4, '0');
      const value = typeof at.value === 'number' ? year : MONTH.test(String(at.value)) ? `${y}-06` : `${y}-${String(year + 1).padStart(4, '0')}`;
      const kind = typeof at.value === 'number' ? 'year' : MONTH.test(String(at.value)) ? 'month' : 'school-year';
      return replaced(t, r, at.path, value, `${kind}-${year > 2026 ? 'ahead' : 'before-1900'}`);
    },
  })),
  fc.tuple(fc.nat(), fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29', '2026-11-32')).map(([i, day]) => ({
    name: 'not-a-calendar-date',
    mutate: (t: RecordType, _d: Department, n: number) => {
      const r = validRecord(t, n);
      const at = pick(dateLeaves(r), i);
      return at && replaced(t, r, at.path, day, 'not-a-calendar-date');
    },
  })),
);

/** A death recorded before the birth in the number, in 2099 or in year 0000 (health's records). */
const implausibleDeath: fc.Arbitrary<RecordDefect> = fc
  .tuple(fc.integer({ min: 1, max: 15_000 }), fc.constantFrom('before-birth', '2099-06-30', '0000-01-01'))
  .map(([before, when]) => ({
    name: 'death-before-birth',
    mutate: (_t: RecordType, d: Department, n: number) => {
      if (d !== 'health') return undefined;
      const r = validRecord('death-record', n);
      const day = when === 'before-birth' ? [addCalendarDays(birthDateOf(String(r.identityNumber)), -before), '1900-01-01'].sort().at(-1)! : when;
      return {
        record: { ...r, dateOfDeath: day },
        field: 'dateOfDeath',
        name: when === 'before-birth' ? 'death-before-birth' : `death-in-${when.slice(0, 4)}`,
      };
    },
  }));

const implausibleBatch = fc.oneof(
  { weight: 5, arbitrary: classBatch('implausible', DEPARTMENTS, implausibleDefect) },
  { weight: 1, arbitrary: classBatch('implausible', ['health'], implausibleDeath) },
);

/** A valid identity number of someone born 1930-2015 anywhere in the city; one whose check character is X if asked. */
const someIdentityNumber = (endsInX: boolean) =>
  fc.tuple(fc.constantFrom(...DISTRICT_CODES), dayIn('1930-01-01', '2015-12-31'), fc.nat(960)).map(([district, birth, seq]) => {
    const numbers = Array.from({ length: 40 }, (_, k) => identityNumber(district, birth, seq + k));
    return (endsInX ? numbers.find((n) => n.endsWith('X')) : undefined) ?? numbers[0]!;
  });

const FREE_TEXT_MESSAGES = { identity: '不得包含身份证号码', mobile: '不得包含手机号码', bank: '不得包含银行卡号' } as const;

/**
 * A number that identifies a person, in one of the shapes people write it in: `text` writes it,
 * an identity number that of the `member` given, if one is (a worker pasting the member's own).
 */
const identifyingText: fc.Arbitrary<{ name: string; message: string; text: (member?: string) => string }> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...Object.keys(IDENTITY_NUMBER_SHAPES)).chain((shape) =>
      someIdentityNumber(shape === 'lower-case-x').map((id) => ({
        name: `identity-${shape}`,
        message: FREE_TEXT_MESSAGES.identity,
        text: (member?: string) => IDENTITY_NUMBER_SHAPES[shape]!(member && shape !== 'lower-case-x' ? member : id),
      })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(MOBILE_NUMBER_SHAPES)), fc.nat())
      .map(([shape, seed]) => ({ name: `mobile-${shape}`, message: FREE_TEXT_MESSAGES.mobile, text: () => MOBILE_NUMBER_SHAPES[shape]!(mobileNumber(seed)) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(BANK_CARD_SHAPES)), fc.nat(), fc.constantFrom(16 as const, 19 as const))
      .map(([shape, seed, length]) => ({
        name: `bank-card-${shape}`,
        message: FREE_TEXT_MESSAGES.bank,
        text: () => BANK_CARD_SHAPES[shape]!(bankCardNumber(seed, length)),
      })),
  },
);
// Words around the number; none ends or starts with a digit, which would make the run longer.
const BEFORE = ['', '走访发现：', 'Visited; ', '据邻居反映，', '户主称 '];
const AFTER = ['', '，请核实', ' 已登记', '。', ' (see file)'];

/** A visit report of `n` whose changes[at] describes the change in `text` (the only records with free text). */
function visitReport(n: number, changes: number, at: number, text: string, cleanSeed: number) {
  const r = validRecord('visit-report', n);
  const kinds = ['income-change', 'employment-change', 'illness', 'disability', 'family-change', 'other'];
  r.changes = Array.from({ length: changes }, (_, j) => ({
    kind: kinds[(cleanSeed + j) % kinds.length],
    ...(j === 0 ? { identityNumber: person(n).identityNumber } : {}),
    description: j === at ? text : CLEAN_DESCRIPTIONS[(cleanSeed + j) % CLEAN_DESCRIPTIONS.length],
  }));
  return r;
}

const freeTextDefect: fc.Arbitrary<RecordDefect> = fc
  .record({
    what: identifyingText,
    before: fc.constantFrom(...BEFORE),
    after: fc.constantFrom(...AFTER),
    changes: fc.integer({ min: 1, max: 4 }),
    at: fc.nat(),
    cleanSeed: fc.nat(),
    ownNumber: fc.boolean(),
  })
  .map(({ what, before, after, changes, at, cleanSeed, ownNumber }) => ({
    name: what.name,
    mutate: (_t: RecordType, d: Department, n: number) => {
      if (d !== 'civil-affairs') return undefined;
      const j = at % changes;
      // Someone else's number, or that of the member the change is about.
      const text = `${before}${what.text(ownNumber ? person(n).identityNumber : undefined)}${after}`;
      return { record: visitReport(n, changes, j, text, cleanSeed), field: `changes[${j}].description`, message: what.message };
    },
  }));

/** The stated purpose (x-purpose) of a submission is free text too; it is refused before the body is read. */
const purposeCase = (kind: string, purpose: string, message: string | undefined) =>
  fc.tuple(fc.constantFrom(...PERSON_DEPARTMENTS), fc.integer({ min: 1, max: 1_000_000 })).map(
    ([department, n]): HostileCase => ({
      kind,
      department,
      caller: department,
      body: JSON.stringify(goodBatch(department, n)),
      headers: { 'x-purpose': purpose },
      expectStatus: 400,
      expectError: 'InvalidHeader',
      expectProblems: [{ field: 'headers.x-purpose', ...(message ? { message } : {}) }],
    }),
  );

const freeTextCase: fc.Arbitrary<HostileCase> = fc.oneof(
  { weight: 4, arbitrary: classBatch('free-text', ['civil-affairs'], freeTextDefect) },
  {
    weight: 1,
    arbitrary: identifyingText.chain((what) => purposeCase(`free-text:x-purpose-${what.name}`, `核查 ${what.text()}`, what.message)),
  },
);

const HIDDEN_MESSAGES: Record<keyof typeof HIDDEN_CHARACTERS, string> = {
  'bidi-control': '不得包含双向文本控制字符',
  'control-character': '不得包含控制字符',
  'zero-width': '不得包含零宽字符',
  'lone-surrogate': '孤立代理项',
};
const hiddenCharacter = fc
  .constantFrom(...(Object.keys(HIDDEN_CHARACTERS) as (keyof typeof HIDDEN_CHARACTERS)[]))
  .chain((kind) => fc.constantFrom(...HIDDEN_CHARACTERS[kind]).map((ch) => ({ kind, ch })));
/** `ch` inside `text`, after its first character and before its last: trimming takes nothing away. */
const inside = (text: string, ch: string, at: number) => {
  const chars = [...text];
  const i = 1 + (at % Math.max(1, chars.length - 1));
  return [...chars.slice(0, i), ch, ...chars.slice(i)].join('');
};

const hiddenInFreeText: fc.Arbitrary<RecordDefect> = fc
  .record({ hidden: hiddenCharacter, where: fc.nat(), at: fc.nat(), changes: fc.integer({ min: 1, max: 3 }), cleanSeed: fc.nat() })
  .map(({ hidden, where, at, changes, cleanSeed }) => ({
    name: `${hidden.kind}-in-free-text`,
    mutate: (_t: RecordType, d: Department, n: number) => {
      if (d !== 'civil-affairs') return undefined;
      const j = where % changes;
      const description = inside(CLEAN_DESCRIPTIONS[cleanSeed % CLEAN_DESCRIPTIONS.length]!, hidden.ch, at);
      return { record: visitReport(n, changes, j, description, cleanSeed), field: `changes[${j}].description`, message: HIDDEN_MESSAGES[hidden.kind] };
    },
  }));

/**
 * Any other text field of a record: each has a pattern or a list of values, which the character
 * breaks; a name is text that comes in too, and refuses it like free text.
 */
const hiddenInField: fc.Arbitrary<RecordDefect> = fc.record({ hidden: hiddenCharacter, where: fc.nat(), at: fc.nat() }).map(({ hidden, where, at }) => ({
  name: hidden.kind,
  mutate: (t: RecordType, _d: Department, n: number) => {
    const r = validRecord(t, n);
    const fields = Object.keys(r).filter((k) => typeof r[k] === 'string' && k !== 'type');
    const k = fields[where % fields.length]!;
    return { record: { ...r, [k]: inside(String(r[k]), hidden.ch, at) }, field: k, name: `${hidden.kind}-in-${k}` };
  },
}));

const hiddenCase: fc.Arbitrary<HostileCase> = fc.oneof(
  { weight: 3, arbitrary: classBatch('hidden-characters', ['civil-affairs'], hiddenInFreeText) },
  { weight: 3, arbitrary: classBatch('hidden-characters', PERSON_DEPARTMENTS, hiddenInField) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hiddenCharacter, fc.constantFrom(...PERSON_DEPARTMENTS), fc.integer({ min: 1, max: 1_000_000 }), fc.nat())
      .map(([hidden, department, n, at]): HostileCase => {
        const batch = goodBatch(department, n);
        return {
          kind: `hidden-characters:${hidden.kind}-in-batch-id`,
          department,
          caller: department,
          body: JSON.stringify({ ...batch, batchId: inside(batch.batchId, hidden.ch, at) }),
          expectStatus: 400,
          expectError: 'InvalidBatch',
          expectProblems: [{ field: 'batchId' }],
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hiddenCharacter, fc.nat())
      .chain(([hidden, at]) =>
        purposeCase(`hidden-characters:${hidden.kind}-in-x-purpose`, inside('核查低保家庭收入变化', hidden.ch, at), HIDDEN_MESSAGES[hidden.kind]),
      ),
  },
);

/** The documented limit (MAX_JSON_DEPTH in shared/http/api-call.ts), written out so that changing it fails here. */
const JSON_DEPTH_LIMIT = 16;
const PLACEHOLDER = '"\u2063deep\u2063"';

/** Nesting `depth` levels deep: arrays, objects, or the two in turn; closed or not. */
function nesting(depth: number, shape: 'arrays' | 'objects' | 'mixed', closed = true): string {
  const open = (i: number) => (shape === 'arrays' || (shape === 'mixed' && i % 2 === 0) ? '[' : '{"a":');
  const close = (i: number) => (open(i) === '[' ? ']' : '}');
  let text = '';
  for (let i = 0; i < depth; i += 1) text += open(i);
  text += '1';
  if (closed) for (let i = depth - 1; i >= 0; i -= 1) text += close(i);
  return text;
}

const deepJson: fc.Arbitrary<HostileCase> = fc
  .record({
    department: fc.constantFrom(...PERSON_DEPARTMENTS),
    base: fc.integer({ min: 1, max: 1_000_000 }),
    size: fc.integer({ min: 1, max: 4 }),
    at: fc.nat(),
    field: fc.nat(),
    where: fc.constantFrom('records', 'batch-id', 'envelope-field', 'record-field', 'record-new-field', 'unclosed', 'string-that-looks-deep'),
    shape: fc.constantFrom('arrays' as const, 'objects' as const, 'mixed' as const),
    depth: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 8, max: 40 }) },
      { weight: 2, arbitrary: fc.integer({ min: 41, max: 5000 }) },
      { weight: 1, arbitrary: fc.constantFrom(20_000, 100_000) },
    ),
  })
  .map(({ department, base, size, at, field, where, shape, depth }): HostileCase => {
    const own = TYPES_BY_DEPARTMENT.get(department)!;
    const records = Array.from({ length: size }, (_, i) => validRecord(own[(base + i) % own.length]!, base + i));
    const i = at % size;
    const batch: Record<string, unknown> = { batchId: `${department}-fuzz-${base}`, records };
    const tooDeep = {
      kind: `deep-json:${where}`,
      department,
      caller: department,
      expectStatus: 400 as const,
      expectError: 'TooDeep',
      expectProblems: [{ field: '(body)' }],
    };
    // Levels above the nesting: the envelope object (1), the records array (2), a record (3).
    const over = (above: number) => Math.max(depth, JSON_DEPTH_LIMIT - above + 1);
    const text = () => JSON.stringify(batch);
    switch (where) {
      case 'records':
        return { ...tooDeep, body: text().replace(JSON.stringify(records), nesting(over(1), 'arrays')) };
      case 'batch-id':
        batch.batchId = '\u2063deep\u2063';
        return { ...tooDeep, body: text().replace(PLACEHOLDER, nesting(over(1), shape)) };
      case 'envelope-field':
        batch.extra = '\u2063deep\u2063';
        return { ...tooDeep, body: text().replace(PLACEHOLDER, nesting(over(1), shape)) };
      case 'unclosed':
        return { ...tooDeep, body: `${text().slice(0, -2)},${nesting(over(2), shape, false)}` };
      case 'string-that-looks-deep': {
        // Brackets and quotes inside a string are not nesting: the record id is what is wrong.
        records[i]!.recordId = nesting(depth, shape, false);
        return { ...tooDeep, body: text(), expectError: 'InvalidRecords', expectProblems: [{ record: i, field: 'recordId' }] };
      }
      default: {
        // In a record: a field of its own, or a new one. At or under the limit it is the field that is wrong.
        const keys = Object.keys(records[i]!).filter((k) => k !== 'type');
        const k = where === 'record-field' ? keys[field % keys.length]! : 'note';
        records[i]![k] = '\u2063deep\u2063';
        const body = text().replace(PLACEHOLDER, nesting(depth, shape));
        return 3 + depth > JSON_DEPTH_LIMIT
          ? { ...tooDeep, body }
          : { ...tooDeep, kind: `deep-json:${where}-at-limit`, body, expectError: 'InvalidRecords', expectProblems: [{ record: i, field: k }] };
      }
    }
  });

/** The requests of every class but `concurrent`. */
const oneRequest: fc.Arbitrary<HostileCase> = fc.oneof(
  { arbitrary: recordBatch, weight: 12 },
  { arbitrary: envelopeBatch, weight: 4 },
  { arbitrary: badJson, weight: 3 },
  { arbitrary: wrongCaller, weight: 1 },
  { arbitrary: freeTextCase, weight: 2 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: implausibleBatch, weight: 2 },
  { arbitrary: hiddenCase, weight: 1 },
);

/** Any of them sent two to ten times at once: every copy refused alike, none of them stored. */
const concurrentCopies: fc.Arbitrary<HostileCase> = fc
  .tuple(oneRequest, fc.integer({ min: 2, max: 10 }))
  .map(([c, copies]) => ({ ...c, kind: `concurrent:${c.kind}`, copies }));

/** The classes the issue added, each on its own, so a run can make sure every one is tried. */
export const NEW_CLASSES: Record<string, fc.Arbitrary<HostileCase>> = {
  'free-text': freeTextCase,
  'deep-json': deepJson,
  implausible: implausibleBatch,
  'hidden-characters': hiddenCase,
  concurrent: concurrentCopies,
};

export const hostileRequest: fc.Arbitrary<HostileCase> = fc.oneof({ arbitrary: oneRequest, weight: 26 }, { arbitrary: concurrentCopies, weight: 1 });

/** Example values of path parameters, and the %-escapes that decode to nothing. */
const PATH_EXAMPLES: Record<string, string> = {
  householdId: '430104-2025-000317',
  warningId: 'W-IND-01-430104-2025-000317',
  month: '2026-11',
  day: '2026-11-30',
  jobId: 'WI-20261201-0001',
};
const BAD_ESCAPES = ['%', '%Z', '%ZZ', '%E0%A4%A', '%E0%A4', '%C3', '%FF', '%80', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '%%41', '%u202E', '%E2%80'];
/** Escapes that do decode, to what no identifier holds. */
const HIDDEN_ESCAPES = ['%00', '%E2%80%AE', '%EF%BB%BF', '%E2%80%8B', '%1B%5B31m', '%2F', '430104-2025-000317%E2%80%AE', '%0A'];

const ROUTES_WITH_PARAMETERS = API_ROUTES.filter((r) => r.path.includes('{'));
const paramsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
const bodyFor = (route: (typeof API_ROUTES)[number]) =>
  route.body !== 'none' ? { outcome: 'no-action-needed', handledBy: 'YL-MZ-0413', reason: '已核实' } : undefined;

/**
 * Bad %-escapes in a path, for the HTTP sample (API Gateway decodes the path, so there is no
 * in-process form): after the permission check, a 400 naming the parameter; a caller without
 * the route is refused first (403), as IAM would, and so is a department in the path that does
 * not decode (it is not the caller's own). Also escapes that decode to hidden characters, which
 * reach the handler, and bad escapes in a query string.
 */
export const badEscapeRequest: fc.Arbitrary<PathCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        route: fc.constantFrom(...ROUTES_WITH_PARAMETERS),
        param: fc.nat(),
        caller: fc.nat(),
        anyone: fc.nat(3),
        bad: fc.constantFrom(...BAD_ESCAPES),
        before: fc.constantFrom('', '430104-2025-', '2026-1'),
        after: fc.constantFrom('', 'x', '-000317'),
      })
      .map(({ route, param, caller: i, anyone, bad, before, after }): PathCase => {
        // Mostly a caller the route is for (the path is checked after the permission), sometimes anyone.
        // Partners sign as an organisation the sample does not register: the departments' routes only.
        const departments = route.callers.filter(isWarningRecipient);
        const caller = anyone === 0 || departments.length === 0 ? WARNING_RECIPIENTS[i % WARNING_RECIPIENTS.length]! : departments[i % departments.length]!;
        const params = paramsOf(route.path);
        const target = params[param % params.length]!;
        const path = route.path.replace(/\{([^}]+)\}/g, (_, p: string) =>
          p === target ? `${before}${bad}${after}` : p === 'department' ? caller : PATH_EXAMPLES[p]!,
        );
        const allowed = departments.includes(caller) && target !== 'department';
        return allowed
          ? {
              kind: `bad-escape:in-${target}`,
              caller,
              method: route.method,
              path,
              body: bodyFor(route),
              expectStatus: 400,
              expectError: 'MalformedPath',
              expectProblems: [{ field: `path.${target}` }],
            }
          : {
              kind: target === 'department' ? 'bad-escape:in-department' : 'bad-escape:caller-without-the-route',
              caller,
              method: route.method,
              path,
              body: bodyFor(route),
              expectStatus: 403,
              expectProblems: [],
            };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('chain', 'needs', 'happiness'), fc.constantFrom(...HIDDEN_ESCAPES), fc.constantFrom(...WARNING_RECIPIENTS))
      .map(([list, escaped, caller]): PathCase => {
        const allowed = API_ROUTES.find((r) => r.path === `/households/{householdId}/${list}`)!.callers.includes(caller);
        const path = `/households/${escaped}/${list}`;
        return allowed
          ? {
              kind: 'bad-escape:decodes-to-hidden',
              caller,
              method: 'GET',
              path,
              expectStatus: 400,
              expectError: 'InvalidHouseholdId',
              expectProblems: [{ field: 'householdId' }],
            }
          : { kind: 'bad-escape:caller-without-the-route', caller, method: 'GET', path, expectStatus: 403, expectProblems: [] };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...BAD_ESCAPES), fc.constantFrom(...WARNING_RECIPIENTS)).map(
      ([bad, caller]): PathCase => ({
        kind: 'bad-escape:in-query',
        caller,
        method: 'GET',
        path: `/policy/parameters?on=2026-1${bad}`,
        expectStatus: 400,
        expectError: 'InvalidQuery',
        expectProblems: [{ field: 'on' }],
      }),
    ),
  },
);

/** Valid batches, each to be sent `copies` times at once: published once, every other copy replayed or told to wait. */
export const duplicateBatches = (count: number) =>
  fc
    .uniqueArray(
      fc.record({
        department: fc.constantFrom(...PERSON_DEPARTMENTS),
        size: fc.integer({ min: 1, max: 3 }),
        typeSeed: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        base: fc.integer({ min: 300_000, max: 399_999 }),
        copies: fc.integer({ min: 2, max: 10 }),
      }),
      { minLength: count, maxLength: count, selector: (b) => b.base },
    )
    .map((list) =>
      list.map(({ department, size, typeSeed, base, copies }) => {
        const own = TYPES_BY_DEPARTMENT.get(department)!;
        const records = Array.from({ length: size }, (_, i) => validRecord(own[typeSeed[i]! % own.length]!, base * 10 + i));
        return { department, copies, batch: { batchId: `${department}-at-once-${base}`, records } };
      }),
    );

export interface Answer {
  status: number;
  body: unknown;
}

/** Checks an answer against what the case expects; returns the reason it is wrong, if it is. */
export function problemWith(c: Expectation, answer: Answer): string | undefined {
  if (answer.status < 400 || answer.status >= 500) return `status ${answer.status}`;
  const body = answer.body as { error?: unknown; message?: unknown; problems?: { record?: number; field: string; message: string }[] } | null;
  if (!body || (typeof body.error !== 'string' && typeof body.message !== 'string')) return 'no error body';
  if (c.expectStatus && answer.status !== c.expectStatus) return `status ${answer.status}, expected ${c.expectStatus}`;
  if (c.expectError && body.error !== c.expectError) return `error ${String(body.error)}, expected ${c.expectError}`;
  for (const want of c.expectProblems) {
    const mine = (body.problems ?? []).filter((p) => p.record === want.record);
    const named = mine.some(
      (p) =>
        (p.field === want.field || p.field.startsWith(`${want.field}.`) || p.field.startsWith(`${want.field}[`)) &&
        (!want.message || p.message.includes(want.message)),
    );
    const where = want.record === undefined ? '' : `record ${want.record} `;
    if (!named)
      return `${where}field ${want.field}${want.message ? ` with "${want.message}"` : ''} not named: ${JSON.stringify(body.problems?.filter((p) => p.record === want.record))}`;
  }
  return undefined;
}
