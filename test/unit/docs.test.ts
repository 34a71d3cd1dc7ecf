import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_RECIPIENTS, departmentGuide } from '../../shared/platform/department-guide';
import { openApiDocument } from '../../shared/platform/openapi';
import { indicatorRegistrySource, REGISTRY_FILE } from '../../infra/indicator-registry';

describe('generated documentation', () => {
  it.each(GUIDE_RECIPIENTS.map((r) => [r]))('docs/departments/%s.md is current (run npm run docs)', (recipient) => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'departments', `${recipient}.md`), 'utf8')).toBe(departmentGuide(recipient));
  });
  it('docs/openapi.json is current', () => {
    expect(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'))).toEqual(openApiDocument());
  });
  it('tells health what it sends and civil affairs what it receives', () => {
    expect(departmentGuide('health')).toContain('### `death-record`');
    expect(departmentGuide('civil-affairs')).toContain('| IND-01 | recipient died: end or adjust assistance |');
  });
  it('shared/domain/indicators/registry.ts lists every indicator file (run npm run docs)', async () => {
    expect(readFileSync(REGISTRY_FILE, 'utf8')).toBe(await indicatorRegistrySource());
  });
  it('names the rules raised by functions to the departments that receive them', () => {
    expect(departmentGuide('supervision')).toContain('| IND-18 | emergency assistance paid first');
    expect(departmentGuide('civil-affairs')).toContain('| IND-19 | the same person on two rolls');
  });
});
