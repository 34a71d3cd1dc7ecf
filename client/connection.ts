import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * Where a department's client finds the platform. On AWS: the API's URL and the work queue's
 * URL (the stack outputs `ApiUrl` and `<Department>QueueUrl`), the region, and credentials from
 * the standard chain. Locally: the connection file `npm start` writes into its data folder
 * (infra/local/platform.ts CONNECTION_FILE), holding the URL, the region, each department's
 * local key pair, each queue's URL and the local SQS endpoint.
 */
export const LOCAL_CONNECTION_FILE = 'platform.json';
export const DEFAULT_DATA_DIR = '.local-data';

const keyPair = z.looseObject({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sourceIdentity: z.string().optional() });

export const localConnection = z.looseObject({
  url: z.string().url(),
  region: z.string().min(1),
  credentials: z.record(z.string(), keyPair),
  queueUrls: z.record(z.string(), z.string()),
  endpoints: z.looseObject({ sqs: z.string().url() }),
});
export type LocalConnection = z.infer<typeof localConnection>;

/** Settings missing or unusable: what to give instead is in the message (Chinese / English). */
export class ConnectionSettingsError extends Error {
  override readonly name = 'ConnectionSettingsError';
  constructor(
    readonly code: 'LocalPlatformNotFound' | 'LocalConnectionUnreadable' | 'UnknownDepartment' | 'EndpointRequired' | 'RegionRequired' | 'QueueUrlRequired',
    message: string,
  ) {
    super(message);
  }
}

export function localConnectionFile(dataDir = DEFAULT_DATA_DIR): string {
  return join(dataDir, LOCAL_CONNECTION_FILE);
}

/** The running local platform's connection file, or undefined when there is none. */
export function readLocalConnection(dataDir = DEFAULT_DATA_DIR): LocalConnection | undefined {
  const file = localConnectionFile(dataDir);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConnectionSettingsError(
      'LocalConnectionUnreadable',
      `无法读取本地平台连接文件 ${file}（不是 JSON）/ cannot read the local platform's connection file ${file} (not JSON)`,
    );
  }
  const parsed = localConnection.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(file)').join(', ');
    throw new ConnectionSettingsError(
      'LocalConnectionUnreadable',
      `本地平台连接文件 ${file} 缺少或有误：${where} / the local platform's connection file ${file} lacks or garbles: ${where}`,
    );
  }
  return parsed.data;
}

/** The AWS region in an API Gateway or SQS URL (`….execute-api.cn-north-1.amazonaws.com.cn`, `sqs.cn-north-1.amazonaws.com.cn`). */
export function regionInUrl(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return /(?:^|\.)(?:execute-api|sqs)\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1];
  } catch {
    return undefined;
  }
}
