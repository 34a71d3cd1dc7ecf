import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import { OFFICER_ROLES, type DecisionByOfficer, type Officer } from '../../domain/favouritism';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/**
 * 经办人员登记 an officer (staff, village or community officer) by the session name they sign with;
 * listed by district on GSI1 (`OFFICERS#<district>`). Only person references and masked numbers.
 */
const key = (officerId: string): ItemKey => ({ PK: `OFFICER#${officerId}`, SK: 'PROFILE' });
const districtIndex = (district: string, officerId: string) => ({ GSI1PK: `OFFICERS#${district}`, GSI1SK: officerId });
const person = z.object({ personRef: z.string(), maskedIdentityNumber: z.string() });
const schema = z.object({
  officerId: z.string(),
  role: z.enum(OFFICER_ROLES),
  district: z.enum(DISTRICT_CODES),
  street: z.string().optional(),
  village: z.string().optional(),
  person,
  householdMembers: z.array(person),
  activeFrom: z.string(),
  activeTo: z.string().optional(),
  registeredAt: z.string(),
  registeredBy: z.string(),
});

export const officer = {
  key,
  ofDistrict: (district: string) => `OFFICERS#${district}`,
  toItem: (o: Officer) => ({ ...key(o.officerId), ...districtIndex(o.district, o.officerId), entity: 'Officer', ...o }),
  fromItem: (item: Record<string, unknown>): Officer => parseItem('Officer', schema, item),
};

/**
 * 认定经办 a recognition decision by the officer who submitted the investigation, kept for the
 * concentration check (IND-28): by district and month of the decision (`DECIDED#<district>#<yyyy-mm>`
 * / `<recordId>`, so a retried group rewrites the same item), and by officer on GSI1
 * (`DECIDED-BY#<officerId>` / `<decidedOn>#<recordId>`) for an officer registered after acting.
 */
const decisionKey = (d: Pick<DecisionByOfficer, 'district' | 'decidedOn' | 'recordId'>): ItemKey => ({
  PK: decidedMonth(d.district, d.decidedOn.slice(0, 7)),
  SK: d.recordId,
});
const decidedMonth = (district: string, month: string) => `DECIDED#${district}#${month}`;
const decisionSchema = z.object({
  officerId: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  recordId: z.string(),
  decidedOn: z.string(),
  approved: z.boolean(),
  memberRefs: z.array(z.string()).optional(),
});

export const decisionByOfficer = {
  key: decisionKey,
  month: decidedMonth,
  byOfficer: (officerId: string) => `DECIDED-BY#${officerId}`,
  toItem: (d: DecisionByOfficer) => ({
    ...decisionKey(d),
    GSI1PK: `DECIDED-BY#${d.officerId}`,
    GSI1SK: `${d.decidedOn}#${d.recordId}`,
    entity: 'DecisionByOfficer',
    ...d,
  }),
  fromItem: (item: Record<string, unknown>): DecisionByOfficer => parseItem('DecisionByOfficer', decisionSchema, item),
};
