import fc from 'fast-check';
import type { Department } from '../../shared/domain/departments';
import { RECORD_TYPES, RECORD_TYPE_CODES, type RecordType } from '../../shared/records/catalogue';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { identityNumber, withWrongCheckCharacter } from '../fixtures/people';

/**
 * Generated malformed and hostile submissions. Each case carries what a correct platform must
 * answer: the status class, and for record-level defects the index and field to be named.
 */
export interface HostileCase {
  kind: string;
  /** The department in the URL, and the department the signed caller is. */
  department: Department;
  caller: Department;
  body: string | null;
  /** 400 or 403 for record problems; envelope problems accept any 4xx. */
  expectStatus?: 400 | 403;
  /** Record index → a field the answer must name (a prefix is enough for nested fields). */
  expectProblems: { record: number; field: string }[];
}

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
  return { identityNumber: identityNumber('430104', `${year}-0${(n % 9) + 1}-1${n % 9}`, n % 1000), name: `测试${n % 997}` };
}

export function validRecord(type: RecordType, n: number): Record<string, unknown> {
  return SAMPLE_RECORDS[type](person(n), n);
}

const WRONG_VALUES = [0, -1, 1.5, 1e308, '', 'x', true, null, [], {}, [1, 2], { nested: { deep: 1 } }];


/** One defect applied to a valid record: the record after it and the field to be named. */
const recordDefect: fc.Arbitrary<{ name: string; mutate: (own: RecordType, dept: Department, n: number) => { record: unknown; field: string; forbidden?: boolean } | undefined }> = fc.oneof(
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
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => /^[a-zA-Z_$][\w$]*$/.test(k)), fc.jsonValue()).map(([k, v]) => ({
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

const recordBatch: fc.Arbitrary<HostileCase> = fc
  .record({
    department: fc.constantFrom(...PERSON_DEPARTMENTS),
    size: fc.integer({ min: 1, max: 8 }),
    defects: fc.array(fc.tuple(fc.nat(), recordDefect), { minLength: 1, maxLength: 4 }),
    typeSeed: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    duplicateId: fc.boolean(),
    base: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ department, size, defects, typeSeed, duplicateId, base }) => {
    const own = TYPES_BY_DEPARTMENT.get(department)!;
    const records: unknown[] = Array.from({ length: size }, (_, i) => validRecord(own[typeSeed[i]! % own.length]!, base + i));
    const bad = new Map<number, { field: string; forbidden?: boolean }>();
    for (const [at, defect] of defects) {
      const i = at % size;
      if (bad.has(i)) continue;
      const type = (records[i] as { type: RecordType }).type;
      const out = defect.mutate(type, department, base + i);
      if (!out) continue;
      records[i] = out.record;
      bad.set(i, { field: out.field, ...(out.forbidden ? { forbidden: true } : {}) });
    }
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
    const forbidden = [...bad].filter(([, b]) => b.forbidden);
    const expected = forbidden.length ? forbidden : [...bad].filter(([, b]) => !b.forbidden);
    return {
      kind: `records:${[...new Set(defects.map(([, d]) => d.name))].join('+')}`,
      department,
      caller: department,
      body: JSON.stringify({ batchId: `${department}-fuzz-${base}`, records }),
      expectStatus: forbidden.length ? 403 : 400,
      expectProblems: expected.map(([record, b]) => ({ record, field: b.field })),
    } satisfies HostileCase;
  });

const goodBatch = (department: Department, n: number) => ({ batchId: `${department}-fuzz-${n}`, records: [validRecord(TYPES_BY_DEPARTMENT.get(department)!.find((t) => PERSON_TYPES.includes(t)) ?? TYPES_BY_DEPARTMENT.get(department)![0]!, n)] });

const envelopeBatch: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.constantFrom(...PERSON_DEPARTMENTS),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.oneof(
      fc.constant({ kind: 'envelope:no-batch-id', edit: (b: Record<string, unknown>) => ({ records: b.records }) }),
      fc.constantFrom<unknown>(1, null, true, [], {}, 'short', '', ' spaces not allowed ', 'x'.repeat(200), ...INJECTIONS).map((batchId) => ({ kind: 'envelope:bad-batch-id', edit: (b: Record<string, unknown>) => ({ ...b, batchId }) })),
      fc.constantFrom<unknown>(undefined, null, 1, 'records', {}, [], { 0: {} }).map((records) => ({ kind: 'envelope:bad-records', edit: (b: Record<string, unknown>) => ({ ...b, records }) })),
      fc.tuple(fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== 'batchId' && k !== 'records'), fc.jsonValue()).map(([k, v]) => ({ kind: 'envelope:extra-field', edit: (b: Record<string, unknown>) => ({ ...b, [k]: v }) })),
      fc.integer({ min: 501, max: 700 }).map((n) => ({
        kind: 'envelope:oversized-batch',
        edit: (b: Record<string, unknown>) => ({ ...b, records: Array.from({ length: n }, () => (b.records as unknown[])[0]) }),
      })),
    ),
  )
  .map(([department, n, { kind, edit }]) => ({ kind, department, caller: department, body: JSON.stringify(edit(goodBatch(department, n))), expectProblems: [] }));

const badJson: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.constantFrom(...PERSON_DEPARTMENTS),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((s) => ({ kind: 'json:garbage', body: (_: string) => s })),
      fc.nat().map((cut) => ({ kind: 'json:truncated', body: (good: string) => good.slice(0, cut % (good.length - 1)) })),
      fc.constantFrom('null', '1', '"text"', '[]', 'true', '[{"batchId":"x"}]').map((s) => ({ kind: 'json:not-an-object', body: (_: string) => s })),
      fc.constant({ kind: 'json:empty', body: (_: string) => '' }),
      fc.constant({ kind: 'json:bom-and-comments', body: (good: string) => `\uFEFF/* hi */${good}` }),
    ),
  )
  .map(([department, n, { kind, body }]) => ({ kind, department, caller: department, body: body(JSON.stringify(goodBatch(department, n))), expectProblems: [] }));

const wrongCaller: fc.Arbitrary<HostileCase> = fc
  .tuple(fc.constantFrom(...PERSON_DEPARTMENTS), fc.constantFrom(...PERSON_DEPARTMENTS), fc.integer({ min: 1, max: 1_000_000 }))
  .filter(([a, b]) => a !== b)
  .map(([department, caller, n]) => ({ kind: 'caller:other-department', department, caller, body: JSON.stringify(goodBatch(department, n)), expectStatus: 403, expectProblems: [] }));

export const hostileRequest: fc.Arbitrary<HostileCase> = fc.oneof(
  { arbitrary: recordBatch, weight: 12 },
  { arbitrary: envelopeBatch, weight: 4 },
  { arbitrary: badJson, weight: 3 },
  { arbitrary: wrongCaller, weight: 1 },
);

export interface Answer {
  status: number;
  body: unknown;
}

/** Checks an answer against what the case expects; returns the reason it is wrong, if it is. */

export function problemWith(c: HostileCase, answer: Answer): string | undefined {
  if (answer.status < 400 || answer.status >= 500) return `status ${answer.status}`;
  const body = answer.body as { error?: unknown; message?: unknown; problems?: { record?: number; field: string; message: string }[] } | null;
  if (!body || (typeof body.error !== 'string' && typeof body.message !== 'string')) return 'no error body';
  if (c.expectStatus && answer.status !== c.expectStatus) return `status ${answer.status}, expected ${c.expectStatus}`;
  for (const want of c.expectProblems) {
    const mine = (body.problems ?? []).filter((p) => p.record === want.record);
    const named = mine.some((p) => p.field === want.field || p.field.startsWith(`${want.field}.`) || p.field.startsWith(`${want.field}[`));
    if (!named) return `record ${want.record} field ${want.field} not named: ${JSON.stringify(body.problems?.filter((p) => p.record === want.record))}`;
  }
  return undefined;
}
