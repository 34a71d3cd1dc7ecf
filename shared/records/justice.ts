import * as z from 'zod';
import { districtCode, isoDate, personRecord } from './fields';

/** Justice (司法): legal aid cases (法律援助). */
export const legalAidCase = personRecord('legal-aid-case', {
  caseNumber: z.string().regex(/^[A-Z0-9()（）-]{6,30}$/, 'must be the legal-aid case number'),
  acceptedOn: isoDate,
  matter: z.enum(['labour', 'family', 'personal-injury', 'social-assistance', 'criminal-defence', 'other']),
  district: districtCode,
});
