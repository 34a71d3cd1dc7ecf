import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RETAINED_FACT_SLOTS, referencesFor } from '../../shared/application/person-refs';
import { KeyRingError, parseKeyRing, singleKeyRing, type KeyRing } from '../../shared/privacy/key-ring';
import { identityNumbersIn, PERSON_REF_PATTERN, personRefOf, personRefsOf, pseudonymize } from '../../shared/privacy/person-ref';
import { isStatedPurpose, statedPurposeMac } from '../../shared/privacy/stated-purpose';
import { submitRecords } from '../../functions/submission-intake/use-case';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { MemoryFacts, MemoryKnownPeople, MemoryPublisher, MemoryRegister, MemorySubmissionStore } from '../fakes';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';
import { rejection } from './rejection';
import { bodyFor } from './through-edge';

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
      `{"current": 2, "keys": {"1": "${OLD}"}}`,
      '{"current": 1, "keys": {"1": "short"}}',
      `{"current": 0, "keys": {"0": "${OLD}"}}`,
      `{"current": 1, "keys": {"x": "${OLD}", "1": "${OLD}"}}`,
      `{"current": 1, "keys": ["${OLD}"]}`,
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
    expect(v2.slice(3)).not.toBe(v1.slice(3));
    // Version 1 of the rotated ring is the key that made the references before the rotation.
    expect(personRefOf(grandmother, before)).toBe(v1);
    expect(personRefsOf(grandmother, during)).toEqual({ current: v2, former: [v1] });
    expect(personRefsOf(grandmother, before)).toEqual({ current: v1, former: [] });
  });

  it('pseudonymizes under the current key, or under the reference chosen for the person, and drops names', () => {
    const outside = pseudonymize(rollEntry(), before) as { members: { personRef: string }[] };
    expect(outside.members.map((m) => m.personRef.slice(0, 3))).toEqual(['p1_', 'p1_']);
    const chosen = pseudonymize(rollEntry(), (id) => personRefOf(id, during, id === grandmother ? 1 : 2)) as { members: { personRef: string }[] };
    expect(chosen.members.map((m) => m.personRef.slice(0, 3))).toEqual(['p1_', 'p2_']);
    expect(JSON.stringify(chosen)).not.toContain(grandmother);
    expect(JSON.stringify(chosen)).not.toContain(yueluHousehold.grandmother.name);
    expect(identityNumbersIn(rollEntry())).toEqual([grandmother, yueluHousehold.grandson.identityNumber]);
  });
});

describe('during a rotation, intake keeps each person under the reference the platform knows them by', () => {
  const v1 = (id: string) => personRefOf(id, during, 1);
  const v2 = (id: string) => personRefOf(id, during);
  const stranger = identityNumber('430105', '1980-02-02', 41);
  const deceased = identityNumber('430111', '1939-07-07', 12);

  function platformKnowing() {
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
    const facts = new MemoryFacts();
    // A death reported before the rotation about someone not yet on the roll (kept 35 days).
    void facts.record([
      {
        personRef: v1(deceased),
        recordType: 'death-record',
        slot: 'death',
        recordId: 'S0:0',
        department: 'health',
        acceptedAt: '2026-11-20T02:00:00.000Z',
        record: {},
        keepUntil: '2026-12-25T02:00:00.000Z',
      },
    ]);
    return new MemoryKnownPeople(register, facts);
  }

  it('keeps a member and a retained death under the old version, gives a stranger the new one, with one read', async () => {
    const known = platformKnowing();
    const reads: string[][] = [];
    const counting = {
      knownAmong: (refs: readonly string[], retained: readonly { recordType: string; slot: string }[]) => {
        reads.push([...refs]);
        return known.knownAmong(refs, retained);
      },
    };
    const refs = await referencesFor([grandmother, stranger, deceased, grandmother], during, counting);
    expect(reads).toHaveLength(1);
    expect(refs.get(grandmother)).toBe(v1(grandmother));
    expect(refs.get(deceased)).toBe(v1(deceased)); // the roll entry after the rotation still meets the death before it
    expect(refs.get(stranger)).toBe(v2(stranger));
    expect(RETAINED_FACT_SLOTS).toEqual([{ recordType: 'death-record', slot: 'death' }]);
  });

  it('reads nothing outside a rotation', async () => {
    const refs = await referencesFor([grandmother], before, { knownAmong: () => Promise.reject(new Error('must not read')) });
    expect(refs.get(grandmother)).toBe(personRefOf(grandmother, before));
  });

  it('publishes no reference made under an older key for someone it does not know, and a resend across the rotation is the same batch with the same events', async () => {
    const submissions = new MemorySubmissionStore();
    const events = new MemoryPublisher();
    let ring: KeyRing = before;
    const ports = {
      submissions,
      events,
      personKey: { ring: async () => ring },
      knownPeople: platformKnowing(),
      now: () => new Date('2026-11-21T02:00:00Z'),
      policy: new PolicyBook(CITY_PARAMETERS),
    };
    const batch = bodyFor('submit-records', { batchId: 'health-deaths-2026-11-21-001', records: [deathRecord()] });
    const first = await submitRecords({ department: 'health', batch }, ports);
    expect(first.replayed).toBe(false);
    const published = JSON.stringify(events.published);
    ring = during;
    const again = await submitRecords({ department: 'health', batch }, ports);
    expect(again).toMatchObject({ replayed: true, submissionId: first.submissionId });
    const other = bodyFor('submit-records', { batchId: 'health-deaths-2026-11-21-001', records: [deathRecord(yueluHousehold.grandson)] });
    expect((await rejection(submitRecords({ department: 'health', batch: other }, ports))).statusCode).toBe(409);
    // A new batch about a stranger: only the new version's reference travels.
    events.published.length = 0;
    await submitRecords(
      {
        department: 'health',
        batch: bodyFor('submit-records', {
          batchId: 'health-deaths-2026-11-22-001',
          records: [deathRecord({ identityNumber: stranger, name: '赵建国' }, 'WJ-SW-2026-104299')],
        }),
      },
      ports,
    );
    const text = JSON.stringify(events.published);
    expect(text).toContain(v2(stranger));
    expect(text).not.toContain(v1(stranger));
    expect(text).not.toContain('formerRefs');
    expect(published).toContain(v1(grandmother));
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
