import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkCharacterFor } from '../../shared/domain/identity-number';
import type { WarningRecipient } from '../../shared/domain/departments';
import { DepartmentClient } from './department-client';
import { CONNECTION_FILE } from './platform';

/**
 * `npm run demo`: drives the first slice against the running local platform, as the departments
 * would. Civil affairs puts a dibao household on the roll; health reports the death of its head;
 * the warning arrives on the civil-affairs queue; civil affairs ends the allowance; the chain
 * shows it all in order. Each run uses a new household, so it can be run again and again.
 */
const dataDir = process.env.LIM_DATA_DIR ?? '.local-data';
const file = join(dataDir, CONNECTION_FILE);
if (!existsSync(file)) {
  console.error(`No running local platform found (${file} is missing). Start it first: npm start`);
  process.exit(1);
}
const connection = JSON.parse(readFileSync(file, 'utf8')) as {
  url: string;
  region: string;
  credentials: Record<WarningRecipient, { accessKeyId: string; secretAccessKey: string }>;
  queueUrls: Record<WarningRecipient, string>;
  endpoints: { sqs: string };
};
const as = (department: WarningRecipient) =>
  new DepartmentClient(department, {
    url: connection.url,
    region: connection.region,
    sqsEndpoint: connection.endpoints.sqs,
    queueUrl: connection.queueUrls[department],
    credential: connection.credentials[department],
  });

const civilAffairs = as('civil-affairs');
const health = as('health');
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);

const run = Date.now().toString().slice(-6);
const idNumber = (birth: string, seq: number) => {
  const first17 = `430104${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterFor(first17);
};
const householdId = `430104-2026-${run}`;
const head = { identityNumber: idNumber('19480312', Number(run.slice(-3)) || 1), name: '李桂英' };
const grandson = { identityNumber: idNumber('20120901', (Number(run.slice(-3)) + 1) % 1000), name: '李明' };

try {
  step(1, `civil affairs puts dibao household ${householdId} (Yuelu district, two members, 1,500 yuan a month) on the roll`);
  const roll = await civilAffairs.submit(`civil-affairs-roll-${run}`, [
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
  console.log(`   → HTTP ${roll.status}`, roll.body);
  // The roll entry is processed asynchronously (bus → register-update); a case worker would see
  // the household appear in its chain a moment later.
  for (let tries = 0; tries < 50 && (await civilAffairs.chain(householdId)).status !== 200; tries += 1) await sleep(200);

  step(2, 'health sends a death record with a mistyped identity number: refused, nothing stored');
  const badNumber = head.identityNumber.slice(0, 17) + (head.identityNumber[17] === '1' ? '2' : '1');
  const bad = await health.submit(`health-deaths-${run}-a`, [
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
  console.log(`   → HTTP ${bad.status}`, JSON.stringify(bad.body));

  step(3, 'health reports the death of the household head (identity number sent once, over HTTPS, never stored in clear)');
  const death = await health.submit(`health-deaths-${run}-b`, [
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
  console.log(`   → HTTP ${death.status}`, death.body);

  step(4, 'civil affairs reads its work queue (SQS ReceiveMessage, long polling)');
  const item = await civilAffairs.nextWorkItem((i) => i.warning.householdId === householdId, 30_000);
  if (!item) throw new Error('no warning arrived on the civil-affairs queue within 30 s');
  console.log(`   → warning ${item.warning.warningId}: ${item.warning.indicator.id} ${item.warning.indicator.title}`);
  console.log(`     ${item.warning.explanation}`);
  console.log(`     due by ${item.warning.dueBy}; answer with ${item.answer.method} ${item.answer.path}`);

  step(5, 'civil affairs ends the dibao allowance and posts the outcome');
  const answer = await civilAffairs.answer(item.warning.warningId, {
    outcome: 'assistance-ended',
    programme: 'dibao-allowance',
    endedOn: '2026-11-30',
    reason: 'household head died on 2026-11-20; grandson referred to orphan and de-facto-unsupported child review',
    handledBy: 'YL-MZ-0413',
  });
  console.log(`   → HTTP ${answer.status}`, answer.body);

  step(6, `the assistance chain of household ${householdId} (一户一条救助链)`);
  await sleep(200);
  const chain = await civilAffairs.chain(householdId);
  const view = chain.body as { chain: { at: string; kind: string; actor: string; summary: string }[]; household: { allowances: unknown[] } };
  for (const e of view.chain) console.log(`   ${e.at}  ${e.kind.padEnd(18)} ${e.actor.padEnd(26)} ${e.summary}`);
  console.log('   allowances now:', JSON.stringify(view.household.allowances));
  console.log('\nDone: the death reached civil affairs as a warning, and its outcome is in the chain.');
} catch (error) {
  console.error(`\nDemo failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  civilAffairs.close();
  health.close();
}
