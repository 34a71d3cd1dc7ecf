import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../shared/platform/api';
import { CONSOLE_SERVING, apiRootOfConsole, consoleBasePath, consoleContentType } from '../../shared/platform/console';
import { API_STAGE_NAME } from '../../infra/stacks/stateless-stack';
import { evaluatedStrings, resourcesOf, synthesized, type CfnResource, type CfnTemplate } from './synth';

/** The console served from the API's own origin, in both partitions (no CloudFront, no Cognito). */
const REGIONS = [
  ['us-east-1', 'aws'],
  ['cn-north-1', 'aws-cn'],
] as const;

/** Every API Gateway method with its full path, built from the template's resource tree. */
function methodsOf(template: CfnTemplate): { path: string; method: CfnResource }[] {
  const resources = Object.fromEntries(resourcesOf(template, 'AWS::ApiGateway::Resource'));
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    const resource = id ? resources[id] : undefined;
    return resource ? `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}` : '';
  };
  return resourcesOf(template, 'AWS::ApiGateway::Method').map(([, method]) => ({ path: pathOf(method.Properties.ResourceId) || '/', method }));
}

const CONSOLE_PATHS = ['/console', '/console/{proxy+}', '/console/assets/{file}', `/console/${CONSOLE_SERVING.localIdentities}`];

describe.each(REGIONS)('the console in %s', (region, partition) => {
  const synth = () => synthesized(region);

  it('serves only the console methods without signature; every API route keeps AWS_IAM', () => {
    const methods = methodsOf(synth().templates.stateless);
    const unsigned = methods.filter((m) => m.method.Properties.AuthorizationType !== 'AWS_IAM');
    expect(unsigned.map((m) => [m.path, m.method.Properties.HttpMethod, m.method.Properties.AuthorizationType]).sort()).toEqual(
      CONSOLE_PATHS.map((p) => [p, 'GET', 'NONE']).sort(),
    );
    for (const route of API_ROUTES) {
      const found = methods.find((m) => m.path === route.path && m.method.Properties.HttpMethod === route.method);
      expect(found?.method.Properties.AuthorizationType, `${route.method} ${route.path}`).toBe('AWS_IAM');
    }
  });

  it("reads index.html for the app's deep links and assets/{file} for the hashed files, with their cache headers", () => {
    const methods = methodsOf(synth().templates.stateless);
    const integration = (path: string) => methods.find((m) => m.path === path)!.method.Properties.Integration;
    const uri = (path: string) => evaluatedStrings(integration(path).Uri, region).join('');

    const deepLink = integration('/console/{proxy+}');
    expect(deepLink.Type).toBe('AWS');
    expect(uri('/console/{proxy+}')).toMatch(new RegExp(`^arn:${partition}:apigateway:${region}:s3:path/.+/index\\.html$`));
    const documentOk = deepLink.IntegrationResponses.find((r: { StatusCode: string }) => r.StatusCode === '200').ResponseParameters;
    expect(documentOk['method.response.header.Cache-Control']).toBe("'no-cache'");
    expect(documentOk['method.response.header.Content-Type']).toBe("'text/html; charset=utf-8'");
    expect(documentOk['method.response.header.X-Content-Type-Options']).toBe("'nosniff'");

    const asset = integration('/console/assets/{file}');
    expect(uri('/console/assets/{file}')).toMatch(new RegExp(`^arn:${partition}:apigateway:${region}:s3:path/.+/assets/\\{file\\}$`));
    expect(asset.RequestParameters).toEqual({ 'integration.request.path.file': 'method.request.path.file' });
    const assetOk = asset.IntegrationResponses.find((r: { StatusCode: string }) => r.StatusCode === '200').ResponseParameters;
    expect(assetOk['method.response.header.Cache-Control']).toBe("'public, max-age=31536000, immutable'");
    // The type S3 holds for the object is passed through.
    expect(assetOk['method.response.header.Content-Type']).toBe('integration.response.header.Content-Type');
    // A missing file (S3 answers 403 without ListBucket) is a 404, not an S3 error page.
    expect(asset.IntegrationResponses.map((r: { StatusCode: string; SelectionPattern?: string }) => [r.StatusCode, r.SelectionPattern ?? null])).toEqual([
      ['200', null],
      ['404', '4\\d{2}'],
      ['502', '5\\d{2}'],
    ]);

    const bare = integration('/console');
    expect(bare.Type).toBe('MOCK');
    expect(bare.IntegrationResponses[0]).toMatchObject({
      StatusCode: '301',
      ResponseParameters: { 'method.response.header.Location': `'/${API_STAGE_NAME}/console/'` },
    });
    expect(integration(`/console/${CONSOLE_SERVING.localIdentities}`).IntegrationResponses[0].StatusCode).toBe('404');
  });

  it('lets API Gateway only GetObject on the console bucket, with an ARN of this partition', () => {
    const { stateless } = synth().templates;
    const integrationRoles = new Set(
      methodsOf(stateless)
        .flatMap((m) => [m.method.Properties.Integration?.Credentials ?? []].flat())
        .map((c) => JSON.stringify(c)),
    );
    expect(integrationRoles.size).toBe(1);
    const roleId = (JSON.parse([...integrationRoles][0]!) as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const role = stateless.Resources[roleId]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }),
    ]);
    expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    const policies = resourcesOf(stateless, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId));
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('s3:GetObject');
    const resources = [statements[0].Resource].flat().map((r: unknown) => evaluatedStrings(r, region).join(''));
    const bucket = `lim-test-console-123456789012-${region}`;
    expect(resources.sort()).toEqual([`arn:${partition}:s3:::${bucket}/assets/*`, `arn:${partition}:s3:::${bucket}/index.html`]);
    // The bucket the stateless stack reads is the one the console stack makes.
    expect(resourcesOf(synth().templates.console, 'AWS::S3::Bucket').map(([, b]) => b.Properties.BucketName)).toContain(bucket);
  });

  it('keeps the files in a private bucket: public access blocked, TLS only, encrypted, versioned, access-logged', () => {
    const template = synth().templates.console;
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2); // the files and their access logs
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, id).toBe('AES256');
      expect(bucket.Properties.WebsiteConfiguration, id).toBeUndefined();
      const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket).includes(id));
      const denyPlainHttp = policy?.[1].Properties.PolicyDocument.Statement.find(
        (s: { Effect: string; Condition?: Record<string, Record<string, string>> }) =>
          s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(denyPlainHttp, `${id} enforces TLS`).toMatchObject({ Action: 's3:*', Principal: { AWS: '*' } });
    }
    const [, files] = buckets.find(([, b]) => b.Properties.LoggingConfiguration)!;
    expect(files.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(files.Properties.LoggingConfiguration.LogFilePrefix).toBe('console/');
    // Filled by CDK's bucket deployment from the console's asset.
    const [, deployment] = resourcesOf(template, 'Custom::CDKBucketDeployment')[0]!;
    expect(JSON.stringify(deployment.Properties.DestinationBucketName)).toContain(resourcesOf(template, 'AWS::S3::Bucket').find(([, b]) => b === files)![0]);
    expect(deployment.Properties.Prune).toBe(false);
  });

  it('uses neither CloudFront nor Cognito, and no binary media types that would turn JSON bodies into binary', () => {
    const { templates, json } = synth();
    for (const template of Object.values(templates)) {
      for (const type of Object.values(template.Resources).map((r) => r.Type)) expect(type).not.toMatch(/^AWS::(CloudFront|Cognito)::/);
    }
    expect(json).not.toMatch(/cloudfront|cognito/i);
    const [, api] = resourcesOf(templates.stateless, 'AWS::ApiGateway::RestApi')[0]!;
    expect(api.Properties.BinaryMediaTypes).toBeUndefined();
  });

  it('names the console URL in the outputs: the API URL followed by console/', () => {
    const output = synth().templates.stateless.Outputs!.ConsoleUrl;
    // The stage is a Ref to the API's stage (named v1), the host is in the partition's DNS suffix.
    const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    expect(evaluatedStrings(output.Value, region)[0]).toBe(`https://<ref>.execute-api.${region}.${suffix}/<ref>/console/`);
  });
});

describe('the serving facts', () => {
  it('put the console under the stage on API Gateway and at the root locally, and find the API beside it', () => {
    expect(consoleBasePath()).toBe('/console/');
    expect(consoleBasePath(API_STAGE_NAME)).toBe('/v1/console/');
    expect(apiRootOfConsole('/v1/console/')).toBe('/v1/');
    expect(apiRootOfConsole('/console/')).toBe('/');
    expect(() => apiRootOfConsole('/v1/app/')).toThrow(/not a console base path/);
    expect(consoleContentType('assets/index-C4uZwE5g.js')).toBe('text/javascript; charset=utf-8');
    expect(consoleContentType('index.HTML')).toBe('text/html; charset=utf-8');
    expect(consoleContentType('assets/logo.png')).toBeUndefined();
  });
});
