import type { DistrictCode } from '../districts';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/**
 * IND-18, emergency assistance (急难救助) paid first: a case whose documents did not arrive by
 * their deadline, were refused, or whose advance was above the small-amount limit, is flagged
 * to supervision (数字监督), by register-update and the hourly sweep.
 */
export const emergencyCaseFlagged = defineIndicator({
  // Not IND-15 (a warning overdue): the monthly overdue rate counts IND-15 alone.
  id: 'IND-18',
  version: 1,
  title: 'emergency assistance paid first: documents overdue or refused, or advance above the limit',
  titleZh: '急难先行救助后续',
  recipients: ['supervision'],
  parameters: ['emergency.advanceLimitFen', 'emergency.documentsDueDays'],
  deadlineDays: 5,
  evaluate(
    c: {
      caseId: string;
      personRef: string;
      district: DistrictCode;
      householdId: string;
      amountFen: number;
      paidOn: string;
      documentsDueBy: string;
      advanceRecordId: string;
    },
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
      evidence: [
        {
          recordId: c.advanceRecordId,
          recordType: 'emergency-assistance',
          department: 'civil-affairs',
          facts: { caseId: c.caseId, amountFen: c.amountFen, paidOn: c.paidOn, documentsDueBy: c.documentsDueBy, flag },
        },
      ],
    };
  },
});
