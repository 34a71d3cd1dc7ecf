import type { DistrictCode } from '../districts';
import type { PolicyValue } from '../policy/policy-book';
import type { OpenWarning, Warning, WarningDraft } from '../warning';
import type { WarningRecipient } from '../departments';

/**
 * Indicators driven by the warnings themselves rather than by a department record:
 * 14 (several open warnings across departments → county coordination) and
 * 15 (a warning past its deadline → supervision).
 */
export interface WarningIndicator {
  id: string;
  version: number;
  title: string;
  effectiveFrom: string;
  effectiveTo: string;
  recipients: readonly WarningRecipient[];
  parameters: readonly string[];
  deadlineParameter: string;
}

type WarningState = Pick<Warning, 'warningId' | 'householdId' | 'district' | 'indicator' | 'recipients' | 'status' | 'raisedAt' | 'dueBy'> & {
  outcomes?: Record<string, unknown>;
};

const isOpen = (w: WarningState) => w.status !== 'resolved';
// Warnings about the handling itself (complex case, overdue, an emergency case flagged) are not counted.
const META = new Set(['IND-14', 'IND-15', 'IND-18']);

/** Indicator 14: several open warnings across departments for one household → complex case (一事一议). */
export const complexCase = {
  id: 'IND-14',
  version: 1,
  title: 'several open warnings across departments: complex case for county coordination',
  effectiveFrom: '2025-12-01',
  effectiveTo: '2030-11-30',
  recipients: ['county-coordination'],
  parameters: ['IND-14.minOpenWarnings', 'IND-14.minDepartments', 'warning.deadlineDays.IND-14'],
  deadlineParameter: 'warning.deadlineDays.IND-14',
  /** `open`: the household's open warnings as its open-warnings list holds them. */
  evaluate(householdId: string, district: DistrictCode, open: readonly OpenWarning[], parameters: Readonly<Record<string, PolicyValue>>): WarningDraft | undefined {
    const counted = open.filter((w) => !META.has(w.indicatorId)).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.warningId.localeCompare(b.warningId));
    const departments = new Set(counted.flatMap((w) => w.recipients));
    const minOpen = Number(parameters['IND-14.minOpenWarnings']);
    const minDepartments = Number(parameters['IND-14.minDepartments']);
    if (counted.length < minOpen || departments.size < minDepartments) return undefined;
    return {
      householdId,
      district,
      subjects: [],
      // One complex case per household while its oldest open warning stays open.
      dedupeKey: counted[0]!.warningId,
      action: 'decide case by case (一事一议) with the departments concerned',
      explanation: `${counted.length} warnings are open for this household across ${departments.size} departments (${[...departments].join(', ')}).`,
      evidence: counted.map((w) => ({ recordId: w.warningId, recordType: 'warning', department: w.recipients.join(','), facts: { indicator: w.indicatorId, status: 'open', dueBy: w.dueBy } })),
    };
  },
} satisfies WarningIndicator & { evaluate: unknown };

/** Indicator 15: a warning not handled within its deadline → supervision (数字监督). */
export const overdueWarning = {
  id: 'IND-15',
  version: 1,
  title: 'warning not handled within its deadline',
  effectiveFrom: '2025-12-01',
  effectiveTo: '2030-11-30',
  recipients: ['supervision'],
  parameters: ['warning.deadlineDays.IND-15'],
  deadlineParameter: 'warning.deadlineDays.IND-15',
  evaluate(w: WarningState, now: string): WarningDraft | undefined {
    if (!isOpen(w) || META.has(w.indicator.id) || w.dueBy >= now) return undefined;
    const waiting = w.recipients.filter((r) => !w.outcomes?.[r]);
    const days = Math.floor((Date.parse(now) - Date.parse(w.dueBy)) / 86_400_000);
    return {
      householdId: w.householdId,
      district: w.district,
      subjects: [],
      dedupeKey: w.warningId,
      action: `ask ${waiting.join(', ')} to handle warning ${w.warningId} and account for the delay`,
      explanation: `Warning ${w.warningId} (${w.indicator.id} ${w.indicator.title}) was due by ${w.dueBy}${days > 0 ? `, ${days} day(s) ago` : ''}; still waiting for ${waiting.join(', ')}.`,
      evidence: [{ recordId: w.warningId, recordType: 'warning', department: waiting.join(','), facts: { indicator: w.indicator.id, raisedAt: w.raisedAt, dueBy: w.dueBy, waitingFor: waiting.join(',') } }],
    };
  },
} satisfies WarningIndicator & { evaluate: unknown };

/**
 * Indicator 16: a household leaves DIBAO/TEKUN because its finances improved → offer, with its
 * consent, a transfer to DIBAO_EDGE, RIGID_EXPENDITURE or OTHER_HARDSHIP (退出转认定).
 */
export const exitWithTransfer = {
  id: 'IND-16',
  version: 1,
  title: 'leaving dibao or tekun for better finances: offer a transfer',
  effectiveFrom: '2025-12-01',
  effectiveTo: '2030-11-30',
  recipients: ['civil-affairs'],
  parameters: ['warning.deadlineDays.IND-16'],
  deadlineParameter: 'warning.deadlineDays.IND-16',
  evaluate(
    household: { householdId: string; district: DistrictCode; category: string; members: readonly { personRef: string }[] },
    exit: { programme: string; endedOn: string; exitReason: string; warningId: string; department: string },
  ): WarningDraft | undefined {
    if (exit.exitReason !== 'finances-improved' || !['DIBAO', 'TEKUN'].includes(household.category)) return undefined;
    return {
      householdId: household.householdId,
      district: household.district,
      subjects: household.members.map((m) => m.personRef),
      dedupeKey: `${exit.programme}:${exit.endedOn}`,
      action: 'offer the household, with its consent, recognition as DIBAO_EDGE, RIGID_EXPENDITURE or OTHER_HARDSHIP',
      explanation: `The household's ${exit.programme} ended on ${exit.endedOn} because its finances improved; it stays monitored and may qualify for a lower tier.`,
      evidence: [{ recordId: exit.warningId, recordType: 'assistance-ended', department: exit.department, facts: { programme: exit.programme, endedOn: exit.endedOn, category: household.category } }],
    };
  },
} satisfies WarningIndicator & { evaluate: unknown };

/**
 * IND-19 (a rule of the plan's indicator 12), on the roll itself: a member of a household being put on the roll with an
 * allowance is already a member of another household that is paid (two dibao rolls).
 */
export const twoRolls = {
  // A rule of the plan's indicator 12, raised by the roll itself; its own id, so the monthly
  // figures, alarms and answers never mix it with IND-12 raised from department records.
  id: 'IND-19',
  version: 1,
  title: 'the same person on two rolls: duplicate assistance',
  effectiveFrom: '2025-12-01',
  effectiveTo: '2030-11-30',
  recipients: ['civil-affairs'],
  parameters: ['warning.deadlineDays.IND-19'],
  deadlineParameter: 'warning.deadlineDays.IND-19',
  evaluate(
    entry: { householdId: string; district: DistrictCode; paid: boolean; recordId: string },
    current: readonly { personRef: string; householdId: string; district: DistrictCode; activeProgrammes: readonly string[] }[],
  ): WarningDraft[] {
    if (!entry.paid) return [];
    return current
      .filter((m) => m.householdId !== entry.householdId && m.activeProgrammes.length > 0)
      .map((m) => ({
        householdId: entry.householdId,
        district: entry.district,
        subjects: [m.personRef],
        dedupeKey: `${m.personRef}:${m.householdId}`,
        action: `end one of the two allowances: the member is also paid in household ${m.householdId} (district ${m.district})`,
        explanation: `A member put on the roll of household ${entry.householdId} is already a member of household ${m.householdId}, which is paid ${m.activeProgrammes.join(', ')}.`,
        evidence: [{ recordId: entry.recordId, recordType: 'low-income-roll-entry', department: 'civil-affairs', subject: m.personRef, facts: { otherHousehold: m.householdId, otherDistrict: m.district, paid: m.activeProgrammes.join(',') } }],
      }));
  },
} satisfies WarningIndicator & { evaluate: unknown };

/**
 * IND-18, emergency assistance (急难救助) paid first: a case whose documents did not arrive by
 * their deadline, were refused, or whose advance was above the small-amount limit, is flagged
 * to supervision (数字监督).
 */
export const emergencyCaseFlagged = {
  // Not IND-15 (a warning overdue): the monthly overdue rate counts IND-15 alone.
  id: 'IND-18',
  version: 1,
  title: 'emergency assistance paid first: documents overdue or refused, or advance above the limit',
  effectiveFrom: '2025-12-01',
  effectiveTo: '2030-11-30',
  recipients: ['supervision'],
  parameters: ['emergency.advanceLimitFen', 'emergency.documentsDueDays', 'warning.deadlineDays.IND-18'],
  deadlineParameter: 'warning.deadlineDays.IND-18',
  evaluate(
    c: { caseId: string; personRef: string; district: DistrictCode; householdId: string; amountFen: number; paidOn: string; documentsDueBy: string; advanceRecordId: string },
    flag: 'documents-overdue' | 'documents-refused' | 'advance-above-limit',
    parameters: Readonly<Record<string, PolicyValue>>,
  ): WarningDraft {
    const why = {
      'documents-overdue': `the documents were due by ${c.documentsDueBy} and have not been confirmed`,
      'documents-refused': 'the documents supplied afterwards were refused',
      'advance-above-limit': `the advance of ${c.amountFen} fen is above the small-amount limit of ${Number(parameters['emergency.advanceLimitFen'])} fen`,
    }[flag];
    return {
      householdId: c.householdId,
      district: c.district,
      subjects: [c.personRef],
      ...(c.householdId ? {} : { lead: true }),
      dedupeKey: `emergency:${c.caseId}:${flag}`,
      action: `review emergency case ${c.caseId} with civil affairs of district ${c.district}: recover the advance or complete the file`,
      explanation: `Emergency assistance case ${c.caseId}: ${c.amountFen} fen paid first on ${c.paidOn}; ${why}.`,
      evidence: [{ recordId: c.advanceRecordId, recordType: 'emergency-assistance', department: 'civil-affairs', facts: { caseId: c.caseId, amountFen: c.amountFen, paidOn: c.paidOn, documentsDueBy: c.documentsDueBy, flag } }],
    };
  },
} satisfies WarningIndicator & { evaluate: unknown };

/** Every rule raised from warnings, outcomes and the roll (the record-driven ones: index.ts). */
export const HOUSEHOLD_INDICATORS = [complexCase, overdueWarning, exitWithTransfer, twoRolls, emergencyCaseFlagged] as const;
