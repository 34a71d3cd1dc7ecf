import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { required } from '../config';

/** One persistence layer per idempotent handler (need `idempotency`): the library binds it to one configuration. */
export const idempotencyStore = () => new DynamoDBPersistenceLayer({ tableName: required('IDEMPOTENCY_TABLE_NAME') });

/**
 * Idempotency records outlive the longest redelivery window: EventBridge retries for up to 24
 * hours, and departments are told to resend a failed batch within a day.
 */
export const IDEMPOTENCY_EXPIRY_SECONDS = 25 * 3600;

export function idempotencyConfig(eventKeyJmesPath: string, payloadValidationJmesPath: string): IdempotencyConfig {
  return new IdempotencyConfig({ eventKeyJmesPath, payloadValidationJmesPath, expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS });
}
