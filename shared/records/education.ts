import * as z from 'zod';
import { districtCode, fen, personRecord } from './fields';

/** Education (教育): assistance given to students, and student enrolment (学籍). */

const schoolYear = z
  .string()
  .regex(/^(\d{4})-(\d{4})$/, 'must be a school year such as 2026-2027')
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, 'the second year must follow the first');
const schoolCode = z.string().regex(/^\d{10}$/, 'must be the 10-digit school identification code');
const stage = z.enum(['preschool', 'primary', 'junior-secondary', 'senior-secondary', 'secondary-vocational', 'higher-vocational', 'undergraduate']);

export const educationAssistanceGrant = personRecord('education-assistance-grant', {
  programme: z.enum(['national-grant', 'living-subsidy', 'work-study', 'student-loan', 'fee-waiver']),
  amountFen: fen,
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
