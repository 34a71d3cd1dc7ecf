import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionSettingsError, PlatformClient, PlatformError, type WorkItemV1, type WorkMessage } from '../../client/index';
import { checkCharacterFor } from '../../shared/domain/identity-number';

/**
 * `npm run demo`: drives the first slice against the running local platform with the
 * departments' client library (client/), as a department's system would. Civil affairs puts a
 * dibao household on the roll; health reports the death of its head; the warning arrives on the
 * civil-affairs queue; civil affairs ends the allowance; the chain shows it all in order. Each
 * run uses a new household, so it can be run again and again; warnings on the queue that are
 * not this run's are left where they are, for whoever handles them.
 */
const dataDir = process.env.LIM_DATA_DIR ?? '.local-data';
let civilAffairs: PlatformClient;
let health: PlatformClient;
try {
  civilAffairs = PlatformClient.local('civil-affairs', { dataDir });
  health = PlatformClient.local('health', { dataDir });
} catch (error) {
  console.error(error instanceof ConnectionSettingsError ? error.message : String(error));
  process.exit(1);
}
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);

const run = Date.now().toString().slice(-6);
const idNumber = (birth: string, seq: number) => {
  const first17 = `430104${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterFor(first17);
};
const householdId = `430104-2026-${run}`;
const head = { identityNumber: idNumber('19480312', Number(run.slice(-3)) || 1), name: '李桂英' };
const grandson = { identityNumber: idNumber('20120901', (Number(run.slice(-3)) + 1) % 1000), name: '李明' };

/** Reads the civil-affairs queue until this run's warning comes; others stay on the queue, untouched. */
async function warningFor(household: string, timeoutMs: number): Promise<WorkItemV1 | undefined> {
  const until = Date.now() + timeoutMs;
  const queue = civilAffairs.workQueue;
  while (Date.now() < until) {
    const { items } = await queue.receive({ waitTimeSeconds: Math.max(1, Math.min(20, Math.ceil((until - Date.now()) / 1000))) });
    const ours: WorkMessage[] = items.filter((m) => m.item.warning.householdId === household);
    if (ours.length) {
      await queue.delete(ours);
      return ours[0]!.item;
    }
  }
  return undefined;
}

try {
  step(1, `civil affairs puts dibao household ${householdId} (Yuelu district, two members, 1,500 yuan a month) on the roll`);
  const roll = await civilAffairs.submitBatch(`civil-affairs-roll-${run}`, [
    {
      type: 'low-income-roll-entry',
      recordId: `MZ-${run}`,
      householdId,
      district: '430104',
      category: 'DIBAO',
      recognisedOn: '2026-01-05',
      allowance: { programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-02-01' },
      members: [
        { ...head, relationship: 'head' },
        { ...grandson, relationship: 'grandchild' },
      ],
    },
  ]);
  console.log(`   → accepted: submission ${roll.submissionId}, ${roll.accepted} record`);
  // The roll entry is processed asynchronously (bus → register-update); a case worker would see
  // the household appear in its chain a moment later.
  for (let tries = 0; tries < 50 && (await civilAffairs.request('GET', `/households/${householdId}/chain`)).status !== 200; tries += 1) await sleep(200);

  step(2, 'health sends a death record with a mistyped identity number: refused, nothing stored');
  const badNumber = head.identityNumber.slice(0, 17) + (head.identityNumber[17] === '1' ? '2' : '1');
  try {
    await health.submitBatch(`health-deaths-${run}-a`, [
      {
        type: 'death-record',
        recordId: `SW-${run}`,
        identityNumber: badNumber,
        name: head.name,
        dateOfDeath: '2026-11-20',
        certificateNumber: `H4301${run}`,
        district: '430104',
      },
    ]);
    throw new Error('the mistyped identity number was accepted');
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    console.log(`   → HTTP ${error.status} ${error.code}: ${error.message}`);
    for (const p of error.problems) console.log(`     record ${p.record} (${p.recordId}) ${p.field}: ${p.message}`);
  }

  step(3, 'health reports the death of the household head (identity number sent once, over HTTPS, never stored in clear)');
  const death = await health.submitBatch(`health-deaths-${run}-b`, [
    {
      type: 'death-record',
      recordId: `SW-${run}`,
      identityNumber: head.identityNumber,
      name: head.name,
      dateOfDeath: '2026-11-20',
      certificateNumber: `H4301${run}`,
      district: '430104',
    },
  ]);
  console.log(`   → accepted: submission ${death.submissionId}`);

  step(4, 'civil affairs reads its work queue (SQS ReceiveMessage, long polling; a message is deleted once handled)');
  const item = await warningFor(householdId, 30_000);
  if (!item) throw new Error('no warning arrived on the civil-affairs queue within 30 s');
  console.log(`   → warning ${item.warning.warningId}: ${item.warning.indicator.id} ${item.warning.indicator.title}`);
  console.log(`     ${item.warning.explanation}`);
  console.log(`     due by ${item.warning.dueBy}; answer with ${item.answer.method} ${item.answer.path}`);

  step(5, 'civil affairs takes the warning in hand, ends the dibao allowance and posts the outcome');
  await civilAffairs.acknowledgeWarning(item.warning.warningId);
  const answer = await civilAffairs.answerWarning(item.warning.warningId, {
    outcome: 'assistance-ended',
    programme: 'dibao-allowance',
    endedOn: '2026-11-30',
    exitReason: 'died',
    reason: 'household head died on 2026-11-20; grandson referred to orphan and de-facto-unsupported child review',
    handledBy: 'YL-MZ-0413',
  });
  console.log(`   → warning ${answer.warningId} ${answer.status} (${answer.outcome})`);

  step(6, `the assistance chain of household ${householdId} (一户一条救助链)`);
  await sleep(200);
  const chain = await civilAffairs.request<{ chain: { at: string; kind: string; actor: string; summary: string }[]; household: { allowances: unknown[] } }>(
    'GET',
    `/households/${householdId}/chain`,
  );
  for (const e of chain.body.chain) console.log(`   ${e.at}  ${e.kind.padEnd(18)} ${e.actor.padEnd(26)} ${e.summary}`);
  console.log('   allowances now:', JSON.stringify(chain.body.household.allowances));
  console.log('\nDone: the death reached civil affairs as a warning, and its outcome is in the chain.');
} catch (error) {
  console.error(`\nDemo failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  civilAffairs.close();
  health.close();
}
