import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import type { DisclosureLine } from '../../domain/disclosure';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';

// 公示 public disclosure: one partition a month, lines sorted by district.
const key = (l: Pick<DisclosureLine, 'month' | 'district' | 'kind' | 'sourceId'>): ItemKey => ({
  PK: `DISCLOSURE#${l.month}`,
  SK: `${l.district}#${l.kind}#${l.sourceId}`,
});
const schema = z.object({
  month: z.string(),
  district: z.enum(DISTRICT_CODES),
  kind: z.enum(['allowance', 'grant']),
  sourceId: z.string(),
  maskedHeadIdentityNumber: z.string(),
  members: z.number().int(),
  category: z.string(),
  programme: z.string(),
  department: z.string(),
  amountFen: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string().optional(),
});

export const disclosureLine = {
  key,
  partition: (month: string) => `DISCLOSURE#${month}`,
  toItem: (l: DisclosureLine) => ({ ...key(l), entity: 'DisclosureLine', ...l }),
  fromItem: (item: Record<string, unknown>): DisclosureLine => parseItem('DisclosureLine', schema, item),
  /** 纠错 withdrawn by a correction: marked (who, when), kept; the month's list leaves it out. */
  withdraw: (l: Pick<DisclosureLine, 'month' | 'district' | 'kind' | 'sourceId'>, by: { correctionId: string; at: string }) => ({
    Update: {
      Key: key(l),
      UpdateExpression: 'SET withdrawnAt = if_not_exists(withdrawnAt, :at), withdrawnBy = if_not_exists(withdrawnBy, :by)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': by.at, ':by': by.correctionId },
    },
  }),
  /** Put unless withdrawn: a withdrawn line stays withdrawn (its condition fails). */
  putPosted: (l: DisclosureLine) => ({
    Put: { Item: { ...key(l), entity: 'DisclosureLine', ...l }, ConditionExpression: 'attribute_not_exists(withdrawnAt)' },
  }),
  /** Lines still posted. */
  postedOnly: 'attribute_not_exists(withdrawnAt)',
};
