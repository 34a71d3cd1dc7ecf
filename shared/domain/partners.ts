import * as z from 'zod';
import { DISTRICT_CODES } from './districts';
import { bilingual } from './bilingual';
import { freeText } from '../privacy/free-text';

/**
 * Partners (社会力量): organisations that are not departments and call the platform on their own
 * role, one per kind (`<prefix>-<kind>`). The organisation is the role session's name; civil
 * affairs registers it first (POST /partners), and only a registered, active organisation of the
 * role's kind is admitted.
 */
export const PARTNER_KINDS = ['charity', 'service-provider'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_NAMES: Record<PartnerKind, string> = {
  charity: bilingual('慈善组织', 'charity organisation'),
  'service-provider': bilingual('服务机构', 'service provider'),
};

export function isPartnerKind(value: string): value is PartnerKind {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}

/** GB 32100-2015: the 31 characters a unified social credit code is written in (no I, O, S, V, Z). */
const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character (18th) of the first 17 characters of a unified social credit code. */
export function organisationCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('a unified social credit code has 17 characters before its check character');
  let sum = 0;
  for (const [i, c] of [...first17].entries()) {
    const value = CODE_CHARACTERS.indexOf(c);
    if (value < 0) throw new Error(`"${c}" is not a character of GB 32100`);
    sum += value * WEIGHTS[i]!;
  }
  return CODE_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Why a code is not a unified social credit code, or undefined when it is one. */
export function organisationCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return bilingual('统一社会信用代码须为 18 位', 'a unified social credit code has 18 characters');
  if (!SHAPE.test(code))
    return bilingual('统一社会信用代码含有无效字符（不用 I、O、S、V、Z）', 'a unified social credit code is written in 0-9 and A-Y without I, O, S, V, Z');
  if (organisationCheckCharacter(code.slice(0, 17)) !== code[17])
    return bilingual('统一社会信用代码校验码不符（GB 32100）', 'the check character of the unified social credit code is wrong (GB 32100)');
  return undefined;
}

export const organisationCode = z
  .string()
  .superRefine((code, ctx) => {
    const problem = organisationCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: '统一社会信用代码 the organisation’s unified social credit code (GB 32100, 18 characters with its check character)' });

/** `POST /partners`: civil affairs registers an organisation. */
export const partnerRegistration = z
  .strictObject({
    kind: z.enum(PARTNER_KINDS).meta({ description: '类别 charity (慈善组织) or service-provider (服务机构)' }),
    organisationCode,
    name: freeText({ min: 2, max: 100 }).meta({ description: '名称 the organisation’s registered name (no personal data)' }),
    districts: z
      .array(z.enum(DISTRICT_CODES))
      .min(1)
      .refine((d) => new Set(d).size === d.length, { message: bilingual('区县不能重复', 'each district at most once') })
      .meta({ description: '服务区县 the districts it serves' }),
    active: z.boolean().default(true).meta({ description: '有效 false suspends the organisation (its calls are refused)' }),
  })
  .meta({ description: '登记社会力量 register a partner organisation' });
export type PartnerRegistrationRequest = z.infer<typeof partnerRegistration>;

export interface Partner {
  kind: PartnerKind;
  organisationCode: string;
  name: string;
  districts: string[];
  active: boolean;
  registeredAt: string;
  registeredBy: string;
}

/** `GET /partners?kind=`. */
export const partnersQuery = z.strictObject({
  kind: z.enum(PARTNER_KINDS).optional().meta({ description: '类别 only this kind; default both' }),
});
