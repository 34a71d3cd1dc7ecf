import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ChainEntry } from '../../domain/assistance-chain';
import type { Warning, WarningEvidence } from '../../domain/warning';
import type { AllowanceChange, CategoryChange, RecordedOutcome, StoredWarning, WarningStore } from '../../ports/warning-store';
import { TABLE_KEYS, keys } from '../../table/keys';
import { chainItem } from './household-register';
import { queryAll } from './query-all';
import { strip } from './submission-store';

/** Warnings in the single table (access patterns 7-10 and 12). */
export class DynamoWarningStore implements WarningStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(warning: Warning, entries: readonly ChainEntry[]): Promise<'raised' | 'exists'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.warning(warning.warningId),
                  ...keys.warningByHousehold(warning.householdId, warning.raisedAt),
                  ...keys.openWarningByDueDate(warning.district, warning.dueBy, warning.warningId),
                  entity: 'Warning',
                  ...warning,
                  outcomes: {},
                  evidenceIds: new Set(warning.evidence.map(evidenceKey)),
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...entries.map((e) => ({ Put: { TableName: this.tableName, Item: chainItem(e) } })),
          ],
        }),
      );
      return 'raised';
    } catch (error) {
      if (cancelledByCondition(error, 0)) return 'exists';
      throw error;
    }
  }

  async get(warningId: string): Promise<StoredWarning | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.warning(warningId), ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  async listByHousehold(householdId: string): Promise<StoredWarning[]> {
    const { gsi1 } = TABLE_KEYS;
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: gsi1.indexName,
      KeyConditionExpression: `${gsi1.partitionKey} = :pk AND begins_with(${gsi1.sortKey}, :w)`,
      ExpressionAttributeValues: { ':pk': keys.householdPartition(householdId), ':w': 'WARNING#' },
    });
    return items.map(fromItem);
  }

  async absorb(warningId: string, evidence: readonly WarningEvidence[], entries: readonly ChainEntry[]): Promise<'absorbed' | 'duplicate' | 'closed'> {
    const ids = evidence.map(evidenceKey);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.warning(warningId),
                UpdateExpression: 'SET evidence = list_append(evidence, :e) ADD evidenceIds :ids',
                ConditionExpression: `#s <> :resolved AND NOT contains(evidenceIds, :first)`,
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':e': evidence, ':ids': new Set(ids), ':resolved': 'resolved', ':first': ids[0] },
              },
            },
            ...entries.map((e) => ({ Put: { TableName: this.tableName, Item: chainItem(e) } })),
          ],
        }),
      );
      return 'absorbed';
    } catch (error) {
      if (!cancelledByCondition(error, 0)) throw error;
      const now = await this.get(warningId);
      return now?.status === 'resolved' ? 'closed' : 'duplicate';
    }
  }

  async overdue(district: string, now: string): Promise<StoredWarning[]> {
    const { gsi2 } = TABLE_KEYS;
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: gsi2.indexName,
      KeyConditionExpression: `${gsi2.partitionKey} = :pk AND ${gsi2.sortKey} < :now`,
      ExpressionAttributeValues: { ':pk': keys.openWarningsOf(district), ':now': now },
    });
    return items.map(fromItem);
  }

  async markPublished(warningId: string, at: string): Promise<void> {
    await this.set(warningId, 'publishedAt', at);
  }

  async markOutcomePublished(warningId: string, recipient: string): Promise<void> {
    await this.addToSet(warningId, 'outcomesPublished', [recipient]);
  }

  async addRecipients(warningId: string, recipients: readonly string[]): Promise<void> {
    const w = await this.get(warningId);
    const missing = recipients.filter((r) => !w?.recipients.includes(r as never));
    if (!missing.length) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.warning(warningId),
        UpdateExpression: 'SET recipients = list_append(recipients, :r), #s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': missing, ':open': 'pushed' },
      }),
    );
  }

  async acknowledge(warningId: string, recipient: string, entry: ChainEntry): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.warning(warningId),
              UpdateExpression: 'ADD acknowledgedBy :r SET #s = if_not_exists(resolvedStatus, :ack)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':r': new Set([recipient]), ':ack': 'acknowledged' },
            },
          },
          { Put: { TableName: this.tableName, Item: chainItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
      }),
    ).catch((error: unknown) => {
      if (!cancelledByCondition(error, 1)) throw error; // already acknowledged: nothing to do
    });
  }

  private async addToSet(warningId: string, attribute: string, values: readonly string[]) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.warning(warningId),
        UpdateExpression: 'ADD #a :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': new Set(values) },
      }),
    );
  }

  async markPushed(warningId: string, recipients: readonly string[], entries: readonly ChainEntry[]): Promise<void> {
    const chain = entries.map((e) => ({ Put: { TableName: this.tableName, Item: chainItem(e) } }));
    const update = (withStatus: boolean) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.warning(warningId),
        UpdateExpression: withStatus ? 'ADD pushedTo :r SET #s = :pushed' : 'ADD pushedTo :r',
        ...(withStatus
          ? {
              ConditionExpression: '#s IN (:raised, :pushed)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':r': new Set(recipients), ':raised': 'raised', ':pushed': 'pushed' },
            }
          : { ExpressionAttributeValues: { ':r': new Set(recipients) } }),
      },
    });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [update(true), ...chain] }));
    } catch (error) {
      // Already acknowledged or resolved by a faster department: record the push, keep the status.
      if (!cancelledByCondition(error, 0)) throw error;
      await this.db.send(new TransactWriteCommand({ TransactItems: [update(false), ...chain] }));
    }
  }

  async resolve(
    warningId: string,
    outcome: RecordedOutcome,
    status: 'acknowledged' | 'resolved',
    allowanceChange: AllowanceChange | undefined,
    entries: readonly ChainEntry[],
    categoryChange?: CategoryChange,
  ): Promise<'resolved' | 'conflict'> {
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.warning(warningId),
          // resolvedStatus pins the final status so a late acknowledgement cannot reopen it.
          // Resolved warnings leave the open-warnings index (GSI2).
          UpdateExpression:
            status === 'resolved' ? 'SET #s = :status, resolvedStatus = :status, outcomes.#d = :o REMOVE GSI2PK, GSI2SK' : 'SET #s = :status, outcomes.#d = :o',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(outcomes.#d)',
          ExpressionAttributeNames: { '#s': 'status', '#d': outcome.department },
          ExpressionAttributeValues: { ':status': status, ':o': outcome },
        },
      },
      ...entries.map((e) => ({ Put: { TableName: this.tableName, Item: chainItem(e) } })),
    ];
    if (allowanceChange) {
      const { householdId, programme, change } = allowanceChange;
      const ended = 'status' in change;
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.allowance(householdId, programme),
          // An ended allowance also leaves the gradual-exit index (GSI2 EXIT#), if it was in it.
          UpdateExpression: ended ? 'SET #s = :ended, endedOn = :on REMOVE GSI2PK, GSI2SK' : 'SET monthlyAmountFen = :amount, adjustedFrom = :on',
          ConditionExpression: '#s = :active',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: ended
            ? { ':ended': 'ended', ':on': change.endedOn, ':active': 'active' }
            : { ':amount': change.monthlyAmountFen, ':on': change.effectiveFrom, ':active': 'active' },
        },
      });
      if (ended) {
        items.push({
          Update: {
            TableName: this.tableName,
            Key: keys.household(householdId),
            UpdateExpression: 'DELETE activeProgrammes :p',
            ExpressionAttributeValues: { ':p': new Set([programme]) },
          },
        });
      }
    }
    if (categoryChange) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.household(categoryChange.householdId),
          UpdateExpression: 'SET category = :c, recognisedOn = :since',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':c': categoryChange.category, ':since': categoryChange.since },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'resolved';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        return 'conflict';
      }
      throw error;
    }
  }

  private async set(warningId: string, attribute: string, value: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.warning(warningId),
        UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
  }
}

/** One piece of evidence: a record about a subject (a roll entry can be evidence about each member). */
const evidenceKey = (e: WarningEvidence) => `${e.recordId}|${e.subject ?? ''}`;

function fromItem(item: Record<string, unknown>): StoredWarning {
  const { resolvedStatus: _final, evidenceIds: _ids, ...rest } = strip(item);
  const set = (name: string) => [...((item[name] as Set<string> | undefined) ?? [])].sort();
  return {
    ...(rest as unknown as StoredWarning),
    outcomes: (item.outcomes as StoredWarning['outcomes'] | undefined) ?? {},
    pushedTo: set('pushedTo'),
    acknowledgedBy: set('acknowledgedBy'),
    outcomesPublished: set('outcomesPublished'),
  };
}

function cancelledByCondition(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}
