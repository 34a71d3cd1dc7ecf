import * as z from 'zod';
import { WARNING_RECIPIENTS } from '../shared/domain/departments';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { isoDateTime, personRef, pseudonymizedRecord } from './common';
import { EVENT_SOURCES } from './sources';

export const warningEvidence = z
  .object({
    recordId: z.string(),
    recordType: z.string(),
    department: z.string(),
    subject: personRef.optional(),
    facts: pseudonymizedRecord,
  })
  .strict();

/**
 * A warning (预警) as it travels: raised for a household, published in a WarningsRaised.v1 group,
 * pushed by department-routing to its recipients (work items and referrals carry it too).
 */
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

/**
 * Warnings raised together (by one group of records, or one sweep), published as few events as
 * the bus's size limit allows: department-routing and statistics take them as a group.
 */
export const WARNINGS_RAISED_V1 = {
  source: EVENT_SOURCES.warnings,
  detailType: 'WarningsRaised.v1',
} as const;

export const warningsRaisedV1 = z
  .object({
    /** Derived from the warning ids it carries: the same group published again is the same event. */
    groupId: z.string().min(1),
    warnings: z.array(warningRaisedV1).min(1),
  })
  .strict();
export type WarningsRaisedV1 = z.infer<typeof warningsRaisedV1>;
