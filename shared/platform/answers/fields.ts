import * as z from 'zod';
import { WARNING_RECIPIENTS } from '../../domain/departments';
import { DISTRICT_CODES } from '../../domain/districts';
import { PERSON_REF_PATTERN } from '../../privacy/person-ref';

/** The fields the answers share: ids in the platform's formats, codes, dates, money. */
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const count = z.number().int().min(0);
export const fen = z.number().int().min(0).meta({ description: '金额，单位：分 amount in fen (1/100 yuan)' });

export const SUBMISSION_ID_PATTERN = /^S[0-9A-F]{26}$/;
export const WARNING_ID_PATTERN = /^W[0-9A-F]{24}$/;
export const INDICATOR_ID_PATTERN = /^IND-[0-9]{2}$/;
export const HOUSEHOLD_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{5,39}$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const WHAT_IF_JOB_ID_PATTERN = /^[0-9a-f]{8}(?:-[0-9a-f]{8}){3}$/;

export const submissionId = z
  .string()
  .regex(SUBMISSION_ID_PATTERN)
  .meta({ description: '报送编号 the platform’s id of the submission: `S` and 26 hexadecimal digits, derived from the department and the batch id' });
export const warningId = z
  .string()
  .regex(WARNING_ID_PATTERN)
  .meta({ description: '预警编号 `W` and 24 hexadecimal digits, derived from the indicator, the household and the cause' });
export const indicatorId = z.string().regex(INDICATOR_ID_PATTERN).meta({ description: '预警指标 IND-01 … IND-19' });
export const householdId = z
  .string()
  .regex(HOUSEHOLD_ID_PATTERN)
  .meta({ description: '户编号 household number (a lead about someone not in the database: `LEAD-` and 20 hex digits)' });
export const personRef = z
  .string()
  .regex(PERSON_REF_PATTERN)
  .meta({ description: '人员标识 person reference: the keyed hash of an identity number (`p<key version>_…`), never the number' });
export const maskedIdentityNumber = z
  .string()
  .regex(/^\d{6}\*{11}[\dX]$/)
  .meta({ description: '脱敏身份证号 masked identity number: division code and check character, the rest hidden' });
export const recipient = z.enum(WARNING_RECIPIENTS);
export const district = z.enum(DISTRICT_CODES);
export const month = z.string().regex(MONTH_PATTERN).meta({ description: 'yyyy-mm' });
export const PROGRAMME_CODE = /^[a-z][a-z0-9-]{2,60}$/;
export const programme = z.string().regex(PROGRAMME_CODE).meta({ description: '项目代码 a programme code of the project list (GET /projects)' });
