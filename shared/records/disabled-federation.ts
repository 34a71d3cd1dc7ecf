import * as z from 'zod';
import { label } from '../domain/bilingual';
import { districtCode, inOrder, isoDate, personRecord } from './fields';

/** The disabled persons' federation (残联): disability certificates (残疾人证). Indicator 7. */
export const disabilityCertificate = personRecord('disability-certificate', {
  // The certificate number is the identity number plus kind and grade digits: not taken, as it
  // would carry the identity number in clear; kind and grade are sent on their own.
  kind: z.enum(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple']).meta(label('残疾类别', 'Kind of disability')),
  /** Grade 1 (most severe) to 4; grades 1 and 2 are severe disability. */
  grade: z.number().int().min(1).max(4).meta(label('残疾等级', 'Grade')),
  issuedOn: isoDate.meta(label('发证日期', 'Date issued')),
  validUntil: isoDate.meta(label('有效期至', 'Valid until')),
  district: districtCode,
}).superRefine(inOrder([['issuedOn', 'validUntil']]));
