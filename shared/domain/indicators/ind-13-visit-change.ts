import * as z from 'zod';
import { defineIndicator } from './indicator';
import { evidence, factsOf } from './support';
import type { DistrictCode } from '../districts';

const visit = z.object({
  householdId: z.string(),
  district: z.string(),
  visitedOn: z.string(),
  visitedBy: z.string(),
  changes: z.array(z.object({ kind: z.string(), personRef: z.string().optional(), description: z.string() })),
  needs: z.array(z.string()).default([]),
});

/** Indicator 13: a grassroots visit records a change of situation → re-assessment by civil affairs. */
export const visitRecordsChange = defineIndicator({
  id: 'IND-13',
  version: 1,
  title: 'change of situation found on a visit: re-assessment',
  titleZh: '走访发现家庭状况变化',
  reads: ['visit-report'],
  recipients: ['civil-affairs'],
  deadlineDays: 15,
  evaluate({ observed }) {
    const r = factsOf(visit, observed);
    const kinds = [...new Set(r.changes.map((c) => c.kind))];
    return [
      {
        householdId: r.householdId,
        district: r.district as DistrictCode,
        subjects: r.changes.flatMap((c) => (c.personRef ? [c.personRef] : [])),
        dedupeKey: observed.recordId,
        action: 're-assess the household’s eligibility and needs',
        explanation: `Worker ${r.visitedBy} visited on ${r.visitedOn} and recorded: ${kinds.join(', ')}${r.needs.length ? `; needs: ${r.needs.join(', ')}` : ''}.`,
        evidence: [evidence(observed, undefined, { visitedOn: r.visitedOn, visitedBy: r.visitedBy, changes: kinds, needs: r.needs })],
      },
    ];
  },
});
