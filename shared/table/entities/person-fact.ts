import * as z from 'zod';
import type { FactKey, PersonFact } from '../../domain/person-fact';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/** 人 a person's partition `PERSON#<personRef>`: its membership (household.ts) and its facts. */
export const personPartition = (personRef: string) => `PERSON#${personRef}`;
export const FACT_PREFIX = 'FACT#';

const key = (k: FactKey): ItemKey => ({ PK: personPartition(k.personRef), SK: `${FACT_PREFIX}${k.recordType}#${k.slot}` });
const schema = z.object({
  personRef: z.string(),
  recordType: z.string(),
  slot: z.string(),
  recordId: z.string(),
  department: z.string(),
  acceptedAt: z.string(),
  record: z.record(z.string(), z.unknown()),
  keepUntil: z.string().optional(),
});

// 档案 what a department reported about a monitored person (or the subject of a lead).
export const personFact = {
  key,
  // A fact kept for a while only expires by TTL; written again without keepUntil, it stays.
  toItem: (f: PersonFact) => ({ ...key(f), entity: 'PersonFact', ...f, ...(f.keepUntil ? { expiresAt: Math.floor(Date.parse(f.keepUntil) / 1000) } : {}) }),
  fromItem: (item: Record<string, unknown>): PersonFact => parseItem('PersonFact', schema, item),
};
