import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import { PARTNER_KINDS } from '../../domain/partners';
import { CATEGORY_CODES } from '../../domain/categories';
import { CHARITY_NEED_KINDS, OFFER_KINDS } from '../../domain/charity';

/** 社会力量: a registered partner organisation (no personal data: an organisation’s code and name are public). */
export const partnerAnswer = z
  .object({
    kind: z.enum(PARTNER_KINDS),
    organisationCode: z.string().meta({ description: '统一社会信用代码 unified social credit code' }),
    name: z.string(),
    districts: z.array(z.enum(DISTRICT_CODES)),
    active: z.boolean(),
    registeredAt: z.iso.datetime({ offset: true }),
    registeredBy: z.string().meta({ description: '登记人 the civil-affairs officer (session) who registered it' }),
  })
  .meta({ title: '社会力量 Partner organisation' });

export const partnerList = z.object({ partners: z.array(partnerAnswer) }).meta({ title: '社会力量名录 Partner organisations' });

const needKind = z.enum(CHARITY_NEED_KINDS);
const offerKind = z.enum(OFFER_KINDS);

export const charityOfferAnswer = z
  .object({
    offerId: z.string(),
    organisationCode: z.string(),
    kind: offerKind,
    description: z.string(),
    amountFen: z.number().int().optional(),
    districts: z.array(z.enum(DISTRICT_CODES)),
    categories: z.array(z.enum(CATEGORY_CODES)),
    needKinds: z.array(needKind),
    capacity: z.number().int(),
    matched: z.number().int().meta({ description: '已匹配 households matched so far' }),
    validUntil: z.iso.date(),
    publishedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ title: '慈善供给 Charity offer' });

export const charityOfferReceipt = z
  .object({ offer: charityOfferAnswer, matched: z.number().int().meta({ description: '本次匹配 matches made when it was published' }) })
  .meta({ title: '已发布 Offer published' });
export const charityOfferList = z.object({ offers: z.array(charityOfferAnswer) }).meta({ title: '本机构供给 The organisation’s offers' });

const delivery = z.object({
  delivered: z.string(),
  amountFen: z.number().int().optional(),
  quantity: z.number().int().optional(),
  deliveredOn: z.iso.date(),
  recordedAt: z.iso.datetime({ offset: true }),
});

/** A match as a charity sees it: masked and minimal. */
export const charityMatchAnswer = z
  .object({
    matchId: z.string(),
    offerId: z.string(),
    householdRef: z.string().meta({ description: '家庭代号 the household as this organisation knows it (a pseudonym of its own; not the household number)' }),
    district: z.enum(DISTRICT_CODES),
    needKind,
    needKindName: z.string(),
    give: z
      .object({ kind: offerKind, description: z.string(), amountFen: z.number().int().optional() })
      .meta({ description: '帮扶内容 what to give, from the offer' }),
    matchedAt: z.iso.datetime({ offset: true }),
    delivery: delivery.optional(),
  })
  .meta({ title: '慈善匹配 Charity match (masked)' });

export const charityMatchList = z.object({ matches: z.array(charityMatchAnswer) }).meta({ title: '本机构匹配 The organisation’s matches' });
export const charityDeliveryReceipt = z
  .object({ match: charityMatchAnswer, replayed: z.boolean().meta({ description: 'true: the delivery was reported before; nothing changed' }) })
  .meta({ title: '已交付 Delivery recorded' });

export const charityConsentReceipt = z
  .object({
    consent: z.object({
      householdId: z.string(),
      consent: z.enum(['given', 'withdrawn']),
      givenOn: z.iso.date(),
      documentRef: z.string(),
      recordedBy: z.string(),
      recordedAt: z.iso.datetime({ offset: true }),
    }),
    matched: z.number().int().meta({ description: '本次匹配 matches made when it was recorded' }),
  })
  .meta({ title: '已记录授权 Consent recorded' });

export const charityMatchingRun = z
  .object({
    consentingHouseholds: z.number().int(),
    openNeeds: z.number().int(),
    openOffers: z.number().int(),
    matched: z.number().int(),
    matchIds: z.array(z.string()),
  })
  .meta({ title: '匹配结果 Matching run' });
