import type { ChainEntry } from '../../domain/assistance-chain';
import { evidenceKey, type OpenWarning, type StoredWarning, type Warning, type WarningPush } from '../../domain/warning';
import type { WarningAnswer, WarningStore, WarningWrite } from '../../ports/warning-store';
import { chainEntry, householdChange, openWarnings } from '../../table/entities/household';
import { raisedGroup, warning, warningInbox, warningPush, warningsFrom, warningPartition } from '../../table/entities/warning';
import { TABLE_KEYS } from '../../table/keys';
import { keyString, type Table, type WriteAction } from './table';

/** Warnings in the single table (access patterns 7-10, 12 and 13). */
export class DynamoWarningStore implements WarningStore {
  constructor(private readonly table: Table) {}

  async openWarningsOf(householdIds: readonly string[]): Promise<Map<string, OpenWarning[]>> {
    const items = await this.table.batchGet([...new Set(householdIds)].map(openWarnings.key));
    return new Map(items.map((i) => [openWarnings.householdOf(i), openWarnings.fromItem(i)]));
  }

  /** The warning items, then the push items of their recipients: two BatchGetItem rounds. */
  async getMany(warningIds: readonly string[]): Promise<Map<string, StoredWarning>> {
    const items = await this.table.batchGet([...new Set(warningIds)].map(warning.key));
    const recipients = items.flatMap((i) => (i.recipients as string[]).map((r) => warningPush.key(String(i.warningId), r)));
    const pushes = await this.table.batchGet(recipients);
    return new Map(warningsFrom([...items, ...pushes]).map((w) => [w.warningId, w]));
  }

  async get(warningId: string): Promise<StoredWarning | undefined> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': warningPartition(warningId) },
      ConsistentRead: true,
    });
    return warningsFrom(items)[0];
  }

  async write(writes: readonly WarningWrite[], raisedBy: string): Promise<('done' | 'conflict')[]> {
    // A household's new warnings share its open-warnings item: one atomic group per household.
    const raisesByHousehold = new Map<string, number[]>();
    for (const [i, w] of writes.entries()) {
      if (w.kind === 'raise') raisesByHousehold.set(w.warning.householdId, [...(raisesByHousehold.get(w.warning.householdId) ?? []), i]);
    }
    const groups: { writes: number[]; actions: WriteAction[] }[] = [];
    for (const [householdId, indexes] of raisesByHousehold) {
      const raises = indexes.map((i) => writes[i] as Extract<WarningWrite, { kind: 'raise' }>);
      groups.push({
        writes: indexes,
        actions: raiseActions(
          householdId,
          raises.map((r) => r.warning),
          raises.flatMap((r) => r.entries),
          raisedBy,
        ),
      });
    }
    writes.forEach((w, i) => {
      if (w.kind !== 'absorb') return;
      const ids = w.evidence.map(evidenceKey);
      groups.push({
        writes: [i],
        actions: unique([
          {
            Update: {
              Key: warning.key(w.warningId),
              UpdateExpression: 'SET evidence = list_append(evidence, :e) ADD evidenceIds :ids',
              // None of it there yet: a concurrent absorb of the same evidence is a conflict, not a double.
              ConditionExpression: `#s <> :resolved AND ${ids.map((_, n) => `NOT contains(evidenceIds, :k${n})`).join(' AND ')}`,
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':e': w.evidence,
                ':ids': new Set(ids),
                ':resolved': 'resolved',
                ...Object.fromEntries(ids.map((k, n) => [`:k${n}`, k])),
              },
            },
          },
          ...w.entries.map((e) => ({ Put: { Item: chainEntry.toItem(e) } })),
        ]),
      });
    });
    const outcomes = await this.table.transactGroups(groups.map((g) => g.actions));
    const results: ('done' | 'conflict')[] = writes.map(() => 'done');
    for (const [i, g] of groups.entries()) {
      if (outcomes[i] !== 'done') for (const w of g.writes) results[w] = 'conflict';
    }
    return results;
  }

  async listByHousehold(householdId: string): Promise<StoredWarning[]> {
    const { gsi1 } = TABLE_KEYS;
    const items = await this.table.query({
      IndexName: gsi1.indexName,
      KeyConditionExpression: `${gsi1.partitionKey} = :pk AND begins_with(${gsi1.sortKey}, :w)`,
      ExpressionAttributeValues: { ':pk': `HH#${householdId}`, ':w': 'WARNING#' },
    });
    return warningsFrom(items);
  }

  async overdue(district: string, now: string): Promise<StoredWarning[]> {
    const { gsi2 } = TABLE_KEYS;
    const items = await this.table.query({
      IndexName: gsi2.indexName,
      KeyConditionExpression: `${gsi2.partitionKey} = :pk AND ${gsi2.sortKey} < :now`,
      ExpressionAttributeValues: { ':pk': warning.openWarningsOf(district), ':now': now },
    });
    return warningsFrom(items);
  }

  async pushedAlready(pairs: readonly { warningId: string; recipient: string }[]): Promise<Set<string>> {
    const items = await this.table.batchGet(pairs.map((p) => warningPush.key(p.warningId, p.recipient)));
    return new Set(items.map(warningPush.fromItem).map((p) => `${p.warningId}|${p.recipient}`));
  }

  async recordPushes(pushes: readonly WarningPush[], entries: readonly ChainEntry[]): Promise<void> {
    await this.table.batchWrite([...pushes.map(warningPush.toItem), ...entries.map(chainEntry.toItem)]);
  }

  async markOutcomePublished(warningId: string, recipient: string): Promise<void> {
    await this.table.writeOnce({
      Update: { Key: warning.key(warningId), UpdateExpression: 'ADD outcomesPublished :v', ExpressionAttributeValues: { ':v': new Set([recipient]) } },
    });
  }

  async groupPublished(raisedBy: string): Promise<boolean> {
    return Boolean(await this.table.get(raisedGroup.key(raisedBy)));
  }

  async markGroupPublished(raisedBy: string, at: string): Promise<void> {
    await this.table.batchWrite([raisedGroup.toItem(raisedBy, at)]);
  }

  async addRecipients(warningId: string, recipients: readonly string[]): Promise<void> {
    const w = await this.get(warningId);
    const missing = recipients.filter((r) => !w?.recipients.includes(r as never));
    if (!missing.length) return;
    await this.table.writeOnce({
      Update: {
        Key: warning.key(warningId),
        UpdateExpression: 'SET recipients = list_append(recipients, :r), #s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': missing, ':open': 'pushed' },
      },
    });
    if (w) await this.table.batchWrite(missing.map((r) => warningInbox.toItem(w, r, 'open')));
  }

  async acknowledge(warningId: string, recipient: string, entry: ChainEntry): Promise<void> {
    // Already acknowledged (the chain entry exists): nothing to do.
    await this.table.transactGroups([
      [
        {
          Update: {
            Key: warning.key(warningId),
            UpdateExpression: 'ADD acknowledgedBy :r SET #s = if_not_exists(resolvedStatus, :ack)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':r': new Set([recipient]), ':ack': 'acknowledged' },
          },
        },
        { Put: { Item: chainEntry.toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    ]);
  }

  /** 反馈 the answer and what it changes in the household, in one transaction (access patterns 10 and 24). */
  async answer({ warning: w, outcome, status, household, entries }: WarningAnswer): Promise<'answered' | 'conflict'> {
    const actions: WriteAction[] = [
      warning.answer(w.warningId, outcome, status),
      // The recipient's work-list item leaves `open` (a Put: a warning raised before the list existed gets one).
      { Put: { Item: warningInbox.toItem(w, outcome.department, 'answered', outcome.resolvedAt) } },
      ...entries.map((e) => ({ Put: { Item: chainEntry.toItem(e) } })),
    ];
    if (status === 'resolved') {
      const open = (await this.openWarningsOf([w.householdId])).get(w.householdId) ?? [];
      if (open.some((o) => o.indicatorId === w.indicator.id && o.warningId === w.warningId))
        actions.push(openWarnings.close(w.householdId, w.indicator.id, w.warningId));
    }
    if (household) actions.push(...householdChange(w.householdId, household));
    const [outcomeOfWrite] = await this.table.transactGroups([actions]);
    return outcomeOfWrite === 'done' ? 'answered' : 'conflict';
  }
}

/**
 * New warnings of one household: each warning once (condition: not there yet), each under its
 * indicator in the household's open warnings (condition: none open for it), with their chain entries.
 */
function raiseActions(householdId: string, warnings: readonly Warning[], entries: readonly ChainEntry[], raisedBy: string): WriteAction[] {
  const names = Object.fromEntries(warnings.map((w, i) => [`#a${i}`, openWarnings.attribute(w.indicator.id)]));
  const values = Object.fromEntries(warnings.map((w, i) => [`:a${i}`, openWarnings.value({ ...w, raisedBy })]));
  return unique([
    {
      Update: {
        Key: openWarnings.key(householdId),
        UpdateExpression: `SET entity = :entity, ${warnings.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: warnings.map((_, i) => `attribute_not_exists(#a${i})`).join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':entity': 'OpenWarnings', ...values },
      },
    },
    ...warnings.map((w) => ({ Put: { Item: warning.toItem(w, raisedBy), ConditionExpression: 'attribute_not_exists(PK)' } })),
    ...warnings.flatMap((w) => w.recipients.map((r) => ({ Put: { Item: warningInbox.toItem(w, r, 'open') } }))),
    ...entries.map((e) => ({ Put: { Item: chainEntry.toItem(e) } })),
  ]);
}

/** The same chain entry carried by two writes of one group is written once. */
function unique(actions: WriteAction[]): WriteAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (!('Put' in a) || a.Put.ConditionExpression) return true;
    const k = keyString(a.Put.Item as { PK: string; SK: string });
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
