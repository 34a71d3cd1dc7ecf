import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import type { EmergencyCase } from '../../domain/emergency-case';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

// 急难救助 an emergency case, listed by district and documents due date while it waits for them (GSI2).
const key = (caseId: string): ItemKey => ({ PK: `EMERGENCY#${caseId}`, SK: 'CASE' });
const waitingIndex = (district: string, dueBy: string, caseId: string) => ({ GSI2PK: `EMERGENCY#${district}`, GSI2SK: `${dueBy}#${caseId}` });
const schema = z.object({
  caseId: z.string(),
  personRef: z.string(),
  district: z.enum(DISTRICT_CODES),
  householdId: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  documentsDueBy: z.string(),
  status: z.enum(['awaiting-documents', 'confirmed', 'refused', 'flagged']),
  flags: z.array(z.string()),
  advanceRecordId: z.string(),
  closedOn: z.string().optional(),
});

export const emergencyCase = {
  key,
  waitingOf: (district: string) => `EMERGENCY#${district}`,
  toItem: (c: EmergencyCase) => ({
    ...key(c.caseId),
    ...(c.status === 'awaiting-documents' ? waitingIndex(c.district, c.documentsDueBy, c.caseId) : {}),
    entity: 'EmergencyCase',
    ...c,
  }),
  fromItem: (item: Record<string, unknown>): EmergencyCase => parseItem('EmergencyCase', schema, item),
};
