import type * as z from 'zod';
import { partnerRegistration } from '../domain/partners';
import { charityConsent, charityDelivery, charityOffer } from '../domain/charity';
import * as answers from './answers';

/**
 * The OpenAPI text of the partner routes (社会力量: registration and the partners' own routes),
 * kept apart from openapi.ts so that the route docs of each area stay in their own file.
 */
type Example = { summary: string; value: unknown };
const one = (summary: string, value: unknown): Record<string, Example> => ({ example: { summary, value } });

/** A charity foundation of Yuelu (登记管理机关 5 民政, 机构类别 3 基金会), check character per GB 32100. */
export const EXAMPLE_CHARITY_CODE = '53430104MJ0000012J';

export const PARTNER_EXAMPLES = {
  partner: {
    kind: 'charity',
    organisationCode: EXAMPLE_CHARITY_CODE,
    name: '岳麓区慈善会',
    districts: ['430104', '430102'],
    active: true,
    registeredAt: '2026-12-01T02:00:00.000Z',
    registeredBy: 'civil-affairs.officer-01',
  },
  offer: {
    offerId: 'of_Xk3v9QeL2mTz8RbN4cWpYa',
    organisationCode: EXAMPLE_CHARITY_CODE,
    kind: 'money',
    description: '大病患者医疗救助金，每户一次',
    amountFen: 200_000,
    districts: ['430104'],
    categories: ['DIBAO', 'TEKUN'],
    needKinds: ['medical'],
    capacity: 20,
    matched: 1,
    validUntil: '2027-03-31',
    publishedAt: '2026-12-01T03:00:00.000Z',
  },
  match: {
    matchId: 'm_Qw8Zr2Lk5Tn1Vb7Xc3Md9s',
    offerId: 'of_Xk3v9QeL2mTz8RbN4cWpYa',
    householdRef: 'hh_A1b2C3d4E5f6G7h8',
    district: '430104',
    needKind: 'medical',
    needKindName: '医疗 / medical',
    give: { kind: 'money', description: '大病患者医疗救助金，每户一次', amountFen: 200_000 },
    matchedAt: '2026-12-01T03:00:01.000Z',
  },
  delivery: { delivered: '医疗救助金已转账', amountFen: 200_000, deliveredOn: '2026-12-05', recordedAt: '2026-12-05T08:00:00.000Z' },
  consent: {
    householdId: '430104-2025-000317',
    consent: 'given',
    givenOn: '2026-11-30',
    documentRef: 'CS-430104-2026-0042',
    recordedBy: 'MZ-YL-0107',
    recordedAt: '2026-12-01T02:30:00.000Z',
  },
} as const;

export const PARTNER_ANSWER_SCHEMAS: Record<string, z.ZodType> = {
  Partner: answers.partnerAnswer,
  PartnerList: answers.partnerList,
  CharityOfferReceipt: answers.charityOfferReceipt,
  CharityOfferList: answers.charityOfferList,
  CharityConsentReceipt: answers.charityConsentReceipt,
  CharityMatchingRun: answers.charityMatchingRun,
  CharityMatchList: answers.charityMatchList,
  CharityDeliveryReceipt: answers.charityDeliveryReceipt,
};

export const PARTNER_REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  PartnerRegistration: partnerRegistration,
  CharityOffer: charityOffer,
  CharityConsent: charityConsent,
  CharityDelivery: charityDelivery,
};

/** The path parameter of the charity routes. */
export const PARTNER_PATH_PARAMETERS = {
  matchId: { description: '匹配编号 the `matchId` of one of the organisation’s matches', schema: { type: 'string', pattern: '^m_[A-Za-z0-9_-]{22}$' } },
};
export const PARTNER_PATH_EXAMPLES = { matchId: PARTNER_EXAMPLES.match.matchId };

interface Doc {
  tag: string;
  summary: string;
  description: string;
  success: { status: 200 | 202; schema: string; description: string; examples: Record<string, Example> }[];
}

export const PARTNER_TAG = { name: 'partners', description: '社会力量 Partner organisations: charities (慈善组织) and service providers (服务机构)' };

export const PARTNER_ROUTE_DOCS = {
  'register-partner': {
    tag: 'partners',
    summary: '登记社会力量 Register a partner organisation',
    description:
      'Civil affairs registers an organisation as a charity or a service provider, by its unified social credit code (统一社会信用代码, 18 characters with its GB 32100 check character), its name and the districts it serves. ' +
      'Sent again with the same code, it replaces the registration (`active: false` suspends the organisation: its calls are refused 403 PartnerNotRegistered). ' +
      'The organisation then signs its requests as the kind’s IAM role (`<prefix>-<stage>-charity` or `-service-provider`) with its code as the session name and source identity. Audited as a decision.',
    success: [{ status: 200, schema: 'Partner', description: '已登记 registered', examples: one('a charity of Yuelu', PARTNER_EXAMPLES.partner) }],
  },
  'list-partners': {
    tag: 'partners',
    summary: '社会力量名录 List partner organisations',
    description: 'Every registered organisation, of one kind (`kind`) or both, by code.',
    success: [
      { status: 200, schema: 'PartnerList', description: '名录 the organisations', examples: one('one charity', { partners: [PARTNER_EXAMPLES.partner] }) },
    ],
  },
  'read-own-partner': {
    tag: 'partners',
    summary: '本机构登记信息 Read the caller’s own registration',
    description:
      'A partner organisation reads its own registration: the organisation is the session name of the kind’s role. An organisation that is not registered (or is suspended) gets 403 PartnerNotRegistered.',
    success: [{ status: 200, schema: 'Partner', description: '本机构 the organisation', examples: one('a charity of Yuelu', PARTNER_EXAMPLES.partner) }],
  },
  'publish-charity-offer': {
    tag: 'partners',
    summary: '发布慈善供给 Publish a charity offer',
    description:
      'A charity publishes what it gives (goods, money in fen, a service, volunteers), where (districts it is registered to serve), for whom (categories and kinds of need from the needs list: medical, education, employment, housing, disability, basic-living), how many households and until when. ' +
      'Matching runs at once: open needs of households that consented to share with charities are matched fairly across districts (round-robin, districts in the order of their oldest unmet need, the oldest need first within each), each need at most once. ' +
      'The offer id is derived from the organisation and the `Idempotency-Key` header (else the request id): sent again with the same key, it is the same offer. Audited.',
    success: [
      {
        status: 200,
        schema: 'CharityOfferReceipt',
        description: '已发布 published',
        examples: one('a medical grant in Yuelu, one match at once', { offer: PARTNER_EXAMPLES.offer, matched: 1 }),
      },
    ],
  },
  'list-charity-offers': {
    tag: 'partners',
    summary: '本机构供给 List the organisation’s offers',
    description: 'The calling charity’s own offers, oldest first, with how many households each has matched.',
    success: [{ status: 200, schema: 'CharityOfferList', description: '供给 the offers', examples: one('one offer', { offers: [PARTNER_EXAMPLES.offer] }) }],
  },
  'record-charity-consent': {
    tag: 'partners',
    summary: '慈善帮扶授权 Record a household’s consent to charity matching',
    description:
      'Civil affairs records that the household agreed (signed document, day, officer) to have its needs matched with charities’ offers, masked; or that it withdrew (no more matches; matches already made stay for delivery). No consent, no match. A consent runs matching at once. Audited as a decision.',
    success: [
      {
        status: 200,
        schema: 'CharityConsentReceipt',
        description: '已记录 recorded',
        examples: one('consent given, one match', { consent: PARTNER_EXAMPLES.consent, matched: 1 }),
      },
    ],
  },
  'run-charity-matching': {
    tag: 'partners',
    summary: '供需匹配 Run charity matching now',
    description:
      'Civil affairs matches every consenting household’s open needs with every open offer now (publication and consent run it too). Conditional writes make each need matched once and each offer never past its capacity, whatever runs at once; a second run finds nothing more. Each match counts once into the month’s statistics (`charityByKindAndDistrict`, GET /statistics/{month}). Audited as a decision.',
    success: [
      {
        status: 200,
        schema: 'CharityMatchingRun',
        description: '匹配结果 the run',
        examples: one('one new match', { consentingHouseholds: 3, openNeeds: 4, openOffers: 2, matched: 1, matchIds: [PARTNER_EXAMPLES.match.matchId] }),
      },
    ],
  },
  'list-charity-matches': {
    tag: 'partners',
    summary: '本机构匹配 Read the organisation’s matches (masked)',
    description:
      'The calling charity’s matches, masked and minimal: match id, district, kind of need, what to give, and a household reference of its own (a keyed pseudonym per charity: not the household number, and two charities’ references of one household differ). No name, no identity number, no address beyond the district. Audited as a read.',
    success: [{ status: 200, schema: 'CharityMatchList', description: '匹配 the matches', examples: one('one match', { matches: [PARTNER_EXAMPLES.match] }) }],
  },
  'report-charity-delivery': {
    tag: 'partners',
    summary: '交付反馈 Report a delivery',
    description:
      'The charity reports what it delivered for one of its matches: the household’s chain gets a `charity-delivered` entry, its happiness list (幸福清单) shows it, and the need is marked met; the month of `deliveredOn` counts the delivery once in the statistics (`charityByKindAndDistrict`: charityDeliveries, charityFen, charityQuantity). Reported again, nothing changes (`replayed: true`). Another charity’s match answers 404. Audited as a decision.',
    success: [
      {
        status: 200,
        schema: 'CharityDeliveryReceipt',
        description: '已交付 recorded',
        examples: one('a grant paid', { match: { ...PARTNER_EXAMPLES.match, delivery: PARTNER_EXAMPLES.delivery }, replayed: false }),
      },
    ],
  },
} satisfies Record<string, Doc>;

/** The request body of a partner route, or undefined for one that takes none. */
export function partnerRequestBody(routeId: string): Record<string, unknown> | undefined {
  const body = (name: string, examples: Record<string, Example>) => ({
    required: true,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` }, examples } },
  });
  switch (routeId) {
    case 'register-partner':
      return body(
        'PartnerRegistration',
        one('a charity of Yuelu', { kind: 'charity', organisationCode: EXAMPLE_CHARITY_CODE, name: '岳麓区慈善会', districts: ['430104', '430102'] }),
      );
    case 'publish-charity-offer': {
      const { offerId, organisationCode, matched, publishedAt, ...request } = PARTNER_EXAMPLES.offer;
      return body('CharityOffer', one('a medical grant in Yuelu', request));
    }
    case 'record-charity-consent': {
      const { householdId, recordedAt, ...request } = PARTNER_EXAMPLES.consent;
      return body('CharityConsent', one('consent given', request));
    }
    case 'report-charity-delivery': {
      const { recordedAt, ...request } = PARTNER_EXAMPLES.delivery;
      return body('CharityDelivery', one('a grant paid', request));
    }
    default:
      return undefined;
  }
}
