import * as z from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { WAIVER_CODES } from '../../domain/waivers';
import { district, maskedIdentityNumber, month } from './fields';

const waiver = z.enum(WAIVER_CODES).meta({ description: '减免项目 childcare, water, electricity, gas, television, funeral, public-transport' });

/** 减免名单 one line: what the provider needs to apply the waiver, nothing that names the person. */
const waiverLine = z
  .object({
    district,
    maskedIdentityNumber,
    category: z.enum(CATEGORY_CODES).meta({ description: '救助类别 the household’s category' }),
    waiver,
    month,
    code: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{10}$/)
      .meta({ description: '核验码 10 characters the provider reads back with the masked number (POST …/verify)' }),
  })
  .meta({ title: '减免名单行 Waiver list line' });

export const waiverListAnswer = z
  .object({
    waiver,
    month,
    district,
    lines: z.array(waiverLine),
    next: z.string().optional().meta({ description: '翻页令牌 the next page, if any' }),
  })
  .meta({ title: '减免名单 Waiver list' });

/** `POST /waivers/{waiver}/{month}/verify`: a line read back by the provider. */
export const waiverVerification = z
  .strictObject({
    maskedIdentityNumber,
    code: z.string().min(1).max(40).meta({ description: '核验码 as printed on the list (case, hyphens and O/0, I/L/1 do not matter)' }),
  })
  .meta({ title: '减免核验 Waiver check', description: '核验 the masked number and the code of a list line' });

export const waiverVerificationAnswer = z
  .object({
    waiver,
    month,
    entitled: z.boolean().meta({ description: 'true: the person is on the month’s list and the code is theirs' }),
  })
  .meta({ title: '减免核验结果 Waiver check result' });
