import { z } from 'zod';
import { DEPARTMENT_CODES } from '../shared/domain/departments';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { RECORD_TYPE_CODES } from '../shared/records/catalogue';
import { isoDateTime, personRef, pseudonymizedRecord } from './common';
import { EVENT_SOURCES } from './sources';

/** A department's record was validated and stored (数据归集). One event per record. */
export const RECORD_ACCEPTED_V1 = {
  source: EVENT_SOURCES.intake,
  detailType: 'RecordAccepted.v1',
} as const;

export const recordAcceptedV1 = z
  .object({
    submissionId: z.string().min(1),
    /** `<submissionId>:<index>`: the platform's id for the record, stable across resends. */
    recordId: z.string().min(1),
    departmentRecordId: z.string().min(1),
    department: z.enum(DEPARTMENT_CODES),
    recordType: z.enum(RECORD_TYPE_CODES),
    subjects: z.array(personRef),
    district: z.enum(DISTRICT_CODES).optional(),
    record: pseudonymizedRecord,
    acceptedAt: isoDateTime,
  })
  .strict();
export type RecordAcceptedV1 = z.infer<typeof recordAcceptedV1>;
