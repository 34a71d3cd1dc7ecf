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
