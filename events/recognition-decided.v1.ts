import * as z from 'zod';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';

/** A classified review decided a household's category (or none), with its reasons (认定结果). */
export const RECOGNITION_DECIDED_V1 = { source: EVENT_SOURCES.register, detailType: 'RecognitionDecided.v1' } as const;

export const recognitionDecidedV1 = z
  .object({
    householdId: z.string(),
    district: z.enum(DISTRICT_CODES),
    recordId: z.string(),
    investigatedOn: z.iso.date(),
    category: z.enum(['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE']).nullable(),
    perCapitaMonthlyIncomeFen: z.number().int(),
    reviews: z.array(
      z.object({
        category: z.string(),
        qualifies: z.boolean(),
        checks: z.array(
          z.object({
            test: z.string(),
            value: z.union([z.number(), z.string(), z.boolean()]),
            threshold: z.union([z.number(), z.string(), z.boolean()]),
            passed: z.boolean(),
          }),
        ),
      }),
    ),
    parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    /** The policy version decided with (added within v1: absent on events decided before versioned policy, which used version 0). */
    policyVersion: z.number().int().min(0).optional(),
    decidedAt: isoDateTime,
  })
  .strict();
export type RecognitionDecidedV1 = z.infer<typeof recognitionDecidedV1>;
