import type { ChainEntry } from '../../domain/assistance-chain';
import { afterRollEntry, membersWhoLeft, newestPerHousehold, type Household } from '../../domain/household';
import type { Membership } from '../../domain/membership';
import type { AllowanceEnd, GradualExitChange, HouseholdRegister, RollWrite } from '../../ports/household-register';
import { allowance, CHAIN_PREFIX, chainEntry, householdPartition, householdProfile, membership, type HouseholdProfile } from '../../table/entities/household';
import { TABLE_KEYS } from '../../table/keys';
import { keyString, type Table, type WriteAction } from './table';

/** The low-income database in the single table (access patterns 4-6, 11 and 21-23). */
export class DynamoHouseholdRegister implements HouseholdRegister {
  constructor(private readonly table: Table) {}

  async membershipsOf(personRefs: readonly string[]): Promise<Map<string, Membership>> {
    const found = (await this.table.batchGet([...new Set(personRefs)].map(membership.key))).map(membership.fromItem);
    const profiles = await this.profiles(found.map((m) => m.householdId));
    const out = new Map<string, Membership>();
    for (const m of found) {
      const profile = profiles.get(m.householdId);
      if (!profile) continue; // a membership without its household is a half-written roll entry: ignore
      out.set(m.personRef, {
        personRef: m.personRef,
        householdId: m.householdId,
        district: profile.district,
        category: profile.category,
        activeProgrammes: profile.activeProgrammes,
        ...(m.deceasedOn ? { deceasedOn: m.deceasedOn } : {}),
        household: {
          memberCount: profile.members.length,
          ...(profile.area ? { area: profile.area } : {}),
          ...(profile.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: profile.monthlyIncomeFen } : {}),
        },
      });
    }
    return out;
  }

  /** Profiles first, then the allowances they list: two BatchGetItem rounds for any number of households. */
  async households(householdIds: readonly string[]): Promise<Map<string, Household>> {
    const profiles = await this.profiles(householdIds);
    const items = await this.table.batchGet([...profiles.values()].flatMap((p) => p.programmes.map((programme) => allowance.key(p.householdId, programme))));
    const allowances = new Map<string, Household['allowances']>();
    for (const item of items) {
      const id = allowance.householdOf(item);
      allowances.set(id, [...(allowances.get(id) ?? []), allowance.fromItem(item)]);
    }
    return new Map(
      [...profiles.values()].map((p) => {
        const { programmes: _p, activeProgrammes: _a, ...rest } = p;
        const held = (allowances.get(p.householdId) ?? []).sort((a, b) => a.programme.localeCompare(b.programme));
        return [p.householdId, { ...rest, allowances: held } as Household];
      }),
    );
  }

  async household(householdId: string): Promise<Household | undefined> {
    return (await this.households([householdId])).get(householdId);
  }

  /**
   * Each household in one transaction with its members' memberships, restated allowances, the
   * memberships of members who left and its chain entry; several households share a transaction
   * up to its limit. What the register holds afterwards is the domain's (afterRollEntry); the
   * condition on updatedAt guards that rule against a concurrent writer, and a household whose
   * condition failed (changed meanwhile) is read again and tried again.
   */
  async putOnRoll(writes: readonly RollWrite[]): Promise<Household[]> {
    const held = new Map<string, Household>();
    let pending = newestPerHousehold(writes);
    for (let attempt = 1; pending.length; attempt += 1) {
      const existing = await this.households(pending.map((w) => w.household.householdId));
      const planned = pending.flatMap((w) => {
        const before = existing.get(w.household.householdId);
        const household = afterRollEntry(before, w.household);
        if (!household) held.set(before!.householdId, before!); // same or newer already applied
        return household ? [{ w, before, household }] : [];
      });
      // Memberships of members who left: removed only while they still point to this household.
      const leaving = planned.flatMap((p) => membersWhoLeft(p.before, p.household).map((m) => ({ p, personRef: m.personRef })));
      const pointing = await this.table.batchGetMap(leaving.map((l) => membership.key(l.personRef)));
      const actions = planned.map((p) => {
        const gone = leaving.filter((l) => l.p === p && String(pointing.get(keyString(membership.key(l.personRef)))?.householdId) === p.household.householdId);
        return rollActions(
          p.household,
          p.w.entry,
          gone.map((g) => g.personRef),
          (p.before?.allowances ?? []).map((a) => a.programme),
        );
      });
      const outcomes = await this.table.transactGroups(actions);
      for (const [i, p] of planned.entries()) if (outcomes[i] === 'done') held.set(p.household.householdId, p.household);
      pending = planned.filter((_, i) => outcomes[i] !== 'done').map((p) => p.w);
      if (pending.length && attempt >= 5) throw new Error(`roll entries for ${pending.map((w) => w.household.householdId).join(', ')} kept conflicting`);
    }
    return writes.map((w) => held.get(w.household.householdId)!);
  }

  async appendToChains(entries: readonly ChainEntry[]): Promise<void> {
    await this.table.batchWrite(entries.map(chainEntry.toItem));
  }

  async chain(householdId: string): Promise<ChainEntry[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chain)',
      ExpressionAttributeValues: { ':pk': householdPartition(householdId), ':chain': CHAIN_PREFIX },
      ScanIndexForward: true,
    });
    return items.map(chainEntry.fromItem);
  }

  async endAllowances(ends: readonly AllowanceEnd[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      ends.map((e) => [...allowance.end(e.householdId, e.programme, e.endedOn), { Put: { Item: chainEntry.toItem(e.entry) } }]),
    );
    return outcomes.map((o) => o === 'done');
  }

  async scheduleGradualExits(changes: readonly GradualExitChange[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      changes.map((c) => {
        const index = allowance.gradualExitIndex(c.district, c.until, c.householdId, c.programme);
        return [
          {
            Update: {
              Key: allowance.key(c.householdId, c.programme),
              UpdateExpression: 'SET gradualExitUntil = :until, GSI2PK = :pk, GSI2SK = :sk',
              ConditionExpression: '#s = :active AND attribute_not_exists(gradualExitUntil)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':until': c.until, ':active': 'active', ':pk': index.GSI2PK, ':sk': index.GSI2SK },
            },
          },
          { Put: { Item: chainEntry.toItem(c.entry) } },
        ];
      }),
    );
    return outcomes.map((o) => o === 'done');
  }

  async cancelGradualExits(changes: readonly GradualExitChange[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      changes.map((c) => [
        {
          Update: {
            Key: allowance.key(c.householdId, c.programme),
            UpdateExpression: 'REMOVE gradualExitUntil, GSI2PK, GSI2SK',
            ConditionExpression: '#s = :active AND gradualExitUntil = :until',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':active': 'active', ':until': c.until },
          },
        },
        { Put: { Item: chainEntry.toItem(c.entry) } },
      ]),
    );
    return outcomes.map((o) => o === 'done');
  }

  async gradualExitsDue(district: Household['district'], before: string) {
    const items = await this.table.query({
      IndexName: TABLE_KEYS.gsi2.indexName,
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      // An allowance ended meanwhile another way (a death answered) is no longer a gradual exit.
      FilterExpression: '#s = :active',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pk': allowance.gradualExitsOf(district), ':before': before, ':active': 'active' },
    });
    return items.map((i) => ({ householdId: allowance.householdOf(i), programme: String(i.programme), until: String(i.gradualExitUntil) }));
  }

  /** Pattern 36: the district's payroll of a programme on GSI1, pages followed. */
  async allowancesIn(district: Household['district'], programme: string) {
    const items = await this.table.query({
      IndexName: TABLE_KEYS.gsi1.indexName,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': allowance.payrollOf(district, programme) },
    });
    return items.map((i) => ({ householdId: allowance.householdOf(i), allowance: allowance.fromItem(i) }));
  }

  private async profiles(householdIds: readonly string[]): Promise<Map<string, HouseholdProfile>> {
    const items = await this.table.batchGet([...new Set(householdIds)].map(householdProfile.key));
    return new Map(items.map((i) => householdProfile.fromItem(i)).map((p) => [p.householdId, p]));
  }
}

/** The actions that put one household on the roll: all or nothing. */
function rollActions(household: Household, entry: ChainEntry, leaving: readonly string[], heldBefore: readonly string[]): WriteAction[] {
  return [
    {
      Put: {
        Item: householdProfile.toItem(household, heldBefore),
        // A late replay of an older entry changes nothing.
        ConditionExpression: 'attribute_not_exists(PK) OR updatedAt < :at',
        ExpressionAttributeValues: { ':at': household.updatedAt },
      },
    },
    ...household.members.map((m) => ({ Put: { Item: membership.toItem(m.personRef, household.householdId) } })),
    ...leaving.map((personRef) => ({
      Delete: { Key: membership.key(personRef), ConditionExpression: 'householdId = :h', ExpressionAttributeValues: { ':h': household.householdId } },
    })),
    ...household.allowances.map((a) => ({ Put: { Item: allowance.toItem(household.householdId, household.district, a) } })),
    { Put: { Item: chainEntry.toItem(entry) } },
  ];
}
