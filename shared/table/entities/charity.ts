import * as z from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { CHARITY_NEED_KINDS, OFFER_KINDS, type CharityConsent, type CharityOffer } from '../../domain/charity';
import { DISTRICT_CODES } from '../../domain/districts';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

/**
 * 慈善帮扶: offers and consents each in one partition (a city's offers and consenting households
 * are read whole by a matching run); a charity's matches in its own partition (it reads only
 * those); and one claim item per need, whose conditional put is what makes a need matched once.
 */
export const OFFERS_PARTITION = 'CHARITY#OFFERS';
export const CONSENTS_PARTITION = 'CHARITY#CONSENTS';
const offerKey = (offerId: string): ItemKey => ({ PK: OFFERS_PARTITION, SK: `OFFER#${offerId}` });
const consentKey = (householdId: string): ItemKey => ({ PK: CONSENTS_PARTITION, SK: `HH#${householdId}` });
export const needClaimKey = (needId: string): ItemKey => ({ PK: 'CHARITY#NEED', SK: needId });
export const matchPartition = (organisationCode: string) => `CHARITY#MATCHES#${organisationCode}`;
export const matchKey = (organisationCode: string, matchId: string): ItemKey => ({ PK: matchPartition(organisationCode), SK: `MATCH#${matchId}` });

const offerSchema = z.object({
  offerId: z.string(),
  organisationCode: z.string(),
  publishedAt: z.string(),
  matched: z.number().int(),
  kind: z.enum(OFFER_KINDS),
  description: z.string(),
  amountFen: z.number().int().optional(),
  districts: z.array(z.enum(DISTRICT_CODES)),
  categories: z.array(z.enum(CATEGORY_CODES)),
  needKinds: z.array(z.enum(CHARITY_NEED_KINDS)),
  capacity: z.number().int(),
  validUntil: z.string(),
});

export const charityOfferItem = {
  key: offerKey,
  toItem: (o: CharityOffer) => ({ ...offerKey(o.offerId), entity: 'CharityOffer', ...o }),
  fromItem: (item: Record<string, unknown>): CharityOffer => parseItem('CharityOffer', offerSchema, item),
};

const consentSchema = z.object({
  householdId: z.string(),
  consent: z.enum(['given', 'withdrawn']),
  givenOn: z.string(),
  documentRef: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const charityConsentItem = {
  key: consentKey,
  toItem: (c: CharityConsent) => ({ ...consentKey(c.householdId), entity: 'CharityConsent', ...c }),
  fromItem: (item: Record<string, unknown>): CharityConsent => parseItem('CharityConsent', consentSchema, item),
};

/** A match as stored: who, for what, and (once reported) the delivery. The household id never leaves the platform. */
export interface StoredCharityMatch {
  matchId: string;
  offerId: string;
  organisationCode: string;
  needId: string;
  householdId: string;
  /** The household as this charity knows it (a keyed pseudonym, different for each charity). */
  householdRef: string;
  district: (typeof DISTRICT_CODES)[number];
  kind: (typeof CHARITY_NEED_KINDS)[number];
  matchedAt: string;
  offer: { kind: (typeof OFFER_KINDS)[number]; description: string; amountFen?: number };
  delivery?: { delivered: string; amountFen?: number; quantity?: number; deliveredOn: string; recordedAt: string };
}

const matchSchema = z.object({
  matchId: z.string(),
  offerId: z.string(),
  organisationCode: z.string(),
  needId: z.string(),
  householdId: z.string(),
  householdRef: z.string(),
  district: z.enum(DISTRICT_CODES),
  kind: z.enum(CHARITY_NEED_KINDS),
  matchedAt: z.string(),
  offer: z.object({ kind: z.enum(OFFER_KINDS), description: z.string(), amountFen: z.number().int().optional() }),
  delivery: z
    .object({
      delivered: z.string(),
      amountFen: z.number().int().optional(),
      quantity: z.number().int().optional(),
      deliveredOn: z.string(),
      recordedAt: z.string(),
    })
    .optional(),
});

export const charityMatchItem = {
  key: matchKey,
  toItem: (m: StoredCharityMatch) => ({ ...matchKey(m.organisationCode, m.matchId), entity: 'CharityMatch', ...m }),
  fromItem: (item: Record<string, unknown>): StoredCharityMatch => parseItem('CharityMatch', matchSchema, item),
};
