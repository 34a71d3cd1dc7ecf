import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoHouseholdRegister } from '../../shared/adapters/dynamodb/household-register';
import { DynamoPaymentFiles } from '../../shared/adapters/dynamodb/payment-files';
import { Table } from '../../shared/adapters/dynamodb/table';
import { paymentFilesContract } from '../contract/payment-files';
import { freshTables } from '../local-platform';

/** The payment files (access pattern 36) and the payroll on GSI1 (pattern 37) against DynamoDB Local. */
let tables: Awaited<ReturnType<typeof freshTables<'households'>>>;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  tables = await freshTables({ households: householdsTableDefinition });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: tables.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
});
afterAll(async () => {
  db?.destroy();
  await tables?.drop();
});

describe('the payment files’ contract, in DynamoDB Local', () => {
  paymentFilesContract(() => {
    const t = new Table(db, tables.names.households);
    return { payments: new DynamoPaymentFiles(t), register: new DynamoHouseholdRegister(t) };
  });
});
