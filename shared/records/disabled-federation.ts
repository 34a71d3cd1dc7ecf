import * as z from 'zod';
import { districtCode, inOrder, isoDate, personRecord } from './fields';

/** The disabled persons' federation (残联): disability certificates (残疾人证). Indicator 7. */
export const disabilityCertificate = personRecord('disability-certificate', {
  // The certificate number is the identity number plus kind and grade digits: not taken, as it
  // would carry the identity number in clear; kind and grade are sent on their own.
  kind: z.enum(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple']),
  /** Grade 1 (most severe) to 4; grades 1 and 2 are severe disability. */
  grade: z.number().int().min(1).max(4),
  issuedOn: isoDate,
  validUntil: isoDate,
  district: districtCode,
}).superRefine(inOrder([['issuedOn', 'validUntil']]));
