import { describe, expect, it } from 'vitest';
import { matchesEventPattern, validateEventPattern } from '../../infra/local/event-pattern';
import { PLATFORM_RULES } from '../../events/rules';

/** Cases follow the examples in the EventBridge documentation on event patterns. */
const event = (detail: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'RecordsAccepted.v1',
  source: 'lim.intake',
  account: '111122223333',
  time: '2026-11-21T02:00:00Z',
  region: 'cn-north-1',
  resources: ['arn:aws-cn:dynamodb:cn-north-1:111122223333:table/x'],
  detail,
  ...over,
});
const death = { recordType: 'death-record', department: 'health', district: '430104', amountFen: 120_000, sourceIp: '10.0.3.17', tags: ['urgent', 'verified'] };

describe('event patterns', () => {
  it.each([
    ['exact values', { source: ['lim.intake'], detail: { recordType: ['death-record'] } }, true],
    ['another value', { detail: { recordType: ['low-income-roll-entry'] } }, false],
    ['type matters for exact values', { detail: { amountFen: ['120000'] } }, false],
    ['numbers match numerically', { detail: { amountFen: [120000.0] } }, true],
    ['any element of an array field', { detail: { tags: ['verified'] } }, true],
    ['no element of an array field', { detail: { tags: ['draft'] } }, false],
    ['prefix', { detail: { district: [{ prefix: '4301' }] } }, true],
    ['prefix that does not match', { detail: { district: [{ prefix: '4302' }] } }, false],
    ['prefix ignoring case', { detail: { recordType: [{ prefix: { 'equals-ignore-case': 'DEATH' } }] } }, true],
    ['suffix', { detail: { recordType: [{ suffix: '-record' }] } }, true],
    ['suffix ignoring case', { detail: { recordType: [{ suffix: { 'equals-ignore-case': '-RECORD' } }] } }, true],
    ['equals-ignore-case', { detail: { department: [{ 'equals-ignore-case': 'HEALTH' }] } }, true],
    ['anything-but a value', { detail: { recordType: [{ 'anything-but': 'low-income-roll-entry' }] } }, true],
    ['anything-but the value itself', { detail: { recordType: [{ 'anything-but': 'death-record' }] } }, false],
    ['anything-but a list', { detail: { recordType: [{ 'anything-but': ['a', 'death-record'] }] } }, false],
    ['anything-but a prefix', { detail: { recordType: [{ 'anything-but': { prefix: 'low-' } }] } }, true],
    ['anything-but a matching prefix', { detail: { recordType: [{ 'anything-but': { prefix: 'death' } }] } }, false],
    ['anything-but a suffix', { detail: { recordType: [{ 'anything-but': { suffix: '-entry' } }] } }, true],
    ['anything-but ignoring case', { detail: { department: [{ 'anything-but': { 'equals-ignore-case': ['HEALTH'] } }] } }, false],
    ['anything-but a wildcard', { detail: { recordType: [{ 'anything-but': { wildcard: 'death-*' } }] } }, false],
    ['anything-but on a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    ['numeric range', { detail: { amountFen: [{ numeric: ['>', 0, '<=', 120000] }] } }, true],
    ['numeric outside', { detail: { amountFen: [{ numeric: ['<', 120000] }] } }, false],
    ['numeric equality', { detail: { amountFen: [{ numeric: ['=', 120000] }] } }, true],
    ['numeric against a string', { detail: { district: [{ numeric: ['>', 0] }] } }, false],
    ['exists true', { detail: { district: [{ exists: true }] } }, true],
    ['exists true on a missing field', { detail: { missing: [{ exists: true }] } }, false],
    ['exists false on a missing field', { detail: { missing: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { district: [{ exists: false }] } }, false],
    ['wildcard', { detail: { recordType: [{ wildcard: 'de*rec*' }] } }, true],
    ['wildcard that does not match', { detail: { recordType: [{ wildcard: '*entry' }] } }, false],
    ['cidr', { detail: { sourceIp: [{ cidr: '10.0.0.0/16' }] } }, true],
    ['cidr outside', { detail: { sourceIp: [{ cidr: '10.1.0.0/16' }] } }, false],
    ['top-level $or', { $or: [{ source: ['other'] }, { detail: { district: ['430104'] } }] }, true],
    ['$or with no alternative matching', { $or: [{ source: ['other'] }, { detail: { district: ['430105'] } }] }, false],
    ['nested $or combined with another field', { detail: { department: ['health'], $or: [{ district: ['430105'] }, { amountFen: [120000] }] } }, true],
    ['every field must match', { source: ['lim.intake'], 'detail-type': ['WarningsRaised.v1'] }, false],
    ['a nested pattern against a scalar', { source: { inner: ['x'] } }, false],
  ])('%s', (_, pattern, expected) => {
    validateEventPattern(pattern);
    expect(matchesEventPattern(pattern, event(death))).toBe(expected);
  });

  it('matches a literal * escaped in a wildcard', () => {
    expect(matchesEventPattern({ detail: { note: [{ wildcard: 'a\\*b' }] } }, event({ note: 'a*b' }))).toBe(true);
    expect(matchesEventPattern({ detail: { note: [{ wildcard: 'a\\*b' }] } }, event({ note: 'axxb' }))).toBe(false);
  });

  it.each([
    ['a scalar leaf', { source: 'lim.intake' }],
    ['an empty list', { source: [] }],
    ['an unknown operator', { source: [{ 'starts-with': 'lim' }] }],
    ['two operators in one matcher', { source: [{ prefix: 'a', suffix: 'b' }] }],
    ['a malformed numeric', { detail: { n: [{ numeric: ['>>', 1] }] } }],
    ['exists with a string', { detail: { n: [{ exists: 'yes' }] } }],
    ['consecutive wildcards', { detail: { n: [{ wildcard: 'a**b' }] } }],
    ['$or with one branch', { $or: [{ source: ['a'] }] }],
  ])('rejects %s', (_, pattern) => {
    expect(() => validateEventPattern(pattern as Record<string, unknown>)).toThrow();
  });

  it('routes the platform events as the deployed rules intend', () => {
    const targets = (detailType: string, source: string, detail: Record<string, unknown>) =>
      PLATFORM_RULES.filter((r) => matchesEventPattern(r.eventPattern, event(detail, { 'detail-type': detailType, source }))).map((r) => r.target);
    // A roll entry is evaluated only once register-update has written it (HouseholdsRolled).
    expect(targets('RecordsAccepted.v1', 'lim.intake', { recordType: 'low-income-roll-entry' })).toEqual(['register-update']);
    expect(targets('HouseholdsRolled.v1', 'lim.register', { recordType: 'low-income-roll-entry' })).toEqual(['warning-evaluation']);
    expect(targets('RecordsAccepted.v1', 'lim.intake', { recordType: 'emergency-assistance' })).toEqual(['register-update', 'warning-evaluation']);
    expect(targets('RecordsAccepted.v1', 'lim.intake', { recordType: 'death-record' })).toEqual(['warning-evaluation']);
    expect(targets('RecordsAccepted.v1', 'lim.intake', { recordType: 'economic-investigation' })).toEqual(['recognition', 'warning-evaluation']);
    expect(targets('WarningsRaised.v1', 'lim.warnings', { warningId: 'W1' })).toEqual(['statistics', 'department-routing']);
    expect(targets('WarningResolved.v1', 'lim.feedback', { warningId: 'W1' })).toEqual(['statistics']);
    expect(targets('AssistanceGranted.v1', 'lim.feedback', { warningId: 'W1' })).toEqual(['statistics']);
    expect(targets('WarningReferred.v1', 'lim.feedback', { warningId: 'W1' })).toEqual(['department-routing']);
    expect(targets('AssistanceEnded.v1', 'lim.feedback', { exitReason: 'finances-improved' })).toEqual(['warning-evaluation']);
    expect(targets('AssistanceEnded.v1', 'lim.feedback', { exitReason: 'died' })).toEqual([]);
  });
});
