import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { FUNCTIONS } from '../../shared/platform/functions';
import { consoleContentType } from '../../shared/platform/console';
import { CDK_JSON_CONTEXT, resourcesOf, TEST_PRINCIPALS, type CfnTemplate } from './synth';

const BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

describe('function bundling', () => {
  it('bundles every handler of the stateless stack with the local esbuild (no Docker) into an ESM module', () => {
    // Only this stack is bundled; the stateful stack has no assets.
    const { app, stateless } = buildApp({
      departmentPrincipals: TEST_PRINCIPALS,
      ...CDK_JSON_CONTEXT,
      region: 'cn-north-1',
      stage: 'bundle',
      'aws:cdk:bundling-stacks': ['lim-bundle-stateless'],
    });
    const assembly = app.synth(); // there is no Docker engine here: Docker bundling would throw
    const template = assembly.getStackByName(stateless.stackName).template as CfnTemplate;
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(Object.keys(FUNCTIONS).length);
    const assetDirs = new Set<string>();
    for (const [, fn] of functions) {
      // The asset's hash names both the S3 key and the staged directory in the cloud assembly.
      const hash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
      const dir = join(assembly.directory, `asset.${hash}`);
      assetDirs.add(dir);
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`), 'source map').toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith(BANNER), 'createRequire banner first').toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      // The SDK is bundled (externalModules: []), not taken from the runtime.
      expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    }
    // One bundle per handler, none shared or missing.
    expect(assetDirs.size).toBe(Object.keys(FUNCTIONS).length);
  }, 150_000);
});

describe('console bundling', () => {
  it('builds the console with Vite for the base path under the API stage, into text files only', () => {
    const { app, console: consoleStack } = buildApp({
      departmentPrincipals: TEST_PRINCIPALS,
      ...CDK_JSON_CONTEXT,
      region: 'cn-north-1',
      stage: 'bundle',
      'aws:cdk:bundling-stacks': ['lim-bundle-console'],
    });
    const assembly = app.synth();
    const template = assembly.getStackByName(consoleStack.stackName).template as CfnTemplate;
    const [, deployment] = resourcesOf(template, 'Custom::CDKBucketDeployment')[0]!;
    const key = (deployment.Properties.SourceObjectKeys as string[])[0]!;
    const dir = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    // API Gateway's own endpoint puts the stage first: the page must load /v1/console/assets/…
    const referenced = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
    expect(referenced.length).toBeGreaterThanOrEqual(2);
    for (const url of referenced) expect(url).toMatch(/^\/v1\/console\/assets\/[\w.-]+\.(js|css)$/);
    // Every file is a kind the deployed routes pass through as text (no binary media types).
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const file of files) expect(consoleContentType(file.name), file.name).toBeDefined();
    expect(files.map((f) => f.name)).toContain('index.html');
  }, 150_000);
});
