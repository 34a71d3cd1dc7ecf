import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOnce } from './conditional';
import type { EmergencyCase, EmergencyCases } from '../../ports/emergency-cases';
import { keys, TABLE_KEYS } from '../../table/keys';
import { queryAll } from './query-all';
import { strip } from './submission-store';

/** Emergency-assistance cases (access pattern 25). */
export class DynamoEmergencyCases implements EmergencyCases {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async open(c: EmergencyCase): Promise<'opened' | 'exists'> {
    const waiting = c.status === 'awaiting-documents' ? keys.emergencyCaseByDueDate(c.district, c.documentsDueBy, c.caseId) : {};
    return (await writeOnce(
      this.db,
      new PutCommand({ TableName: this.tableName, Item: { ...keys.emergencyCase(c.caseId), entity: 'EmergencyCase', ...c, ...waiting }, ConditionExpression: 'attribute_not_exists(PK)' }),
    ))
      ? 'opened'
      : 'exists';
  }

  async get(caseId: string) {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.emergencyCase(caseId), ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as EmergencyCase) : undefined;
  }

  close(caseId: string, status: 'confirmed' | 'refused', on: string) {
    return writeOnce(
      this.db,
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.emergencyCase(caseId),
        UpdateExpression: 'SET #s = :s, closedOn = :on REMOVE GSI2PK, GSI2SK',
        ConditionExpression: '#s IN (:waiting, :flagged)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':on': on, ':waiting': 'awaiting-documents', ':flagged': 'flagged' },
      }),
    );
  }

  async overdue(district: EmergencyCase['district'], before: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: TABLE_KEYS.gsi2.indexName,
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      ExpressionAttributeValues: { ':pk': keys.emergencyCasesOf(district), ':before': before },
    });
    return items.map((i) => strip(i) as unknown as EmergencyCase);
  }

  flag(caseId: string, reason: string) {
    return writeOnce(
      this.db,
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.emergencyCase(caseId),
        UpdateExpression: 'SET #s = :flagged, flags = list_append(flags, :reason) REMOVE GSI2PK, GSI2SK',
        ConditionExpression: '#s = :waiting',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':flagged': 'flagged', ':waiting': 'awaiting-documents', ':reason': [reason] },
      }),
    );
  }
}
