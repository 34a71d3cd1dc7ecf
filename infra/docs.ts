import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indicatorRegistrySource, REGISTRY_FILE } from './indicator-registry';

/**
 * `npm run docs`: writes the indicator registry from the indicator files, then
 * docs/departments/<department>.md and docs/openapi.json from the definitions.
 */
const registry = await indicatorRegistrySource();
if (!existsSync(REGISTRY_FILE) || readFileSync(REGISTRY_FILE, 'utf8') !== registry) {
  writeFileSync(REGISTRY_FILE, registry);
  console.log(`wrote ${REGISTRY_FILE}`);
}
// Imported only now, so the pages read the registry just written.
const { GUIDE_RECIPIENTS, departmentGuide } = await import('../shared/platform/department-guide');
const { openApiDocument } = await import('../shared/platform/openapi');
const root = join(import.meta.dirname, '..', 'docs');
mkdirSync(join(root, 'departments'), { recursive: true });
for (const recipient of GUIDE_RECIPIENTS) writeFileSync(join(root, 'departments', `${recipient}.md`), departmentGuide(recipient));
writeFileSync(join(root, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${GUIDE_RECIPIENTS.length} department pages and openapi.json to docs/`);
