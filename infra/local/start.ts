import { WARNING_RECIPIENTS } from '../../shared/domain/departments';
import { CONNECTION_FILE, startLocalPlatform } from './platform';
import { ensureConsoleBuilt } from './console-files';

/**
 * `npm start`: the whole platform on this machine. Data stays in LIM_DATA_DIR (default
 * .local-data/) across restarts; Ctrl-C stops every process it started.
 */
const dataDir = process.env.LIM_DATA_DIR ?? '.local-data';
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

// The console is built here when missing or older than its sources (about 4 s).
await ensureConsoleBuilt().catch((error: unknown) => console.error(`控制台构建失败 The console could not be built: ${(error as Error).message}`));

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
const sqs = platform.endpoints.sqs;
console.log(`
低收入人口动态监测信息平台（本地） Low-income monitoring platform (local)
  工作台 Console:              ${platform.url}/console/
  API 接口 (SigV4, service execute-api, region ${platform.region}): ${platform.url}
  SQS 端点 endpoint:          ${sqs}
  EventBridge 端点 endpoint:  ${platform.endpoints.events}
  DynamoDB 端点 endpoint:     ${platform.endpoints.dynamodb}
  数据目录 Data folder:       ${dataDir}  (连接信息 connection details: ${dataDir}/${CONNECTION_FILE})
  运维密钥 Operator key:      operatorCredential in ${CONNECTION_FILE} (可读失败队列和死信队列 reads the failure queue and the DLQs)

各部门本地凭证与工作队列 Department credentials (local only) and work queues:`);
// Plain columns, not console.table: its quotes would stick to a URL copied from the terminal.
const columns = ['department', 'accessKeyId', 'secretAccessKey', 'queueUrl'] as const;
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
for (const line of [Object.fromEntries(columns.map((c) => [c, c])) as Record<(typeof columns)[number], string>, ...rows]) {
  console.log(
    `  ${columns
      .map((c, i) => line[c].padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}`,
  );
}
console.log(`读取工作队列 Reading a work queue: the queue URLs above work with the SQS SDK as printed (they are on ${new URL(sqs).host});
  pass the endpoint too, and the SDK does not warn that the URL differs from its region's endpoint:
    new SQSClient({ region: '${platform.region}', endpoint: '${sqs}', credentials: { accessKeyId, secretAccessKey } })
    aws sqs receive-message --region ${platform.region} --endpoint-url ${sqs} --queue-url <queueUrl> --wait-time-seconds 20
  or: npx lim work --department <department>   (reads ${dataDir}/${CONNECTION_FILE})
试一试 Try it: npm run demo     停止 Stop: Ctrl-C
`);

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
