import type * as z from 'zod';
import { partnerRegistration } from '../domain/partners';
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
} as const;

export const PARTNER_ANSWER_SCHEMAS: Record<string, z.ZodType> = {
  Partner: answers.partnerAnswer,
  PartnerList: answers.partnerList,
};

export const PARTNER_REQUEST_SCHEMAS: Record<string, z.ZodType> = { PartnerRegistration: partnerRegistration };

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
    default:
      return undefined;
  }
}
