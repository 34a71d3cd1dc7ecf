import { WARNING_RECIPIENTS } from '../../shared/domain/departments';
import { CONNECTION_FILE, startLocalPlatform } from './platform';

/**
 * `npm start`: the whole platform on this machine. Data stays in LIM_DATA_DIR (default
 * .local-data/) across restarts; Ctrl-C stops every process it started.
 */
const dataDir = process.env.LIM_DATA_DIR ?? '.local-data';
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const platform = await startLocalPlatform({
  dataDir,
  schedules: true,
  jvm: 'throughput',
  ports: {
    api: port('LIM_API_PORT', 4510),
    events: port('LIM_EVENTS_PORT', 4511),
    sqs: port('LIM_SQS_PORT', 4512),
    dynamodb: port('LIM_DYNAMODB_PORT', 4513),
  },
}).catch((error: unknown) => {
  console.error(`\nThe local platform could not start: ${(error as Error).message}\n`);
  process.exit(1);
});

const rows = WARNING_RECIPIENTS.map((r) => ({
  department: r,
  accessKeyId: platform.credentials[r].accessKeyId,
  secretAccessKey: platform.credentials[r].secretAccessKey,
  queueUrl: platform.queueUrls[r],
}));
console.log(`
Low-income monitoring platform (local) 低收入人口动态监测信息平台
  API (SigV4, service execute-api, region ${platform.region}): ${platform.url}
  SQS endpoint:         ${platform.endpoints.sqs}
  EventBridge endpoint: ${platform.endpoints.events}
  DynamoDB endpoint:    ${platform.endpoints.dynamodb}
  Data folder:          ${dataDir}  (connection details in ${dataDir}/${CONNECTION_FILE})
  Operator key:         operatorCredential in ${CONNECTION_FILE} (reads the failure queue and the DLQs)

Department credentials (local only) and work queues:`);
console.table(rows);
console.log('Try it: npm run demo     Stop: Ctrl-C\n');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local platform...`);
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
