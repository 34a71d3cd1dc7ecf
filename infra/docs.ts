import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUIDE_RECIPIENTS, departmentGuide } from '../shared/platform/department-guide';
import { openApiDocument } from '../shared/platform/openapi';

/** `npm run docs`: writes docs/departments/<department>.md and docs/openapi.json from the definitions. */
const root = join(import.meta.dirname, '..', 'docs');
mkdirSync(join(root, 'departments'), { recursive: true });
for (const recipient of GUIDE_RECIPIENTS) writeFileSync(join(root, 'departments', `${recipient}.md`), departmentGuide(recipient));
writeFileSync(join(root, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${GUIDE_RECIPIENTS.length} department pages and openapi.json to docs/`);
