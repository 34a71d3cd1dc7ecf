import { BatchGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ChainEntry } from '../../domain/assistance-chain';
import type { Membership } from '../../domain/membership';
import type { Allowance, Household, HouseholdRegister, RollMember } from '../../ports/household-register';
import { keys, TABLE_KEYS } from '../../table/keys';
import { chunk, mapLimit, withPartialRetry } from '../partial-retry';
import { batchPut } from './batch-write';
import { transactOnce } from './conditional';
import { restateAllowances } from '../../application/restated-roll';
import { queryAll } from './query-all';
import { strip } from './submission-store';

type Key = { PK: string; SK: string };

/** The low-income database in the single table (access patterns 4-6 and 11). */
export class DynamoHouseholdRegister implements HouseholdRegister {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async membershipsOf(personRefs: readonly string[]): Promise<Map<string, Membership>> {
    const unique = [...new Set(personRefs)];
    const memberships = await this.batchGet(unique.map((ref) => keys.membership(ref)));
    const householdIds = [...new Set(memberships.map((m) => String(m.householdId)))];
    const profiles = new Map(
      (await this.batchGet(householdIds.map((id) => keys.household(id)))).map((p) => [String(p.householdId), p]),
    );
    const out = new Map<string, Membership>();
    for (const m of memberships) {
      const profile = profiles.get(String(m.householdId));
      if (!profile) continue; // a membership without its household is a half-written roll entry: ignore
      out.set(String(m.personRef), {
        personRef: String(m.personRef),
        householdId: String(m.householdId),
        district: profile.district as Membership['district'],
        category: profile.category as Membership['category'],
        activeProgrammes: [...((profile.activeProgrammes as Set<string> | undefined) ?? [])].sort(),
        ...(m.deceasedOn ? { deceasedOn: String(m.deceasedOn) } : {}),
        household: {
          memberCount: Number(profile.memberCount ?? 1),
          ...(profile.area ? { area: profile.area as 'urban' | 'rural' } : {}),
          ...(typeof profile.monthlyIncomeFen === 'number' ? { monthlyIncomeFen: profile.monthlyIncomeFen } : {}),
        },
      });
    }
    return out;
  }

  /**
   * One transaction: profile, members, memberships, allowances, removed members' memberships and
   * the chain entry. An entry older than the one already applied (a late replay) changes nothing.
   */
  async putOnRoll(household: Household, entry: ChainEntry): Promise<Household> {
    const existing = await this.household(household.householdId);
    const kept = new Set(household.members.map((m) => m.personRef));
    const removed = (existing?.members ?? []).filter((m) => !kept.has(m.personRef));
    const allowances = restateAllowances(household.allowances, existing?.allowances ?? []);
    const active = allowances.filter((a) => a.status === 'active').map((a) => a.programme);
    const put = (Item: Record<string, unknown>) => ({ Put: { TableName: this.tableName, Item } });
    const del = (Key: Key) => ({ Delete: { TableName: this.tableName, Key } });
    const items = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.household(household.householdId),
            entity: 'Household',
            householdId: household.householdId,
            district: household.district,
            category: household.category,
            recognisedOn: household.recognisedOn,
            memberCount: household.members.length,
            ...(household.area ? { area: household.area } : {}),
            ...(household.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: household.monthlyIncomeFen } : {}),
            updatedAt: household.updatedAt,
            ...(active.length ? { activeProgrammes: new Set(active) } : {}),
          },
          ConditionExpression: 'attribute_not_exists(PK) OR updatedAt < :at',
          ExpressionAttributeValues: { ':at': household.updatedAt },
        },
      },
      ...household.members.flatMap((m) => [
        put({ ...keys.member(household.householdId, m.personRef), entity: 'Member', ...m }),
        put({ ...keys.membership(m.personRef), entity: 'Membership', personRef: m.personRef, householdId: household.householdId }),
      ]),
      ...removed.flatMap((m) => [del(keys.member(household.householdId, m.personRef)), del(keys.membership(m.personRef))]),
      ...allowances.map((a) =>
        put({
          ...keys.allowance(household.householdId, a.programme),
          entity: 'Allowance',
          ...a,
          ...(a.gradualExitUntil ? keys.gradualExitByDate(household.district, a.gradualExitUntil, household.householdId, a.programme) : {}),
        }),
      ),
      put(chainItem(entry)),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { ...household, allowances };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
      if (reasons?.[0]?.Code === 'ConditionalCheckFailed' && existing) return existing; // same or newer entry already applied
      throw error;
    }
  }

  async household(householdId: string): Promise<Household | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK < :chain',
      ExpressionAttributeValues: { ':pk': keys.householdPartition(householdId), ':chain': keys.CHAIN_PREFIX },
      ConsistentRead: true,
    });
    const profile = items.find((i) => i.entity === 'Household');
    if (!profile) return undefined;
    return {
      householdId,
      district: profile.district as Household['district'],
      category: profile.category as Household['category'],
      recognisedOn: String(profile.recognisedOn),
      ...(profile.area ? { area: profile.area as Household['area'] } : {}),
      ...(typeof profile.monthlyIncomeFen === 'number' ? { monthlyIncomeFen: profile.monthlyIncomeFen } : {}),
      updatedAt: String(profile.updatedAt),
      members: items.filter((i) => i.entity === 'Member').map((i) => strip(i) as unknown as RollMember),
      allowances: items.filter((i) => i.entity === 'Allowance').map((i) => strip(i) as unknown as Allowance),
    };
  }

  async appendToChains(entries: readonly ChainEntry[]): Promise<void> {
    await batchPut(this.db, this.tableName, entries.map(chainItem));
  }

  async chain(householdId: string): Promise<ChainEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chain)',
      ExpressionAttributeValues: { ':pk': keys.householdPartition(householdId), ':chain': keys.CHAIN_PREFIX },
      ScanIndexForward: true,
    });
    return items.map((i) => strip(i) as unknown as ChainEntry);
  }

  async endAllowance(householdId: string, programme: string, endedOn: string, entry: ChainEntry): Promise<boolean> {
    return transactOnce(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.allowance(householdId, programme),
          UpdateExpression: 'SET #s = :ended, endedOn = :on REMOVE GSI2PK, GSI2SK',
          ConditionExpression: '#s = :active',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':ended': 'ended', ':on': endedOn, ':active': 'active' },
        },
      },
      { Update: { TableName: this.tableName, Key: keys.household(householdId), UpdateExpression: 'DELETE activeProgrammes :p', ExpressionAttributeValues: { ':p': new Set([programme]) } } },
      { Put: { TableName: this.tableName, Item: chainItem(entry) } },
    ]);
  }

  async scheduleGradualExit(householdId: string, district: Household['district'], programme: string, until: string, entry: ChainEntry): Promise<boolean> {
    return transactOnce(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.allowance(householdId, programme),
          UpdateExpression: 'SET gradualExitUntil = :until, GSI2PK = :pk, GSI2SK = :sk',
          ConditionExpression: '#s = :active AND attribute_not_exists(gradualExitUntil)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':until': until, ':active': 'active', ':pk': keys.gradualExitByDate(district, until, householdId, programme).GSI2PK, ':sk': keys.gradualExitByDate(district, until, householdId, programme).GSI2SK },
        },
      },
      { Put: { TableName: this.tableName, Item: chainItem(entry) } },
    ]);
  }

  async cancelGradualExit(householdId: string, programme: string, until: string, entry: ChainEntry): Promise<boolean> {
    return transactOnce(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.allowance(householdId, programme),
          UpdateExpression: 'REMOVE gradualExitUntil, GSI2PK, GSI2SK',
          ConditionExpression: '#s = :active AND gradualExitUntil = :until',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':active': 'active', ':until': until },
        },
      },
      { Put: { TableName: this.tableName, Item: chainItem(entry) } },
    ]);
  }

  async gradualExitsDue(district: Household['district'], before: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_KEYS.gsi2.indexName,
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      // An allowance ended meanwhile another way (a death answered) is no longer a gradual exit.
      FilterExpression: '#s = :active',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pk': keys.gradualExitsOf(district), ':before': before, ':active': 'active' },
    });
    return items.map((i) => ({ householdId: String(i.PK).slice('HH#'.length), programme: String(i.programme), until: String(i.gradualExitUntil) }));
  }

  /** BatchGetItem 100 keys a call, unprocessed keys retried. */
  private async batchGet(allKeys: Key[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    await mapLimit(chunk(allKeys, 100), 4, (batch) =>
      withPartialRetry('BatchGetItem', batch, async (pending) => {
        const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: [...pending], ConsistentRead: true } } }));
        found.push(...((out.Responses?.[this.tableName] ?? []) as Record<string, unknown>[]));
        return { failed: (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[], reasons: ['unprocessed keys'] };
      }),
    );
    return found;
  }
}

export function chainItem(entry: ChainEntry): Record<string, unknown> {
  return { ...keys.chainEntry(entry.householdId, entry.at, entry.entryId), entity: 'ChainEntry', ...entry };
}
