import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../../shared/records/catalogue';
import { identityNumber, withWrongCheckCharacter } from '../fixtures/people';
import { SAMPLE_RECORDS } from '../fixtures/records';

/** Each department can post each of its record types, and gets a clear error for a bad one. */
const { platform, as } = onLocalPlatform();

describe('every record type over HTTP', () => {
  it.each(RECORD_TYPE_CODES.map((t, i) => [t, i] as const))('%s', async (type, i) => {
    const owner = RECORD_TYPES[type].department;
    const person = { identityNumber: identityNumber('430104', `19${60 + (i % 40)}-0${(i % 9) + 1}-2${i % 9}`, 200 + i), name: '王丽华' };
    const record = SAMPLE_RECORDS[type](person, i + 1);

    const ok = await as(owner).submit(`${owner}-types-${i}-ok`, [record]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);

    const wrong = withWrongCheckCharacter(person.identityNumber);
    const bad = JSON.parse(JSON.stringify(record).replaceAll(person.identityNumber, wrong)) as Record<string, unknown>;
    const refused = await as(owner).submit(`${owner}-types-${i}-bad`, [bad]);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      problems: [expect.objectContaining({ record: 0, field: expect.stringContaining('identityNumber'), message: expect.stringContaining('check character') })],
    });

    const other = owner === 'justice' ? 'education' : 'justice';
    const notTheirs = await as(other).submit(`${other}-types-${i}-foreign`, [record]);
    expect(notTheirs).toMatchObject({ status: 403, body: { error: 'RecordTypeNotAllowed' } });
  });

  it('delivered every accepted record without a failure', async () => {
    await platform.idle();
    expect(platform.eventBridge.delivered.filter((d) => !d.ok)).toEqual([]);
    expect(await platform.sqs.peek(`${platform.prefix}-async-failures`)).toEqual([]);
  });
});
