import * as z from 'zod';
import { DEPARTMENT_CODES } from '../shared/domain/departments';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { RECORD_TYPE_CODES } from '../shared/records/record-types';
import { isoDateTime, personRef, pseudonymizedRecord } from './common';
import { EVENT_SOURCES } from './sources';

/**
 * A group of a department's records was validated and stored (数据归集): one event per record
 * type and size-bounded chunk of a submission, so a 500-record batch is a handful of events and
 * every function downstream works on the group at once. Rules still route by `recordType`.
 */
export const RECORDS_ACCEPTED_V1 = {
  source: EVENT_SOURCES.intake,
  detailType: 'RecordsAccepted.v1',
} as const;

/** One record of the group, pseudonymized: person references instead of identity numbers, no names. */
export const acceptedRecordV1 = z
  .object({
    /** `<submissionId>:<index>`: the platform's id for the record, stable across resends. */
    recordId: z.string().min(1),
    departmentRecordId: z.string().min(1),
    subjects: z.array(personRef),
    district: z.enum(DISTRICT_CODES).optional(),
    record: pseudonymizedRecord,
  })
  .strict();

export const recordsAcceptedV1 = z
  .object({
    /** `<submissionId>:<recordType>:<chunk>`: stable across resends and replays, the consumers' idempotency key. */
    groupId: z.string().min(1),
    submissionId: z.string().min(1),
    department: z.enum(DEPARTMENT_CODES),
    recordType: z.enum(RECORD_TYPE_CODES),
    acceptedAt: isoDateTime,
    /** The officer who sent the batch: the session's source identity (shared/platform/principals.ts), when known. */
    officer: z.string().min(1).max(64).optional(),
    records: z.array(acceptedRecordV1).min(1),
  })
  .strict();
export type RecordsAcceptedV1 = z.infer<typeof recordsAcceptedV1>;

/** One accepted record as the use cases see it: the group's envelope spread over the record. */
export interface AcceptedRecord extends z.infer<typeof acceptedRecordV1> {
  submissionId: string;
  department: RecordsAcceptedV1['department'];
  recordType: RecordsAcceptedV1['recordType'];
  acceptedAt: string;
  officer?: string;
}

export function recordsOf(group: RecordsAcceptedV1): AcceptedRecord[] {
  const { groupId: _g, records, ...envelope } = group;
  return records.map((r) => ({ ...envelope, ...r }));
}
