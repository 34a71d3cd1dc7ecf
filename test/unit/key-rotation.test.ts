import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordsAcceptedV1, type RecordsAcceptedV1 } from '../../events/records-accepted.v1';
import { resolveRotatedRefs } from '../../shared/application/rotated-refs';
import { KeyRingError, parseKeyRing, singleKeyRing, type KeyRing } from '../../shared/privacy/key-ring';
import { keyVersionOf, PERSON_REF_PATTERN, personRefOf, personRefsOf, pseudonymize } from '../../shared/privacy/person-ref';
import { isStatedPurpose, statedPurposeMac } from '../../shared/privacy/stated-purpose';
import { submitRecords } from '../../functions/submission-intake/use-case';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { MemoryPublisher, MemoryRegister, MemorySubmissionStore } from '../fakes';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const before = parseKeyRing(OLD, 'person key');
const during = parseKeyRing(JSON.stringify({ current: 2, keys: { 1: OLD, 2: NEW } }), 'person key');
const grandmother = yueluHousehold.grandmother.identityNumber;

describe('the person key as a ring of versions', () => {
  it('reads one key as version 1, and a rotated secret as its versions', () => {
    expect(before.current).toBe(1);
    expect([...before.keys.keys()]).toEqual([1]);
    expect(during.current).toBe(2);
    expect([...during.keys.keys()].sort()).toEqual([1, 2]);
  });

  it('refuses a ring it cannot trust, naming the secret and never the key', () => {
    const bad = [
      'short',
      '{"current": 2, "keys": {"1": "' + OLD + '"}}',
      '{"current": 1, "keys": {"1": "short"}}',
      '{"current": 0, "keys": {"0": "' + OLD + '"}}',
      '{"current": 1, "keys": {"x": "' + OLD + '", "1": "' + OLD + '"}}',
      '{"current": 1, "keys": ["' + OLD + '"]}',
      '{not json',
    ];
    for (const text of bad) {
      expect(() => parseKeyRing(text, 'the person-key secret')).toThrow(KeyRingError);
      try {
        parseKeyRing(text, 'the person-key secret');
      } catch (error) {
        expect((error as Error).message).toContain('the person-key secret');
        expect((error as Error).message).not.toContain(OLD);
      }
    }
  });

  it('writes the key version into every reference; the same number under two versions gives two unrelated references', () => {
    const v1 = personRefOf(grandmother, during, 1);
    const v2 = personRefOf(grandmother, during);
    expect(v1).toMatch(PERSON_REF_PATTERN);
    expect(v2).toMatch(PERSON_REF_PATTERN);
    expect(v1.startsWith('p1_')).toBe(true);
    expect(v2.startsWith('p2_')).toBe(true);
    expect(keyVersionOf(v2)).toBe(2);
    expect(v2.slice(3)).not.toBe(v1.slice(3));
    // Version 1 of the rotated ring is the key that made the references before the rotation.
    expect(personRefOf(grandmother, before)).toBe(v1);
    expect(personRefsOf(grandmother, during)).toEqual({ current: v2, former: [v1] });
    expect(personRefsOf(grandmother, before)).toEqual({ current: v1, former: [] });
  });

  it('pseudonymizes under the current key and names each person\'s former references only during a rotation', () => {
    const outside = pseudonymize(rollEntry(), before);
    expect(outside.formerRefs).toEqual({});
    const inside = pseudonymize(rollEntry(), during);
    const record = inside.record as { members: { personRef: string }[] };
    expect(record.members.map((m) => m.personRef.slice(0, 3))).toEqual(['p2_', 'p2_']);
    expect(inside.formerRefs).toEqual({
      [personRefOf(grandmother, during)]: [personRefOf(grandmother, during, 1)],
      [personRefOf(yueluHousehold.grandson.identityNumber, during)]: [personRefOf(yueluHousehold.grandson.identityNumber, during, 1)],
    });
    expect(JSON.stringify(inside)).not.toContain(grandmother);
  });
});

describe('records made under a new key still find the people the database knows', () => {
  const v1 = (id: string) => personRefOf(id, during, 1);
  const v2 = (id: string) => personRefOf(id, during);
  const stranger = identityNumber('430105', '1980-02-02', 41);

  function group(records: { id: string; former: boolean }[]): RecordsAcceptedV1 {
    return recordsAcceptedV1.parse({
      groupId: 'S1:death-record:0',
      submissionId: 'S1',
      department: 'health',
      recordType: 'death-record',
      acceptedAt: '2026-11-21T02:00:00.000Z',
      records: records.map(({ id, former }, i) => ({
        recordId: `S1:${i}`,
        departmentRecordId: `WJ-${i}`,
        subjects: [v2(id)],
        record: { type: 'death-record', personRef: v2(id), maskedIdentityNumber: '430104***********X', dateOfDeath: '2026-11-20' },
        ...(former ? { formerRefs: { [v2(id)]: [v1(id)] } } : {}),
      })),
    });
  }

  it('renames a new reference to the one the database holds, everywhere in the record, and drops the aliases', async () => {
    const register = new MemoryRegister();
    register.held.set(yueluHousehold.householdId, {
      householdId: yueluHousehold.householdId,
      district: '430104',
      category: 'DIBAO',
      recognisedOn: '2025-12-15',
      members: [{ personRef: v1(grandmother), maskedIdentityNumber: '430104***********X', relationship: 'head' }],
      allowances: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const calls: string[][] = [];
    const counting = { membershipsOf: (refs: readonly string[]) => (calls.push([...refs]), register.membershipsOf(refs)) };
    const resolved = await resolveRotatedRefs(group([{ id: grandmother, former: true }, { id: stranger, former: true }]), counting);
    expect(calls).toHaveLength(1); // one batch read for the group
    const [known, unknown] = resolved.records;
    expect(known!.subjects).toEqual([v1(grandmother)]);
    expect((known!.record as { personRef: string }).personRef).toBe(v1(grandmother));
    // Someone the database does not hold keeps the reference under the new key.
    expect(unknown!.subjects).toEqual([v2(stranger)]);
    expect(resolved.records.every((r) => r.formerRefs === undefined)).toBe(true);
    expect(() => recordsAcceptedV1.parse(resolved)).not.toThrow();
  });

  it('reads nothing outside a rotation', async () => {
    const g = group([{ id: grandmother, former: false }]);
    const resolved = await resolveRotatedRefs(g, { membershipsOf: () => Promise.reject(new Error('must not read')) });
    expect(resolved).toBe(g);
  });

  it('takes a resend of a batch accepted before the rotation as the same batch', async () => {
    const submissions = new MemorySubmissionStore();
    const events = new MemoryPublisher();
    let ring: KeyRing = before;
    const ports = { submissions, events, personKey: { ring: async () => ring }, now: () => new Date('2026-11-21T02:00:00Z'), policy: new PolicyBook(CITY_PARAMETERS) };
    const body = JSON.stringify({ batchId: 'health-deaths-2026-11-21-001', records: [deathRecord()] });
    const first = await submitRecords({ department: 'health', caller: 'health', body }, ports);
    expect(first.replayed).toBe(false);
    ring = during;
    const again = await submitRecords({ department: 'health', caller: 'health', body }, ports);
    expect(again).toMatchObject({ replayed: true, submissionId: first.submissionId });
    const other = JSON.stringify({ batchId: 'health-deaths-2026-11-21-001', records: [deathRecord(yueluHousehold.grandson)] });
    await expect(submitRecords({ department: 'health', caller: 'health', body: other }, ports)).rejects.toMatchObject({ statusCode: 409 });
  });
});

describe('a stated purpose in the audit trail', () => {
  const ring = singleKeyRing(Buffer.alloc(32, 4));
  it('is kept as an HMAC with its key version, not a plain hash a dictionary finds', () => {
    const mac = statedPurposeMac('查询张三', ring);
    expect(mac).toMatch(/^1:[0-9a-f]{64}$/);
    expect(mac.slice(2)).not.toBe(createHash('sha256').update('查询张三').digest('hex'));
    expect(mac).not.toBe(statedPurposeMac('查询张三', singleKeyRing(Buffer.alloc(32, 5))));
    expect(isStatedPurpose(mac, '查询张三', ring)).toBe(true);
    expect(isStatedPurpose(mac, '  查询张三 ', ring)).toBe(true); // read as the free-text policy reads it
    expect(isStatedPurpose(mac, '查询李四', ring)).toBe(false);
    expect(isStatedPurpose(mac.replace(/^1:/, '2:'), '查询张三', ring)).toBe(false);
  });

  it('can still be checked after the purpose key is rotated', () => {
    const rotated = parseKeyRing(JSON.stringify({ current: 2, keys: { 1: Buffer.alloc(32, 4).toString('latin1'), 2: 'c'.repeat(64) } }), 'purpose key');
    const old = statedPurposeMac('核查医疗救助对象身份', ring);
    expect(isStatedPurpose(old, '核查医疗救助对象身份', rotated)).toBe(true);
    expect(statedPurposeMac('核查医疗救助对象身份', rotated).startsWith('2:')).toBe(true);
  });
});
