import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ConsoleFiles } from '../constructs/console-site';

/**
 * The console bucket's name: the stateless stack finds it by name (account and region make it
 * unique), so its integration role's policy names the bucket without a cross-stack import.
 */
export function consoleBucketName(namePrefix: string, stack: Stack): string {
  return `${namePrefix}-console-${stack.account}-${stack.region}`;
}

export interface ConsoleStackProps extends StackProps {
  /** `<prefix>-<stage>`: names the bucket. */
  namePrefix: string;
  /** The API stage the console is served under (stateless-stack.ts API_STAGE_NAME). */
  apiStage: string;
}

/**
 * The console's files (工作台): a private bucket and the copy of a Vite build into it. A stack of
 * its own, deployed before the stateless stack whose API serves the files: the stateless stack's
 * only functions stay the platform's own, and the console's copy function (CDK's bucket
 * deployment) runs only when the console changes.
 */
export class ConsoleStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    // The logging service writes the access logs under a bucket policy, not a legacy ACL (the
    // log bucket keeps ACLs disabled). cdk.json does not set this flag for the whole app.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const files = new ConsoleFiles(this, 'Console', { stage: props.apiStage, bucketName: consoleBucketName(props.namePrefix, this) });
    this.bucket = files.bucket;
    new CfnOutput(this, 'ConsoleBucketName', { value: this.bucket.bucketName, description: "The console's built files (read by API Gateway only)" });
  }
}
