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

    // A record about people (all but the close of a payment file) refuses a wrong check character.
    if (JSON.stringify(record).includes(person.identityNumber)) {
      const wrong = withWrongCheckCharacter(person.identityNumber);
      const bad = JSON.parse(JSON.stringify(record).replaceAll(person.identityNumber, wrong)) as Record<string, unknown>;
      const refused = await as(owner).submit(`${owner}-types-${i}-bad`, [bad]);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        problems: [
          expect.objectContaining({ record: 0, field: expect.stringContaining('identityNumber'), message: expect.stringContaining('check character') }),
        ],
      });
    } else expect(type).toBe('allowance-payment-file');

    const other = owner === 'justice' ? 'education' : 'justice';
    const notTheirs = await as(other).submit(`${other}-types-${i}-foreign`, [record]);
    expect(notTheirs).toMatchObject({ status: 403, body: { error: 'RecordTypeNotAllowed' } });
  });

  it('answers a refusal with English first to a department that asks for it, codes and fields unchanged (Accept-Language)', async () => {
    const person = { identityNumber: identityNumber('430104', '1956-03-08', 377), name: '赵德明' };
    const { dateOfDeath: _missing, ...noDate } = SAMPLE_RECORDS['death-record'](person, 9001);
    const records = [{ ...noDate, identityNumber: withWrongCheckCharacter(person.identityNumber) }];
    const english = await as('health').call(
      'POST',
      '/departments/health/submissions',
      { batchId: 'health-language-en-0001', records },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    const chinese = await as('health').call('POST', '/departments/health/submissions', { batchId: 'health-language-zh-0001', records });
    expect([english.status, english.headers?.['content-language'], chinese.status, chinese.headers?.['content-language']]).toEqual([400, 'en', 400, 'zh-CN']);
    expect(english.body).toEqual({
      error: 'InvalidRecords',
      message: '2 problem(s) in the batch; nothing was stored / 批次中有 2 处问题，未保存任何记录',
      messages: { 'zh-CN': '批次中有 2 处问题，未保存任何记录', en: '2 problem(s) in the batch; nothing was stored' },
      problems: [
        {
          record: 0,
          recordId: 'WJ-SW-9001',
          field: 'identityNumber',
          message:
            'identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2) / 公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2）',
          messages: {
            'zh-CN': '公民身份号码第 18 位校验码不符（GB 11643，ISO 7064 MOD 11-2）',
            en: 'identity number: the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
          },
        },
        { record: 0, recordId: 'WJ-SW-9001', field: 'dateOfDeath', message: 'is required / 必填', messages: { 'zh-CN': '必填', en: 'is required' } },
      ],
    });
    // The same refusal in Chinese first: only the order of the two halves differs.
    const zh = chinese.body as { message: string; problems: { message: string }[] };
    expect(zh.message).toBe('批次中有 2 处问题，未保存任何记录 / 2 problem(s) in the batch; nothing was stored');
    expect({
      ...(english.body as object),
      message: zh.message,
      problems: (english.body as { problems: object[] }).problems.map((p, i) => ({ ...p, message: zh.problems[i]!.message })),
    }).toEqual(chinese.body);
  });

  it('delivered every accepted record without a failure', async () => {
    await platform.idle();
    expect(platform.eventBridge.delivered.filter((d) => !d.ok)).toEqual([]);
    expect(await platform.sqs.peek(`${platform.prefix}-async-failures`)).toEqual([]);
  });
});
