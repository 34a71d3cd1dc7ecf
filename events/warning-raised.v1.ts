import { z } from 'zod';
import { WARNING_RECIPIENTS } from '../shared/domain/departments';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { isoDateTime, personRef, pseudonymizedRecord } from './common';
import { EVENT_SOURCES } from './sources';

/** A warning (预警) was raised for a household; department-routing pushes it to its recipients. */
export const WARNING_RAISED_V1 = {
  source: EVENT_SOURCES.warnings,
  detailType: 'WarningRaised.v1',
} as const;

export const warningEvidence = z
  .object({
    recordId: z.string(),
    recordType: z.string(),
    department: z.string(),
    subject: personRef.optional(),
    facts: pseudonymizedRecord,
  })
  .strict();

export const warningRaisedV1 = z
  .object({
    warningId: z.string().min(1),
    indicator: z
      .object({
        id: z.string(),
        version: z.number().int().positive(),
        title: z.string(),
        parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      })
      .strict(),
    householdId: z.string(),
    district: z.enum(DISTRICT_CODES),
    subjects: z.array(personRef),
    recipients: z.array(z.enum(WARNING_RECIPIENTS)).min(1),
    action: z.string(),
    explanation: z.string(),
    evidence: z.array(warningEvidence).min(1),
    raisedAt: isoDateTime,
    dueBy: isoDateTime,
  })
  .strict();
export type WarningRaisedV1 = z.infer<typeof warningRaisedV1>;
