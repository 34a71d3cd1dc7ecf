import { MAX_RECORDS_PER_BATCH } from '../shared/records/batch';
import type { Department, WarningRecipient } from '../shared/domain/departments';
import type { DistrictCode } from '../shared/domain/districts';
import { ALL_INDICATORS } from '../shared/domain/indicators';
import type { RecordType } from '../shared/records/catalogue';
import { SAMPLE_RECORDS } from '../test/fixtures/records';
import { membersOf, personOf, rollEntryOf, type Person } from '../test/reliability/day';

/**
 * The bench's workloads, built from the project's fixtures: the reliability day's households
 * (rollEntryOf: categories, districts, 1-3 members with valid identity numbers) and a realistic
 * record of every type (SAMPLE_RECORDS), some with one field changed so that they raise nothing.
 *
 * Every warning is known before anything is sent, from how the records are built. This is the
 * part that follows today's indicators (shared/domain/indicators): each record kind below says
 * which indicator it fires, or that it fires none, and for which households. Two rules keep the
 * expectation exact:
 * - a firing record goes to a household of its own, never touched by another record: no
 *   earlier fact (an education grant, a care subsidy) can silence it, and no open warning of the
 *   same indicator can absorb it;
 * - such a household then holds at most two open warnings (the premium-subsidy warning IND-10
 *   raised when it was put on the roll, and this one), below the three of a complex case (IND-14).
 */

export const TAG = 'BENCH';

export interface Household {
  h: number;
  householdId: string;
  district: DistrictCode;
  category: string;
  /** DIBAO and TEKUN households are paid an allowance. */
  paid: boolean;
  members: Person[];
}

export function householdOf(h: number): Household {
  const entry = rollEntryOf(h, TAG);
  return {
    h,
    householdId: entry.householdId,
    district: entry.district,
    category: entry.category,
    paid: 'allowance' in entry,
    members: membersOf(h).map((i) => personOf(i, entry.district)),
  };
}

/** A warning the platform must put on a recipient's queue: one per indicator and household here. */
export interface ExpectedWarning {
  recipient: WarningRecipient;
  indicator: string;
  householdId: string;
}

export interface Batch {
  department: Department;
  batchId: string;
  records: Record<string, unknown>[];
  /** Warnings these records must raise (each recipient of each warning). */
  expected: ExpectedWarning[];
  /** Records about people in the low-income database. */
  aboutMembers: number;
}

type Make = (p: Person, h: Household, n: number) => Record<string, unknown>;

interface FiringKind {
  department: Department;
  type: RecordType;
  indicator: string;
  /** Households for which the indicator fires (any household when absent). */
  when?: (h: Household) => boolean;
  make: Make;
}

interface QuietKind {
  department: Department;
  type: RecordType;
  /** About someone outside the database rather than a member (a disaster only fires for members). */
  outsider?: boolean;
  make: Make;
}

const sample =
  (type: RecordType, changes: Record<string, unknown> = {}): Make =>
  (p, _h, n) => ({ ...SAMPLE_RECORDS[type](p, n), ...changes });
const EDUCATION_CATEGORIES = new Set(['TEKUN', 'DIBAO', 'DIBAO_EDGE']); // IND-06.categories of the household roll
const paid = (h: Household) => h.paid;

/** Records that fire one indicator for a member (values from SAMPLE_RECORDS unless changed). */
export const FIRING: readonly FiringKind[] = [
  {
    department: 'civil-affairs',
    type: 'visit-report',
    indicator: 'IND-13',
    make: (p, h, n) => ({
      ...SAMPLE_RECORDS['visit-report'](p, n),
      householdId: h.householdId,
      district: h.district,
      changes: [{ kind: 'employment-change', identityNumber: p.identityNumber, description: 'son found work in Shenzhen' }],
    }),
  },
  {
    department: 'education',
    type: 'student-enrolment',
    indicator: 'IND-06',
    when: (h) => EDUCATION_CATEGORIES.has(h.category),
    make: sample('student-enrolment'),
  },
  { department: 'hr-social-security', type: 'unemployment-registration', indicator: 'IND-04', make: sample('unemployment-registration') },
  { department: 'hr-social-security', type: 'employment-registration', indicator: 'IND-05', when: paid, make: sample('employment-registration') }, // 3,200 yuan a month
  {
    department: 'hr-social-security',
    type: 'pension-record',
    indicator: 'IND-17',
    when: paid,
    make: sample('pension-record', { scheme: 'public-institution', kind: 'contribution' }),
  },
  { department: 'housing', type: 'housing-condition', indicator: 'IND-11', make: sample('housing-condition') }, // rural, grade C, only home
  { department: 'agriculture', type: 'relocation', indicator: 'IND-12', when: (h) => h.paid && h.district !== '430182', make: sample('relocation') }, // to Ningxiang
  { department: 'health', type: 'death-record', indicator: 'IND-01', make: sample('death-record') },
  { department: 'health', type: 'serious-illness-diagnosis', indicator: 'IND-03', make: sample('serious-illness-diagnosis') }, // I63.9 stroke
  { department: 'health', type: 'emergency-fund-case', indicator: 'IND-03', make: sample('emergency-fund-case') },
  { department: 'health', type: 'medical-spending', indicator: 'IND-02', make: sample('medical-spending') }, // 9,000 yuan out of pocket in 3 months
  { department: 'emergency-management', type: 'disaster-relief', indicator: 'IND-08', make: sample('disaster-relief') },
  { department: 'medical-insurance', type: 'insurance-reimbursement', indicator: 'IND-02', make: sample('insurance-reimbursement') },
  { department: 'disabled-federation', type: 'disability-certificate', indicator: 'IND-07', make: sample('disability-certificate') }, // grade 2, no care subsidy
];

/** Records that raise nothing about a member (or, where marked, about someone outside the database). */
export const QUIET: readonly QuietKind[] = [
  { department: 'civil-affairs', type: 'child-welfare-registration', make: sample('child-welfare-registration') },
  { department: 'civil-affairs', type: 'disability-subsidy-grant', make: sample('disability-subsidy-grant') },
  { department: 'education', type: 'education-assistance-grant', make: sample('education-assistance-grant') },
  { department: 'hr-social-security', type: 'work-injury-claim', make: sample('work-injury-claim') },
  { department: 'hr-social-security', type: 'employment-registration', make: sample('employment-registration', { monthlyWageFen: 80_000 }) }, // below the re-check threshold
  { department: 'hr-social-security', type: 'pension-record', make: sample('pension-record', { kind: 'contribution' }) }, // resident scheme, paying in
  { department: 'housing', type: 'housing-assistance', make: sample('housing-assistance') },
  { department: 'agriculture', type: 'retired-fisher', make: sample('retired-fisher') },
  { department: 'agriculture', type: 'relapse-monitoring-target', make: sample('relapse-monitoring-target') }, // already in a civil-affairs category
  { department: 'health', type: 'medical-spending', make: sample('medical-spending', { outOfPocketFen: 30_000 }) },
  { department: 'health', type: 'serious-illness-diagnosis', make: sample('serious-illness-diagnosis', { icd10: 'J18.9' }) }, // pneumonia
  { department: 'health', type: 'population-register-change', make: sample('population-register-change', { change: 'move-out' }) },
  { department: 'emergency-management', type: 'disaster-relief', outsider: true, make: sample('disaster-relief') },
  { department: 'medical-insurance', type: 'medical-assistance-payment', make: sample('medical-assistance-payment') },
  { department: 'medical-insurance', type: 'insurance-reimbursement', make: sample('insurance-reimbursement', { outOfPocketFen: 30_000 }) },
  { department: 'disabled-federation', type: 'disability-certificate', make: sample('disability-certificate', { grade: 4 }) },
  { department: 'justice', type: 'legal-aid-case', make: sample('legal-aid-case') },
];

/** Record types that raise nothing about someone outside the database (no discovery lead either). */
export const OUTSIDER_TYPES: Partial<Record<Department, readonly RecordType[]>> = {
  health: ['death-record', 'medical-spending', 'emergency-fund-case', 'serious-illness-diagnosis', 'population-register-change'],
  'hr-social-security': ['work-injury-claim', 'unemployment-registration', 'employment-registration', 'pension-record'],
  'medical-insurance': ['medical-assistance-payment', 'insurance-reimbursement'],
};

const recipientsOf = (indicatorId: string): readonly WarningRecipient[] => {
  const indicator = ALL_INDICATORS.find((i) => i.id === indicatorId);
  if (!indicator) throw new Error(`no indicator ${indicatorId} in shared/domain/indicators`);
  return indicator.recipients;
};

/**
 * Hands out households by number from a range: each one once, the first that fits what a record
 * needs. Everything handed out is put on the roll before the cases run.
 */
export class Households {
  private readonly used = new Set<number>();
  readonly handedOut: Household[] = [];
  constructor(
    private next: number,
    private readonly end: number,
  ) {}

  take(fits: (h: Household) => boolean = () => true): Household {
    for (let h = this.next; h < this.end; h += 1) {
      if (this.used.has(h)) continue;
      const household = householdOf(h);
      if (!fits(household)) continue;
      this.used.add(h);
      this.handedOut.push(household);
      while (this.used.has(this.next)) this.next += 1;
      return household;
    }
    throw new Error(`no household left in the range up to ${this.end} for this record`);
  }
}

/** Person indices of people outside the database: above every member's (members are 3h..3h+2). */
export class Outsiders {
  constructor(private next: number) {}
  take(): Person {
    return personOf(this.next++);
  }
}

let recordNumber = 1;
const nextNumber = () => recordNumber++;

/**
 * One department's batch: `firing` records each about a household of its own (every one raising
 * one warning), the rest quiet records about the members of `quiet` households (or outsiders),
 * firing records spread evenly through the batch.
 */
export function memberBatch(
  department: Department,
  batchId: string,
  size: number,
  firing: number,
  households: Households,
  quiet: readonly Household[],
  outsiders: Outsiders,
): Batch {
  const firingKinds = FIRING.filter((k) => k.department === department);
  const quietKinds = QUIET.filter((k) => k.department === department);
  if (firing > 0 && firingKinds.length === 0) throw new Error(`${department} has no record kind that fires an indicator`);
  if (quietKinds.length === 0) throw new Error(`${department} has no quiet record kind`);
  const quietPeople = quiet.flatMap((h) => h.members.map((p) => ({ p, h })));
  const records: Record<string, unknown>[] = [];
  const expected: ExpectedWarning[] = [];
  let aboutMembers = 0;
  let fired = 0;
  for (let i = 0; i < size; i += 1) {
    const n = nextNumber();
    // The k-th firing record sits at about k·size/firing.
    if (fired < firing && i >= Math.floor((fired * size) / firing)) {
      const kind = firingKinds[fired % firingKinds.length]!;
      const h = households.take(kind.when);
      records.push(kind.make(h.members[0]!, h, n));
      for (const recipient of recipientsOf(kind.indicator)) expected.push({ recipient, indicator: kind.indicator, householdId: h.householdId });
      aboutMembers += 1;
      fired += 1;
      continue;
    }
    const kind = quietKinds[i % quietKinds.length]!;
    if (kind.outsider) {
      const p = outsiders.take();
      records.push(kind.make(p, householdOf(0), n));
    } else {
      const { p, h } = quietPeople[(n * 7) % quietPeople.length]!;
      records.push(kind.make(p, h, n));
      aboutMembers += 1;
    }
  }
  return { department, batchId, records, expected, aboutMembers };
}

/** A batch about people outside the database only, cycling through types that raise nothing for them. */
export function outsiderBatch(department: Department, batchId: string, size: number, outsiders: Outsiders): Batch {
  const types = OUTSIDER_TYPES[department];
  if (!types?.length) throw new Error(`no outsider record types for ${department}`);
  const records = Array.from({ length: size }, (_, i) => SAMPLE_RECORDS[types[i % types.length]!](outsiders.take(), nextNumber()));
  return { department, batchId, records, expected: [], aboutMembers: 0 };
}

/** Roll entries (civil affairs) for the households handed out, in batches of at most 500. */
export function rollBatches(households: readonly Household[], label: string): Batch[] {
  const batches: Batch[] = [];
  for (let i = 0; i < households.length; i += MAX_RECORDS_PER_BATCH) {
    const records = households.slice(i, i + MAX_RECORDS_PER_BATCH).map((h) => rollEntryOf(h.h, TAG));
    batches.push({
      department: 'civil-affairs',
      batchId: `${label}-roll-${i / MAX_RECORDS_PER_BATCH + 1}`,
      records,
      expected: [],
      aboutMembers: records.length,
    });
  }
  return batches;
}

export { MAX_RECORDS_PER_BATCH };
