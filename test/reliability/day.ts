import { isAllowanceCategory } from '../../shared/domain/categories';
import type { Department } from '../../shared/domain/departments';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { ALLOWANCE_PROGRAMME } from '../../shared/domain/programmes';
import { RECORD_TYPES, RECORD_TYPE_CODES, type RecordType } from '../../shared/records/catalogue';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { identityNumber, nameFor } from '../fixtures/people';

/**
 * A realistic day of department data for the reliability tests: civil affairs puts households on
 * the roll, then every department posts records of each of its types, mostly about people on the
 * roll (so the indicators fire), some about people outside it.
 */
export interface Batch {
  department: Department;
  batchId: string;
  records: Record<string, unknown>[];
}

const CATEGORIES = ['DIBAO', 'TEKUN', 'DIBAO_EDGE', 'RIGID_EXPENDITURE'] as const;
/**
 * Types whose sample needs state built by other records (a case, an investigation) or is about no
 * person (a payment file's close counts a file's lines, and the day's lines make no such file): left out.
 */
const LEFT_OUT: readonly RecordType[] = ['low-income-roll-entry', 'visit-report', 'economic-investigation', 'allowance-payment-file'];

export interface Person {
  identityNumber: string;
  name: string;
}

export function personOf(i: number, district = DISTRICT_CODES[i % DISTRICT_CODES.length]!): Person {
  const year = 1940 + (i % 75);
  return {
    identityNumber: identityNumber(district, `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`, i % 1000),
    name: nameFor(i),
  };
}

export function householdIdOf(h: number, tag = 'R') {
  return `HH-${tag}-${String(h).padStart(5, '0')}`;
}

/** Members of household h (1 to 3 people, indices h*3 .. h*3+2). */
export function membersOf(h: number): number[] {
  return Array.from({ length: 1 + (h % 3) }, (_, k) => h * 3 + k);
}

export function rollEntryOf(h: number, tag = 'R') {
  const district = DISTRICT_CODES[h % DISTRICT_CODES.length]!;
  const category = CATEGORIES[h % CATEGORIES.length]!;
  return {
    type: 'low-income-roll-entry',
    recordId: `MZ-ROLL-${tag}-${h}`,
    householdId: householdIdOf(h, tag),
    district,
    category,
    recognisedOn: '2026-03-01',
    area: h % 2 ? 'rural' : 'urban',
    monthlyIncomeFen: 60_000 + (h % 5) * 20_000,
    ...(isAllowanceCategory(category) ? { allowance: { programme: ALLOWANCE_PROGRAMME[category], monthlyAmountFen: 75_000, startDate: '2026-04-01' } } : {}),
    members: membersOf(h).map((i, k) => ({ ...personOf(i, district), relationship: k === 0 ? 'head' : 'child' })),
  };
}

export function personTypesOf(department: Department): RecordType[] {
  return RECORD_TYPE_CODES.filter((t) => RECORD_TYPES[t].department === department && !LEFT_OUT.includes(t));
}

/**
 * `households` households on the roll (one batch), then per department `perType` records of each
 * of its types; one in five about someone outside the database. Record numbers start at `base`.
 */
export function dayOfRecords({ households, perType, base = 1, tag = 'R' }: { households: number; perType: number; base?: number; tag?: string }): Batch[] {
  const roll: Batch = {
    department: 'civil-affairs',
    batchId: `civil-affairs-roll-${tag}-2026-11-21`,
    records: Array.from({ length: households }, (_, h) => rollEntryOf(h, tag)),
  };
  const departments = [...new Set(RECORD_TYPE_CODES.map((t) => RECORD_TYPES[t].department as Department))];
  let n = base;
  const batches: Batch[] = [roll];
  for (const department of departments) {
    const records: Record<string, unknown>[] = [];
    for (const type of personTypesOf(department)) {
      for (let k = 0; k < perType; k += 1) {
        n += 1;
        const h = (n * 7) % households;
        const i = k % 5 === 4 ? 100_000 + n : membersOf(h)[n % membersOf(h).length]!;
        const district = DISTRICT_CODES[h % DISTRICT_CODES.length]!;
        records.push(SAMPLE_RECORDS[type](personOf(i, i >= 100_000 ? undefined : district), n));
      }
    }
    if (records.length) batches.push({ department, batchId: `${department}-${tag}-2026-11-21`, records });
  }
  return batches;
}
