import type { Category } from '../../domain/categories';
import type { DistrictCode } from '../../domain/districts';
import type { Household } from '../../domain/household';
import type { WaiverMember } from '../../domain/waivers';
import type { WaiverRoll } from '../../ports/waiver-roll';
import { ForeignPageToken, type ListPage } from '../../ports/warning-lists';
import { membership, rollIndex } from '../../table/entities/household';
import { TABLE_KEYS } from '../../table/keys';
import type { DynamoHouseholdRegister } from './household-register';
import type { Item, Table } from './table';

/**
 * 减免名单 the roll by district and category (access pattern 35): one Query on GSI1 a category
 * (`ROLL#<district>`, sort key beginning `<category>#`), then the households by BatchGetItem
 * (pattern 6). A page's token names the category it stopped in and DynamoDB's key there.
 */
export class DynamoWaiverRoll implements WaiverRoll {
  constructor(
    private readonly table: Table,
    private readonly register: Pick<DynamoHouseholdRegister, 'households'>,
  ) {}

  async households(district: DistrictCode, categories: readonly Category[], limit: number, after?: string): Promise<ListPage<Household>> {
    const { gsi1 } = TABLE_KEYS;
    const pk = rollIndex.partition(district);
    const start = after === undefined ? { at: 0 } : decode(after, pk, categories);
    let at = start.at;
    let exclusive: Item | undefined = start.key;
    const ids: string[] = [];
    let next: string | undefined;
    while (at < categories.length && ids.length < limit) {
      const { items, next: key } = await this.table.page({
        IndexName: gsi1.indexName,
        KeyConditionExpression: `${gsi1.partitionKey} = :pk AND begins_with(${gsi1.sortKey}, :c)`,
        ExpressionAttributeValues: { ':pk': pk, ':c': rollIndex.categoryPrefix(categories[at]!) },
        Limit: limit - ids.length,
        ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
      });
      ids.push(...items.map((i) => String(i.householdId)));
      exclusive = undefined;
      if (key) {
        next = encode({ category: categories[at]!, key });
        break;
      }
      at += 1;
      if (at < categories.length && ids.length >= limit) next = encode({ category: categories[at]! });
    }
    const found = await this.register.households(ids);
    // The index is eventually consistent: a household it names but the table no longer has is skipped.
    const items = ids.flatMap((id) => {
      const h = found.get(id);
      return h && h.district === district && categories.includes(h.category) ? [h] : [];
    });
    return { items, ...(next ? { next } : {}) };
  }

  async people(personRefs: readonly string[]): Promise<Map<string, Pick<WaiverMember, 'birthMonth' | 'deceasedOn'>>> {
    const found = (await this.table.batchGet([...new Set(personRefs)].map(membership.key))).map(membership.fromItem);
    return new Map(found.map((m) => [m.personRef, m.deceasedOn ? { deceasedOn: m.deceasedOn } : {}]));
  }
}

interface Cursor {
  category: string;
  key?: Item;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

/** A token of this list only: its category among those asked for, its key in this district's partition. */
function decode(token: string, pk: string, categories: readonly Category[]): { at: number; key?: Item } {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ForeignPageToken();
  }
  if (typeof c !== 'object' || c === null) throw new ForeignPageToken();
  const { category, key } = c as { category?: unknown; key?: unknown };
  const at = typeof category === 'string' ? categories.indexOf(category as Category) : -1;
  if (at < 0) throw new ForeignPageToken();
  if (key === undefined) return { at };
  if (typeof key !== 'object' || key === null || Object.values(key).some((v) => typeof v !== 'string')) throw new ForeignPageToken();
  const k = key as Record<string, string>;
  if (k.GSI1PK !== pk || !k.GSI1SK?.startsWith(rollIndex.categoryPrefix(category as string))) throw new ForeignPageToken();
  return { at, key: k as Item };
}
