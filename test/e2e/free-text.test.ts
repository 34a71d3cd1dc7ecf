import { describe, expect, it } from 'vitest';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { onLocalPlatform } from './departments';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * The free-text policy at every door, over HTTP on the local platform: a number that identifies
 * a person, in any of its disguises, is refused with a 400 naming the record and the field, and
 * no byte of it reaches the table or the bus.
 */
const { platform, as } = onLocalPlatform();
const neighbour = identityNumber('430104', '1991-01-01', 501);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const disguises = [`身份证号ID${neighbour} 王小明`, neighbour.replace(/(.{4})/g, '$1 '), fullWidth(neighbour), `联系电话 138 0013 8000`];

async function everything(): Promise<string> {
  const client = new DynamoDBClient({
    endpoint: platform.endpoints.dynamodb,
    region: platform.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const items: Record<string, AttributeValue>[] = [];
    for (const table of Object.values(platform.tables)) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return JSON.stringify(items).normalize('NFKC').replace(/[\s-]/g, '');
  } finally {
    client.destroy();
  }
}

describe('free text that identifies a person is refused at every door (自由文本规则)', () => {
  it('refuses a visit report whose description holds a number, naming the record and the field, and keeps nothing', async () => {
    const before = await everything();
    const delivered = platform.eventBridge.delivered.length;
    const report = (n: number, description: string) => ({
      type: 'visit-report',
      recordId: `MZ-ZF-2026-${String(n).padStart(6, '0')}`,
      householdId: yueluHousehold.householdId,
      district: '430104',
      visitedOn: '2026-11-18',
      visitedBy: 'FR-SQ-0021',
      changes: [{ kind: 'employment-change', description }],
      needs: [],
    });
    const answer = await as('civil-affairs').submit('civil-affairs-visits-2026-11-18-01', [
      report(1, '儿子已在深圳就业'),
      ...disguises.map((d, i) => report(i + 2, d)),
    ]);
    expect(answer.status).toBe(400);
    expect((answer.body as { problems: { record: number; field: string; message: string }[] }).problems).toEqual(
      disguises.map((_, i) =>
        expect.objectContaining({ record: i + 1, field: 'changes[0].description', message: expect.stringMatching(/不得包含(身份证号码|手机号码)/) }),
      ),
    );
    await platform.idle();
    expect(platform.eventBridge.delivered.length).toBe(delivered);
    expect(await everything()).toBe(before);
  });

  it('refuses an answer, a stated purpose and a policy reason holding an identity number', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
    expect((await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
    const item = await as('civil-affairs').nextWorkItem(
      (i) => i.warning.householdId === yueluHousehold.householdId && i.warning.indicator.id === 'IND-01',
      20_000,
    );
    expect(item).toBeDefined();
    const warningId = item!.warning.warningId;

    const outcome = { outcome: 'no-action-needed', handledBy: 'YL-MZ-0413' };
    const refused = await as('civil-affairs').answer(warningId, { ...outcome, reason: `已核实 ID${neighbour.slice(0, 17)}${neighbour[17]}` });
    expect(refused).toMatchObject({
      status: 400,
      body: { problems: [{ field: 'reason', message: '不得包含身份证号码 / must not contain an identity number' }] },
    });

    const query = await as('health').call('POST', '/persons/query', {
      identityNumber: yueluHousehold.grandmother.identityNumber,
      purpose: `核查 ${fullWidth(neighbour)} 的身份`,
    });
    expect(query).toMatchObject({ status: 400, body: { problems: [{ field: 'purpose' }] } });

    const chain = await as('civil-affairs').call('GET', `/households/${yueluHousehold.householdId}/chain`, undefined, {
      'x-purpose': `follow-up visit ${neighbour}`,
    });
    expect(chain).toMatchObject({ status: 400, body: { error: 'InvalidHeader', problems: [{ field: 'headers.x-purpose' }] } });

    const parameters = await as('civil-affairs').call<{ version: number }>('GET', '/policy/parameters?on=2027-02-01');
    const change = {
      expectedVersion: parameters.body.version,
      reason: `应 ${neighbour} 申请调整`,
      parameters: [
        {
          name: 'dibao.standardMonthlyFen',
          value: 95_000,
          district: '*',
          effectiveFrom: '2027-01-01',
          effectiveTo: '2027-12-31',
          source: '长沙市人民政府 2026 第 31 号',
        },
      ],
    };
    expect(await as('civil-affairs').call('POST', '/policy/changes', change)).toMatchObject({ status: 400, body: { problems: [{ field: 'reason' }] } });

    // The same answer in clean words is taken.
    expect((await as('civil-affairs').answer(warningId, { ...outcome, reason: '已核实，户主已故，另行处理' })).status).toBe(200);
    await platform.idle();
    const stored = await everything();
    for (const text of [neighbour, neighbour.slice(0, 17), '13800138000']) expect(stored).not.toContain(text);
  });
});
