/**
 * ARNs the local platform hands out, in the partition of its region (aws-cn for the China
 * regions, aws elsewhere), as AWS would: nothing local names a partition of its own.
 */
export const LOCAL_ACCOUNT = '000000000000';

export function partitionOf(region: string): 'aws' | 'aws-cn' {
  return region.startsWith('cn-') ? 'aws-cn' : 'aws';
}

export function localArn(region: string, service: string, resource: string, account = LOCAL_ACCOUNT): string {
  return `arn:${partitionOf(region)}:${service}:${service === 'sts' || service === 'iam' ? '' : region}:${account}:${resource}`;
}

/**
 * The session a department's local keys stand for: its role, with the officer (the source
 * identity, which the role's trust policy on AWS makes the session name) as the session.
 */
export function departmentSessionArn(region: string, roleName: string, officer: string | undefined): string {
  return localArn(region, 'sts', `assumed-role/${roleName}/${officer ?? 'local-session'}`);
}
