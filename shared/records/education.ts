import * as z from 'zod';
import { bilingual, label } from '../domain/bilingual';
import { districtCode, fen, personRecord } from './fields';

/** Education (教育): assistance given to students, and student enrolment (学籍). */

const schoolYear = z
  .string()
  .regex(/^(\d{4})-(\d{4})$/, bilingual('须为学年，例如 2026-2027', 'must be a school year such as 2026-2027'))
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, bilingual('学年的后一年须紧接前一年', 'the second year must follow the first'))
  .meta(label('学年', 'School year'));
const schoolCode = z
  .string()
  .regex(/^\d{10}$/, bilingual('须为 10 位学校标识码', 'must be the 10-digit school identification code'))
  .meta(label('学校标识码', 'School identification code'));
const stage = z
  .enum(['preschool', 'primary', 'junior-secondary', 'senior-secondary', 'secondary-vocational', 'higher-vocational', 'undergraduate'])
  .meta(label('学段', 'Stage'));

export const educationAssistanceGrant = personRecord('education-assistance-grant', {
  programme: z.enum(['national-grant', 'living-subsidy', 'work-study', 'student-loan', 'fee-waiver']).meta(label('资助项目', 'Programme')),
  amountFen: fen.meta(label('资助金额（分）', 'Amount (fen)')),
  schoolYear,
  schoolCode,
  stage,
  district: districtCode,
});

export const studentEnrolment = personRecord('student-enrolment', {
  schoolYear,
  schoolCode,
  stage,
  district: districtCode,
});
