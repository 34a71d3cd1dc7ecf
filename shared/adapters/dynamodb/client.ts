import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../../observability';

/** One document client per process; endpoint from AWS_ENDPOINT_URL_DYNAMODB when set (local). */
let client: DynamoDBDocumentClient | undefined;
export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}
