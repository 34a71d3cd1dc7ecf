import { TransactWriteCommand, type DynamoDBDocumentClient, type PutCommand, type TransactWriteCommandInput, type UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Runs a transaction whose conditions make it happen once: false when a condition failed (it
 * was already done, or is no longer allowed), so replays are answers, not errors.
 */
export async function transactOnce(db: DynamoDBDocumentClient, items: TransactItems): Promise<boolean> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** The same for one conditional PutItem or UpdateItem. */
export async function writeOnce(db: DynamoDBDocumentClient, command: PutCommand | UpdateCommand): Promise<boolean> {
  try {
    await db.send(command as PutCommand);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
