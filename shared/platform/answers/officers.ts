import * as z from 'zod';
import { bilingual, label } from '../../domain/bilingual';
import { OFFICER_ROLES } from '../../domain/favouritism';
import { freeText } from '../../privacy/free-text';
import { districtCode, identityNumber, isoDate as recordDate } from '../../records/fields';
import { count, householdId, isoDate, isoDateTime, maskedIdentityNumber, warningId } from './fields';

/** The session name an officer signs with (STS: 2–64 of `\w+=,.@-`), which the trust policy makes the source identity. */
const officerId = z
  .string()
  .regex(
    /^[\w+=,.@-]{2,64}$/,
    bilingual(
      '须为经办人签名所用的会话名（2–64 个字母、数字或 +=,.@_-）',
      'must be the session name the officer signs with (2-64 of letters, digits, +=,.@_-)',
    ),
  )
  .meta(label('经办人编号（会话名）', 'Officer id (session name)'));

const ROLE = label('人员类别', 'Role');
const place = (zh: string, en: string) => freeText({ min: 1, max: 50 }).meta(label(zh, en));

/**
 * `POST /officers` 经办人员登记: civil affairs registers (or re-registers) an officer with the identity
 * numbers of the officer and of the officer's own household. The numbers are pseudonymized at the
 * edge into person references as records' are, and never stored, logged or answered in clear.
 */
export const officerRegistration = z
  .strictObject({
    officerId,
    role: z.enum(OFFICER_ROLES).meta({ ...ROLE, description: '人员类别 staff 民政工作人员, village-officer 村干部, community-officer 社区干部' }),
    district: districtCode.meta(label('所在区县', 'District')),
    street: place('街道（乡镇）', 'Street (township)').optional(),
    village: place('村（社区）', 'Village (community)').optional(),
    identityNumber: identityNumber.meta(label('经办人公民身份号码', 'Officer’s identity number')),
    householdMembers: z
      .array(z.strictObject({ identityNumber: identityNumber.meta(label('家庭成员公民身份号码', 'Household member’s identity number')) }))
      .max(30)
      .meta(label('经办人家庭成员', 'The officer’s own household members')),
    activeFrom: recordDate.meta(label('任职起始日期', 'Active from')),
    activeTo: recordDate.meta(label('任职截止日期', 'Active to')).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.activeTo && r.activeTo < r.activeFrom)
      ctx.addIssue({ code: 'custom', path: ['activeTo'], message: bilingual('不得早于任职起始日期', 'must not be before activeFrom') });
    const seen = new Set([r.identityNumber]);
    r.householdMembers.forEach((m, i) => {
      if (seen.has(m.identityNumber))
        ctx.addIssue({
          code: 'custom',
          path: ['householdMembers', i, 'identityNumber'],
          message: bilingual('重复列出（或为经办人本人）', 'listed twice (or is the officer)'),
        });
      seen.add(m.identityNumber);
    });
  })
  .meta({ title: '经办人员登记 Officer registration' });
export type OfficerRegistration = z.output<typeof officerRegistration>;

/** `GET /officers?district=`: one district's officers; every district's by default. */
export const officersQuery = z.strictObject({
  district: z.enum(districtCode.options).optional().meta({ description: '区县代码 one district only; default every district, in code order' }),
});

/** An officer as the API shows one: masked numbers only, never a person reference of the family. */
export const officerView = z
  .object({
    officerId: z.string(),
    role: z.enum(OFFICER_ROLES),
    district: z.string(),
    street: z.string().optional(),
    village: z.string().optional(),
    maskedIdentityNumber,
    householdMembers: z.array(z.object({ maskedIdentityNumber })).meta({ description: '经办人家庭成员 the officer’s own household, masked' }),
    activeFrom: isoDate,
    activeTo: isoDate.optional(),
    registeredAt: isoDateTime,
    registeredBy: z.string().meta({ description: '登记人 the department and officer who registered (or re-registered) this one' }),
  })
  .meta({ title: '经办人员 Officer' });

export const officerRegistered = z
  .object({
    outcome: z.enum(['registered', 'replaced', 'unchanged']).meta({ description: '登记结果 new, an earlier registration replaced, or the same again' }),
    officer: officerView,
    checkedAfterTheFact: z
      .object({
        decisions: count.meta({ description: '该经办人已作出的认定决定 recognition decisions the officer had already made' }),
        households: z.array(householdId),
        raised: z.array(warningId).meta({ description: 'IND-27 warnings raised to supervision by this registration' }),
      })
      .meta({ description: '事后核查 the households the officer had already decided, checked against the officer’s household' }),
  })
  .meta({ title: '经办人员登记结果 Officer registered' });

export const officerList = z.object({ items: z.array(officerView), count }).meta({ title: '经办人员名单 Officers' });
