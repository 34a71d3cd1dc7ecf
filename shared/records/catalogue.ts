import { z } from 'zod';
import type { Department } from '../domain/departments';
import { lowIncomeRollEntry } from './civil-affairs';
import { deathRecord } from './health';

/**
 * Every record type a department may post, and which department owns it.
 * The API accepts a record only from its owning department.
 */
export const RECORD_TYPES = {
  'low-income-roll-entry': { department: 'civil-affairs', schema: lowIncomeRollEntry, description: 'roll entry of a recognised household (低收入人口名册)' },
  'death-record': { department: 'health', schema: deathRecord, description: 'registered death (死亡登记)' },
} as const satisfies Record<string, { department: Department; schema: z.ZodType; description: string }>;

export type RecordType = keyof typeof RECORD_TYPES;
export const RECORD_TYPE_CODES = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]];
export type DepartmentRecord = z.infer<(typeof RECORD_TYPES)[RecordType]['schema']>;

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && Object.hasOwn(RECORD_TYPES, value);
}

export function recordTypesOf(department: string): RecordType[] {
  return RECORD_TYPE_CODES.filter((type) => RECORD_TYPES[type].department === department);
}
