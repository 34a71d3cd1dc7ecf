import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, leadWarning, memberWarning } from './support';
import type { DistrictCode } from '../districts';

const target = z.object({ personRef: z.string(), risk: z.string(), identifiedOn: z.string(), status: z.string(), district: z.string() });
/** Categories civil affairs recognises; relapse monitoring alone is agriculture's. */
const CIVIL_AFFAIRS_CATEGORIES = ['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE'];

/** Indicator 9: a relapse-monitoring target is in no civil-affairs category → recognition check. */
export const relapseTargetUnrecognised = defineIndicator({
  id: 'IND-09',
  version: 1,
  title: 'relapse-monitoring target outside civil-affairs categories: recognition check',
  titleZh: '防止返贫监测对象未纳入救助类别',
  reads: ['relapse-monitoring-target'],
  recipients: ['civil-affairs'],
  deadlineDays: 30,
  evaluate({ observed, memberships }) {
    const r = factsOf(target, observed);
    if (r.status !== 'monitoring') return [];
    const member = memberships.get(r.personRef);
    if (member && CIVIL_AFFAIRS_CATEGORIES.includes(member.category)) return [];
    const w = {
      dedupeKey: r.personRef,
      action: 'check the household for dibao, edge or rigid-expenditure recognition and bring it into assistance if eligible',
      explanation: `Agriculture monitors this person for relapse into poverty (risk: ${r.risk}, since ${r.identifiedOn}); civil affairs has not recognised the household in any category.`,
      facts: { risk: r.risk, identifiedOn: r.identifiedOn },
    };
    return [member ? memberWarning(member, observed, w) : leadWarning(r.personRef, r.district as DistrictCode, observed, w)];
  },
});
