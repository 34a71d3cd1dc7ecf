import type { StoredWarning } from '../../domain/warning';
import { ForeignPageToken, type InboxEntry, type ListPage, type WarningLists } from '../../ports/warning-lists';
import { inboxPartition, warning, warningInbox, warningsFrom } from '../../table/entities/warning';
import { TABLE_KEYS } from '../../table/keys';
import type { Item, Table } from './table';

/** The console's lists over the single table (access patterns 31 and 32). */
export class DynamoWarningLists implements WarningLists {
  constructor(private readonly table: Table) {}

  async inbox(q: Parameters<WarningLists['inbox']>[0]): Promise<ListPage<InboxEntry>> {
    const { gsi3 } = TABLE_KEYS;
    const pk = inboxPartition(q.recipient, q.state);
    const start = q.after === undefined ? undefined : decode(q.after, (k) => k.GSI3PK === pk && k.PK?.startsWith('WARNING#') === true);
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':pk': pk };
    if (q.dueBefore) {
      filters.push('dueBy < :due');
      values[':due'] = q.dueBefore;
    }
    if (q.indicator) {
      filters.push('indicatorId = :ind');
      values[':ind'] = q.indicator;
    }
    if (q.district) {
      filters.push('district = :d');
      values[':d'] = q.district;
    }
    // Filters thin a page but never skip an item: the next page starts where this one's read stopped.
    const { items, next } = await this.table.page({
      IndexName: gsi3.indexName,
      KeyConditionExpression: `${gsi3.partitionKey} = :pk`,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start.key } : {}),
    });
    return { items: items.map(warningInbox.fromItem), ...(next ? { next: encode({ key: next }) } : {}) };
  }

  async overdue(q: Parameters<WarningLists['overdue']>[0]): Promise<ListPage<StoredWarning>> {
    const { gsi2 } = TABLE_KEYS;
    const start = q.after === undefined ? undefined : decode(q.after, (k, d) => d !== undefined && k.GSI2PK === warning.openWarningsOf(d));
    let at = start?.district === undefined ? 0 : q.districts.indexOf(start.district);
    if (at < 0) throw badToken();
    let exclusive: Item | undefined = start?.key;
    const found: StoredWarning[] = [];
    while (at < q.districts.length && found.length < q.limit) {
      const district = q.districts[at]!;
      const { items, next } = await this.table.page({
        IndexName: gsi2.indexName,
        KeyConditionExpression: `${gsi2.partitionKey} = :pk AND ${gsi2.sortKey} < :now`,
        ...(q.recipient ? { FilterExpression: 'contains(recipients, :r)' } : {}),
        ExpressionAttributeValues: { ':pk': warning.openWarningsOf(district), ':now': q.now, ...(q.recipient ? { ':r': q.recipient } : {}) },
        Limit: q.limit - found.length,
        ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
      });
      found.push(...warningsFrom(items));
      if (next) {
        return { items: found, next: encode({ district, key: next }) };
      }
      at += 1;
      exclusive = undefined;
    }
    return { items: found, ...(at < q.districts.length ? { next: encode({ district: q.districts[at]!, key: undefined }) } : {}) };
  }
}

interface Cursor {
  district?: string;
  key?: Item;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
const badToken = () => new ForeignPageToken();

function decode(token: string, belongs: (key: Record<string, string | undefined>, district: string | undefined) => boolean): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  if (typeof c !== 'object' || c === null) throw badToken();
  const { district, key } = c as { district?: unknown; key?: unknown };
  if (district !== undefined && typeof district !== 'string') throw badToken();
  if (key === undefined) {
    if (district === undefined) throw badToken();
    return { district };
  }
  if (typeof key !== 'object' || key === null || Object.values(key).some((v) => typeof v !== 'string')) throw badToken();
  if (!belongs(key as Record<string, string>, district)) throw badToken();
  return { ...(district !== undefined ? { district } : {}), key: key as Item };
}
