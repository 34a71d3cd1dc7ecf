import { ConnectionSettingsError, DEFAULT_DATA_DIR, PlatformClient, readLocalConnection } from '../client/index';
import { isWarningRecipient, WARNING_RECIPIENTS, type WarningRecipient } from '../shared/domain/departments';
import { UsageError } from './bilingual';

/** The options every command takes (commander's optsWithGlobals). */
export interface GlobalOptions {
  endpoint?: string;
  region?: string;
  profile?: string;
  roleArn?: string;
  sourceIdentity?: string;
  queueUrl?: string;
  dataDir?: string;
  lang?: string;
  json?: boolean;
  department?: string;
}

export function departmentOf(options: GlobalOptions): WarningRecipient {
  const department = options.department ?? process.env.LIM_DEPARTMENT;
  if (!department) throw new UsageError('缺少必需的选项 --department <部门代码> / required option --department <code> not given');
  if (!isWarningRecipient(department))
    throw new UsageError(
      `没有这个部门：${department}；可用：${WARNING_RECIPIENTS.join(', ')} / no such department: ${department}; one of: ${WARNING_RECIPIENTS.join(', ')}`,
    );
  return department;
}

/**
 * Which platform, as whom. With --profile or --role-arn: AWS, credentials from the standard
 * chain. Otherwise the local platform when its connection file is in the data folder (with
 * --endpoint overriding its URL). Otherwise AWS at --endpoint with the standard chain
 * (environment variables, the default profile, SSO, the instance's role).
 */
export function connect(options: GlobalOptions): PlatformClient {
  const department = departmentOf(options);
  const endpoint = options.endpoint ?? process.env.LIM_ENDPOINT;
  const dataDir = options.dataDir ?? process.env.LIM_DATA_DIR ?? DEFAULT_DATA_DIR;
  const language = options.lang ?? process.env.LIM_LANG ?? 'zh-CN';
  const queueUrl = options.queueUrl ?? process.env.LIM_QUEUE_URL;
  const onAws = Boolean(options.profile || options.roleArn);
  if (!onAws && readLocalConnection(dataDir)) {
    return PlatformClient.local(department, {
      dataDir,
      language,
      ...(endpoint ? { endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(queueUrl ? { queueUrl } : {}),
    });
  }
  if (!endpoint && !onAws) {
    throw new ConnectionSettingsError(
      'LocalPlatformNotFound',
      `没有平台连接设置：本地平台请先 npm start（连接文件在 ${dataDir}/，或用 --data-dir 指定）；已部署的平台请给出 --endpoint（和 --profile 或 AWS 环境变量）/ no connection settings: for the local platform run npm start first (its connection file is in ${dataDir}/, or give --data-dir); for a deployed platform give --endpoint (and --profile or the AWS environment variables)`,
    );
  }
  return PlatformClient.withCredentialChain(department, {
    ...(endpoint ? { endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.sourceIdentity ? { sourceIdentity: options.sourceIdentity } : {}),
    ...(queueUrl ? { queueUrl } : {}),
    language,
  });
}
