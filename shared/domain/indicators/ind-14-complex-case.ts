import type { DistrictCode } from '../districts';
import type { PolicyValue } from '../policy/policy-book';
import type { OpenWarning, WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { ABOUT_HANDLING } from './support';

/**
 * Indicator 14: several open warnings across departments for one household → complex case
 * (一事一议), raised by warning-evaluation from the household's open warnings.
 */
export const complexCase = defineIndicator({
  id: 'IND-14',
  version: 1,
  title: 'several open warnings across departments: complex case for county coordination',
  titleZh: '多部门复杂个案',
  recipients: ['county-coordination'],
  parameters: ['IND-14.minOpenWarnings', 'IND-14.minDepartments'],
  deadlineDays: 15,
  /** `open`: the household's open warnings as its open-warnings list holds them. */
  evaluate(
    householdId: string,
    district: DistrictCode,
    open: readonly OpenWarning[],
    parameters: Readonly<Record<string, PolicyValue>>,
  ): WarningDraft | undefined {
    const counted = open
      .filter((w) => !ABOUT_HANDLING.has(w.indicatorId))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.warningId.localeCompare(b.warningId));
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
      evidence: counted.map((w) => ({
        recordId: w.warningId,
        recordType: 'warning',
        department: w.recipients.join(','),
        facts: { indicator: w.indicatorId, status: 'open', dueBy: w.dueBy },
      })),
    };
  },
});
