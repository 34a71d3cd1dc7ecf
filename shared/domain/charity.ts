import * as z from 'zod';
import { bilingual } from './bilingual';
import { CATEGORY_CODES } from './categories';
import { DISTRICT_CODES } from './districts';
import { freeText } from '../privacy/free-text';

/**
 * 慈善帮扶 (plan 三.6): charities publish offers; the platform matches them with the needs of
 * households that consented to share with charities; a match reaches the charity masked.
 */

/** What a household needs that a charity can help with, read from its needs list (需求清单: its open warnings). */
export const CHARITY_NEED_KINDS = ['medical', 'education', 'employment', 'housing', 'disability', 'basic-living'] as const;
export type CharityNeedKind = (typeof CHARITY_NEED_KINDS)[number];

export const CHARITY_NEED_KIND_NAMES: Record<CharityNeedKind, string> = {
  medical: bilingual('医疗', 'medical'),
  education: bilingual('教育', 'education'),
  employment: bilingual('就业', 'employment'),
  housing: bilingual('住房', 'housing'),
  disability: bilingual('残疾帮扶', 'disability'),
  'basic-living': bilingual('基本生活', 'basic living'),
};

/**
 * The need behind an open warning, by indicator. Warnings about the record itself (a death, a
 * duplicate, a public employee, two rolls, an overdue answer, an exit) are no need a charity meets.
 */
const NEED_OF_INDICATOR: Readonly<Record<string, CharityNeedKind>> = {
  'IND-02': 'medical', // 医疗支出
  'IND-03': 'medical', // 大病
  'IND-10': 'medical', // 参保资助
  'IND-06': 'education', // 教育
  'IND-04': 'employment', // 失业
  'IND-11': 'housing', // 住房
  'IND-08': 'housing', // 受灾
  'IND-07': 'disability', // 残疾
  'IND-05': 'basic-living', // 收入变化
  'IND-09': 'basic-living', // 返贫致贫风险
  'IND-13': 'basic-living', // 走访发现
  'IND-14': 'basic-living', // 复杂个案
  'IND-18': 'basic-living', // 急难救助
};

export function needKindOfIndicator(indicator: string): CharityNeedKind | undefined {
  return NEED_OF_INDICATOR[indicator];
}

export const OFFER_KINDS = ['goods', 'money', 'service', 'volunteer'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

const uniqueList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1)
    .refine((l) => new Set(l).size === l.length, { message: bilingual('不能重复', 'each at most once') });

/** `POST /charity/offers`: what a charity gives, where, for whom, how many, until when. */
export const charityOffer = z
  .strictObject({
    kind: z.enum(OFFER_KINDS).meta({ description: '类型 goods (物资), money (资金), service (服务) or volunteer (志愿服务)' }),
    description: freeText({ min: 2, max: 500 }).meta({ description: '内容 what is given (no names or numbers of people)' }),
    amountFen: z.number().int().positive().max(100_000_000).optional().meta({ description: '金额（分）each household’s amount in fen; required for money' }),
    districts: uniqueList(z.enum(DISTRICT_CODES)).meta({ description: '区县 where it is given' }),
    categories: uniqueList(z.enum(CATEGORY_CODES)).meta({ description: '对象类别 which categories of household' }),
    needKinds: uniqueList(z.enum(CHARITY_NEED_KINDS)).meta({ description: '需求类型 which kinds of need (from the needs list)' }),
    capacity: z.number().int().min(1).max(10_000).meta({ description: '名额 how many households at most' }),
    validUntil: z.iso.date().meta({ description: '有效期至 the last day it may be matched (yyyy-mm-dd)' }),
  })
  .superRefine((o, ctx) => {
    if (o.kind === 'money' && o.amountFen === undefined)
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: bilingual('资金类须填写金额（分）', 'a money offer states its amount in fen') });
  })
  .meta({ description: '慈善供给 a charity’s offer' });
export type CharityOfferRequest = z.infer<typeof charityOffer>;

export interface CharityOffer extends CharityOfferRequest {
  offerId: string;
  organisationCode: string;
  publishedAt: string;
  /** Matches made so far; never more than capacity. */
  matched: number;
}

/** `POST /households/{householdId}/charity-consent`: civil affairs records the household's consent, or its withdrawal. */
export const charityConsent = z
  .strictObject({
    consent: z
      .enum(['given', 'withdrawn'])
      .meta({ description: '同意 given: the household agrees to share masked needs with charities; withdrawn: no more matches' }),
    givenOn: z.iso.date().meta({ description: '签署日期 the day it was signed or withdrawn' }),
    // A form number like the exit-with-transfer consent's (outcome.ts), and a staff number like handledBy.
    documentRef: z
      .string()
      .regex(/^[A-Za-z0-9-]{4,40}$/, bilingual('须为签字同意书的编号', 'must be the number of the signed consent form'))
      .meta({ description: '同意书编号 the signed form’s number' }),
    recordedBy: z
      .string()
      .regex(/^[A-Za-z0-9._-]{2,40}$/, bilingual('须为经办人工号', 'must be the officer’s staff number'))
      .meta({ description: '经办人工号 the officer’s staff number' }),
  })
  .meta({ description: '慈善帮扶授权 a household’s consent to charity matching' });
export type CharityConsentRequest = z.infer<typeof charityConsent>;

export interface CharityConsent extends CharityConsentRequest {
  householdId: string;
  recordedAt: string;
}

/** `POST /charity/matches/{matchId}/delivery`: what the charity delivered. */
export const charityDelivery = z
  .strictObject({
    delivered: freeText({ min: 2, max: 300 }).meta({ description: '交付内容 what was delivered' }),
    amountFen: z.number().int().positive().max(100_000_000).optional().meta({ description: '金额（分）money delivered, in fen' }),
    quantity: z.number().int().positive().max(100_000).optional().meta({ description: '数量 how many items or hours' }),
    deliveredOn: z.iso.date().meta({ description: '交付日期 yyyy-mm-dd' }),
  })
  .meta({ description: '交付反馈 a charity’s delivery report' });
export type CharityDeliveryRequest = z.infer<typeof charityDelivery>;
