import * as z from 'zod';
import { bilingual, label } from '../domain/bilingual';
import { districtCode, isoDate, personRecord } from './fields';

/** Justice (司法): legal aid cases (法律援助). */
export const legalAidCase = personRecord('legal-aid-case', {
  caseNumber: z
    .string()
    .regex(
      /^[A-Z0-9()（）-]{6,30}$/,
      bilingual('须为法律援助案号：6–30 个大写字母、数字、括号或 -', 'must be the legal-aid case number: 6-30 upper-case letters, digits, brackets or "-"'),
    )
    .meta(label('法律援助案号', 'Legal-aid case number')),
  acceptedOn: isoDate.meta(label('受理日期', 'Date accepted')),
  matter: z.enum(['labour', 'family', 'personal-injury', 'social-assistance', 'criminal-defence', 'other']).meta(label('案件类别', 'Matter')),
  district: districtCode,
});
