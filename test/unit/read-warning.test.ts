import { describe, expect, it } from 'vitest';
import { readWarning } from '../../functions/household-query/use-case';
import { recipientDied } from '../../shared/domain/indicators/ind-01-recipient-died';
import type { Membership } from '../../shared/domain/membership';
import type { RecordedOutcome } from '../../shared/domain/outcome';
import { addDays, type StoredWarning, warningIdFor } from '../../shared/domain/warning';
import { warningDetail } from '../../shared/platform/answers/warnings';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefOf, pseudonymize } from '../../shared/privacy/person-ref';
import type { WarningStore } from '../../shared/ports/warning-store';
import { deathRecord, yueluHousehold } from '../fixtures/people';

const key = singleKeyRing(Buffer.alloc(32, 7));
const grandmother = yueluHousehold.grandmother;
const grandmotherRef = personRefOf(grandmother.identityNumber, key);
const RAISED = '2026-11-21T02:00:01.000Z';
const parameters = { 'warning.deadlineDays.IND-01': 10 };

/** The death warning indicator 1 raises from the health record, stored as the warning store keeps it. */
function deathWarning(over: Partial<StoredWarning> = {}): StoredWarning {
  const member: Membership = {
    personRef: grandmotherRef,
    householdId: yueluHousehold.householdId,
    district: '430104',
    category: 'DIBAO',
    activeProgrammes: ['dibao-allowance'],
    household: { memberCount: 2, area: 'urban', monthlyIncomeFen: 150_000 },
  };
  const [draft] = recipientDied.evaluate({
    observed: {
      recordId: 'WJ-SW-2026-104233',
      department: 'health',
      recordType: 'death-record',
      subjects: [grandmotherRef],
      record: pseudonymize(deathRecord(), key) as Record<string, unknown>,
      acceptedAt: '2026-11-21T02:00:00.000Z',
    },
    memberships: new Map([[grandmotherRef, member]]),
    parameters,
    facts: new Map(),
    on: '2026-11-21',
  });
  const { dedupeKey, ...rest } = draft!;
  return {
    ...rest,
    warningId: warningIdFor('IND-01', rest.householdId, dedupeKey),
    indicator: { id: 'IND-01', version: 1, title: recipientDied.title, parameters },
    recipients: ['civil-affairs'],
    status: 'pushed',
    raisedAt: RAISED,
    dueBy: addDays(RAISED, 10),
    pushedTo: ['civil-affairs'],
    acknowledgedBy: [],
    outcomes: {},
    outcomesPublished: [],
    ...over,
  };
}

function storeOf(...warnings: StoredWarning[]): WarningStore & { reads: string[] } {
  const reads: string[] = [];
  const byId = new Map(warnings.map((w) => [w.warningId, w]));
  return {
    reads,
    async get(id: string) {
      reads.push(id);
      return byId.get(id);
    },
  } as unknown as WarningStore & { reads: string[] };
}

const before = () => new Date('2026-11-25T00:00:00.000Z');
const afterDue = () => new Date('2026-12-05T00:00:00.000Z');
const IDENTITY_SHAPE = /\d{17}[\dX]/;

describe('read-warning (预警详情)', () => {
  it('shows a recipient the warning, its indicator version and parameters, and masked evidence', async () => {
    const w = deathWarning();
    const { detail, audit } = await readWarning('civil-affairs', w.warningId, { warnings: storeOf(w), now: before });
    expect(detail).toMatchObject({
      warningId: w.warningId,
      householdId: yueluHousehold.householdId,
      district: '430104',
      indicator: { id: 'IND-01', version: 1, title: recipientDied.title, titleZh: '救助对象死亡', parameters: { 'warning.deadlineDays.IND-01': 10 } },
      status: 'pushed',
      overdue: false,
      action: 'end or adjust the household allowance',
      recipients: [{ department: 'civil-affairs', pushed: true, acknowledged: false }],
    });
    expect(detail.evidence).toEqual([
      {
        recordId: 'WJ-SW-2026-104233',
        recordType: 'death-record',
        department: 'health',
        subject: grandmotherRef,
        facts: {
          dateOfDeath: '2026-11-20',
          certificateNumber: 'H430104260088',
          registeredIn: '430104',
          maskedIdentityNumber: `430104***********${grandmother.identityNumber.slice(17)}`,
        },
      },
    ]);
    // The answer passes its own schema and holds neither the number nor the name.
    expect(warningDetail.safeParse(detail).success).toBe(true);
    const text = JSON.stringify(detail);
    expect(text).not.toMatch(IDENTITY_SHAPE);
    expect(text).not.toContain(grandmother.name);
    expect(audit.subjects).toEqual([grandmotherRef]);
  });

  it('drops a name and masks a number even if stored evidence held them', async () => {
    const w = deathWarning();
    w.evidence[0]!.facts = {
      ...w.evidence[0]!.facts,
      name: grandmother.name,
      guardian: { personName: yueluHousehold.grandson.name, guardianIdentityNumber: yueluHousehold.grandson.identityNumber },
      identityNumber: grandmother.identityNumber,
      note: `id ${grandmother.identityNumber}`,
      schoolName: '长沙市岳麓区实验小学',
    };
    const { detail } = await readWarning('civil-affairs', w.warningId, { warnings: storeOf(w), now: before });
    const facts = detail.evidence[0]!.facts;
    expect(facts).not.toHaveProperty('name');
    expect(facts).not.toHaveProperty('identityNumber');
    expect(facts.guardian).toEqual({});
    expect(facts.schoolName).toBe('长沙市岳麓区实验小学'); // an institution's name is not a person's
    expect(facts.maskedIdentityNumber).toMatch(/^430104\*{11}[\dX]$/);
    expect(facts.note).toBe(`id 430104***********${grandmother.identityNumber.slice(17)}`);
    expect(JSON.stringify(detail)).not.toMatch(IDENTITY_SHAPE);
    expect(JSON.stringify(detail)).not.toContain(yueluHousehold.grandson.name);
  });

  it('answers another department 404, as for a warning that does not exist', async () => {
    const w = deathWarning();
    const warnings = storeOf(w);
    await expect(readWarning('education', w.warningId, { warnings, now: before })).rejects.toMatchObject({ code: 'WarningNotFound', kind: 'NotFound' });
    await expect(readWarning('civil-affairs', 'W000000000000000000000000', { warnings, now: before })).rejects.toMatchObject({ code: 'WarningNotFound' });
    await expect(readWarning('civil-affairs', 'not-a-warning', { warnings, now: before })).rejects.toMatchObject({ code: 'InvalidWarningId' });
    // A malformed id is refused before any read.
    expect(warnings.reads).toEqual([w.warningId, 'W000000000000000000000000']);
  });

  it('lets supervision read any warning, overdue while unresolved past its due time', async () => {
    const w = deathWarning({ status: 'acknowledged', acknowledgedBy: ['civil-affairs'] });
    const { detail } = await readWarning('supervision', w.warningId, { warnings: storeOf(w), now: afterDue });
    expect(detail.overdue).toBe(true);
    expect(detail.recipients).toEqual([{ department: 'civil-affairs', pushed: true, acknowledged: true }]);
  });

  it('maps each recipient’s answer, and is no longer overdue for one that answered', async () => {
    const answered: RecordedOutcome = {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: '户主死亡，终止低保 / head of household died',
      handledBy: 'MZ-YL-0107',
      department: 'civil-affairs',
      resolvedAt: '2026-11-22T01:30:00.000Z',
      outcomeHash: 'h1',
    };
    const w = deathWarning({
      recipients: ['civil-affairs', 'county-coordination'],
      pushedTo: ['civil-affairs'],
      acknowledgedBy: ['civil-affairs'],
      status: 'acknowledged',
      outcomes: { 'civil-affairs': answered },
    });
    const civil = await readWarning('civil-affairs', w.warningId, { warnings: storeOf(w), now: afterDue });
    expect(civil.detail.overdue).toBe(false);
    expect(civil.detail.recipients).toEqual([
      {
        department: 'civil-affairs',
        pushed: true,
        acknowledged: true,
        outcome: { outcome: 'assistance-ended', handledBy: 'MZ-YL-0107', resolvedAt: '2026-11-22T01:30:00.000Z' },
      },
      { department: 'county-coordination', pushed: false, acknowledged: false },
    ]);
    const county = await readWarning('county-coordination', w.warningId, { warnings: storeOf(w), now: afterDue });
    expect(county.detail.overdue).toBe(true);
    expect(warningDetail.safeParse(civil.detail).success).toBe(true);
  });
});
