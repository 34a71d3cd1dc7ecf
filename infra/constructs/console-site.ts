import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONSOLE_SERVING, consoleBasePath } from '../../shared/platform/console';
import { buildConsoleSync, REPO_ROOT } from '../bundling';
import { LOG_RETENTION } from './platform-function';
import { nagName } from './nag';
import { join } from 'node:path';

export interface ConsoleFilesProps {
  /** The API stage the console is served under (its base path is `/<stage>/console/`). */
  stage: string;
  bucketName: string;
}

/**
 * The console's built files in a private bucket (no public access, TLS only, versioned, access
 * logged), copied there from a Vite build made for the deployed base path. API Gateway reads
 * them with a role of its own (ConsoleRoutes); nothing else serves the bucket.
 */
export class ConsoleFiles extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: ConsoleFilesProps) {
    super(scope, id);
    const base = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED, // access logs may only go to SSE-S3 buckets
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', { ...base, lifecycleRules: [{ expiration: Duration.days(365) }] });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...base,
      bucketName: props.bucketName,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'console/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });

    const basePath = consoleBasePath(props.stage);
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.asset(join(REPO_ROOT, 'console'), {
          exclude: ['dist'],
          // The output names the asset: the console also builds in the route table (shared/).
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never used: the local bundler always answers (there is no Docker engine to fall back to).
            image: DockerImage.fromRegistry('node:20-bookworm'),
            local: {
              tryBundle(outputDir: string) {
                buildConsoleSync(basePath, outputDir);
                return true;
              },
            },
          },
        }),
      ],
      // Old hashed assets stay: a page opened before a deployment still loads the chunks it names.
      prune: false,
      memoryLimit: 512,
      logGroup: new logs.LogGroup(this, 'DeploymentLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY }),
    });
    acknowledgeDeploymentFindings(deployment);
  }
}

/** CDK's own copy function (a Python Lambda with the AWS CLI layer) runs only when the stack deploys. */
function acknowledgeDeploymentFindings(deployment: s3deploy.BucketDeployment): void {
  const stack = Stack.of(deployment);
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('the bucket deployment has no handler function');
  // Each wildcard of the policy CDK grants it (the console bucket's objects, the asset in the
  // bootstrap bucket), named one by one so a wildcard added later is still reported.
  const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy') as iam.Policy;
  const statements = (policy.document.toJSON() as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
  const wildcards = new Set<string>();
  for (const statement of statements) {
    for (const action of [statement.Action].flat()) if (action.includes('*')) wildcards.add(`Action::${action}`);
    for (const resource of [statement.Resource].flat()) {
      const name = nagName(stack, resource as string);
      if (name.includes('*')) wildcards.add(`Resource::${name}`);
    }
  }
  Validations.of(handler).acknowledge(
    ...[...wildcards].map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        "CDK's bucket-deployment function (runs only during `cdk deploy`) reads the console's asset in the bootstrap bucket and writes the console bucket's objects, as CDK grants them; the files are public code, no data.",
    })),
    {
      id: `AwsSolutions-IAM4[Policy::${nagName(stack, iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole').managedPolicyArn)}]`,
      reason: "CDK's bucket-deployment function writes its own logs with the AWS managed basic execution policy, nothing more.",
    },
    {
      id: 'AwsSolutions-L1',
      reason: "The runtime of CDK's own bucket-deployment function is chosen by aws-cdk-lib (Python, with its AWS CLI layer), not by the platform.",
    },
  );
}

export interface ConsoleRoutesProps {
  api: apigw.RestApi;
  bucket: s3.IBucket;
  stage: string;
}

/**
 * The console's routes on the API: GET without signature (the files are public code; every call
 * the console makes for data is SigV4-signed like any department's), answered from the console
 * bucket by an S3 service integration, so the console is on the API's own origin and signs its
 * calls without CORS. `/console/{proxy+}` falls back to index.html for the app's deep links.
 */
export class ConsoleRoutes extends Construct {
  readonly methods: apigw.Method[] = [];
  readonly readerRole: iam.Role;

  constructor(scope: Construct, id: string, props: ConsoleRoutesProps) {
    super(scope, id);
    const { api, bucket } = props;
    const { fallbackDocument, assetsFolder, cacheControl } = CONSOLE_SERVING;
    this.readerRole = new iam.Role(this, 'ReaderRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: "API Gateway reads the console's files: the document and the hashed assets, nothing else",
    });
    const assetObjects = bucket.arnForObjects(`${assetsFolder}/*`);
    this.readerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'ReadConsoleFiles', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(fallbackDocument), assetObjects] }),
    );
    Validations.of(this.readerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagName(this, assetObjects)}]`,
      reason: "Vite names the console's assets by their content hash: the * is one asset's file name in the console bucket's assets folder.",
    });

    const nosniff = { 'method.response.header.X-Content-Type-Options': `'${CONSOLE_SERVING.headers['x-content-type-options']}'` };
    const errors: apigw.IntegrationResponse[] = [
      // Without s3:ListBucket, S3 answers a missing key 403: both are "no such file" here.
      { statusCode: '404', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': '{"message":"not found"}' } },
      { statusCode: '502', selectionPattern: '5\\d{2}', responseTemplates: { 'application/json': '{"message":"console files unavailable"}' } },
    ];
    const s3Read = (path: string, ok: Record<string, string>, requestParameters: Record<string, string> = {}) =>
      new apigw.AwsIntegration({
        service: 's3',
        integrationHttpMethod: 'GET',
        // Path style: `<bucket>/<key>`, in the region and partition of the stack (arn:aws-cn:apigateway:… in China).
        path: `${bucket.bucketName}/${path}`,
        options: {
          credentialsRole: this.readerRole,
          requestParameters,
          integrationResponses: [{ statusCode: '200', responseParameters: { ...ok, ...nosniff } }, ...errors],
        },
      });
    const responses = (status: string, headers: string[]) => ({
      statusCode: status,
      responseParameters: Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, true])),
    });
    const errorResponses = [responses('404', []), responses('502', [])];
    const fileHeaders = ['Content-Type', 'Cache-Control', 'X-Content-Type-Options'];

    const root = api.root.addResource(CONSOLE_SERVING.segment);
    const add = (resource: apigw.IResource, integration: apigw.Integration, methodResponses: apigw.MethodResponse[], parameters: string[] = []) => {
      const method = resource.addMethod('GET', integration, {
        authorizationType: apigw.AuthorizationType.NONE,
        methodResponses,
        requestParameters: Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])),
        operationName: resource.path.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, ''), // console, console-proxy, …
      });
      this.methods.push(method);
      return method;
    };

    const basePath = consoleBasePath(props.stage);
    // `/console` → `/console/`, as the local front answers.
    add(root, mock('301', { 'method.response.header.Location': `'${basePath}'` }), [responses('301', ['Location'])]);
    const document = s3Read(fallbackDocument, {
      'method.response.header.Content-Type': `'${CONSOLE_SERVING.contentTypes['.html']}'`,
      'method.response.header.Cache-Control': `'${cacheControl.document}'`,
    });
    add(root.addResource('{proxy+}'), document, [responses('200', fileHeaders), ...errorResponses], ['proxy']);
    add(
      root.addResource(assetsFolder).addResource('{file}'),
      s3Read(
        `${assetsFolder}/{file}`,
        // The type S3 holds for the object (set from its extension when it was copied in).
        {
          'method.response.header.Content-Type': 'integration.response.header.Content-Type',
          'method.response.header.Cache-Control': `'${cacheControl.asset}'`,
        },
        { 'integration.request.path.file': 'method.request.path.file' },
      ),
      [responses('200', fileHeaders), ...errorResponses],
      ['file'],
    );
    // The local department identities exist only on the local platform.
    add(root.addResource(CONSOLE_SERVING.localIdentities), mock('404', {}, '{"message":"not found"}'), [responses('404', [])]);

    for (const method of this.methods) {
      Validations.of(method).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason:
            "The console's own files (public code: HTML, JavaScript, CSS) are served without signature so a browser can load them; every data route of the API keeps AWS_IAM and the console signs those calls with the department's temporary credentials.",
        },
        {
          id: 'AwsSolutions-COG4',
          reason:
            'No Cognito: the console is public code, and the data behind it is SigV4-only with the departments’ own IAM roles; Cognito is not offered in the China regions.',
        },
      );
    }
  }
}

function mock(status: string, headers: Record<string, string>, body = ''): apigw.MockIntegration {
  return new apigw.MockIntegration({
    requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
    integrationResponses: [{ statusCode: status, responseParameters: headers, ...(body ? { responseTemplates: { 'application/json': body } } : {}) }],
  });
}
