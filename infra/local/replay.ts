import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DescribeReplayCommand, EventBridgeClient, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import { CONNECTION_FILE } from './platform';
import { localArn } from './arn';

/**
 * `npm run replay -- --from 2026-11-28T00:00:00Z --to 2026-11-29T00:00:00Z`: replays the local
 * archive for a time window into the running local platform (`npm start`), with the same
 * StartReplay call an operator makes on AWS (see README, "Replaying events").
 */
const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, name: { type: 'string' } } });
const from = Date.parse(values.from ?? '');
const to = Date.parse(values.to ?? '');
if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
  console.error('usage: npm run replay -- --from <ISO time> --to <ISO time> [--name <replay name>]');
  process.exit(2);
}
const dataDir = process.env.LIM_DATA_DIR ?? '.local-data';
const connection = JSON.parse(readFileSync(join(dataDir, CONNECTION_FILE), 'utf8')) as { region: string; endpoints: { events: string } };
const client = new EventBridgeClient({
  region: connection.region,
  endpoint: connection.endpoints.events,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const name =
  values.name ??
  `replay-${new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}`;
await client.send(
  new StartReplayCommand({
    ReplayName: name,
    EventSourceArn: localArn(connection.region, 'events', 'archive/local'),
    EventStartTime: new Date(from),
    EventEndTime: new Date(to),
    Destination: { Arn: localArn(connection.region, 'events', 'event-bus/local') },
  }),
);
for (;;) {
  const r = await client.send(new DescribeReplayCommand({ ReplayName: name }));
  if (r.State === 'COMPLETED' || r.State === 'FAILED') {
    console.log(`replay ${name}: ${r.State}${r.StateReason ? ` (${r.StateReason})` : ''}`);
    client.destroy();
    process.exit(r.State === 'COMPLETED' ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
