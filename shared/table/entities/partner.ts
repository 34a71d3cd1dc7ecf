import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import { PARTNER_KINDS, type Partner, type PartnerKind } from '../../domain/partners';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

// 社会力量: one partition per partner kind (a few hundred organisations at most), one item each.
const partition = (kind: PartnerKind) => `PARTNER#${kind}`;
const key = (kind: PartnerKind, organisationCode: string): ItemKey => ({ PK: partition(kind), SK: `ORG#${organisationCode}` });
const schema = z.object({
  kind: z.enum(PARTNER_KINDS),
  organisationCode: z.string(),
  name: z.string(),
  districts: z.array(z.enum(DISTRICT_CODES)),
  active: z.boolean(),
  registeredAt: z.string(),
  registeredBy: z.string(),
});

export const partnerItem = {
  key,
  partition,
  toItem: (p: Partner) => ({ ...key(p.kind, p.organisationCode), entity: 'Partner', ...p }),
  fromItem: (item: Record<string, unknown>): Partner => parseItem('Partner', schema, item),
};
