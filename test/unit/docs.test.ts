import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_RECIPIENTS, departmentGuide } from '../../shared/platform/department-guide';
import { openApiDocument } from '../../shared/platform/openapi';
import { indicatorRegistrySource, REGISTRY_FILE } from '../../infra/indicator-registry';
import { warningOutcome } from '../../shared/domain/outcome';
import { RECORD_TYPES, recordTypesOf } from '../../shared/records/catalogue';
import { fieldRows, jsonSchemaOf } from '../../shared/platform/schema-docs';

describe('generated documentation', () => {
  it.each(GUIDE_RECIPIENTS.map((r) => [r]))('docs/departments/%s.md is current (run npm run docs)', (recipient) => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'departments', `${recipient}.md`), 'utf8')).toBe(departmentGuide(recipient));
  });
  it('docs/openapi.json is current', () => {
    expect(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'))).toEqual(openApiDocument());
  });
  it('tells health what it sends and civil affairs what it receives', () => {
    expect(departmentGuide('health')).toContain('### `death-record`');
    expect(departmentGuide('civil-affairs')).toContain('| IND-01 | 救助对象死亡 recipient died: end or adjust assistance |');
  });
  it('shared/domain/indicators/registry.ts lists every indicator file (run npm run docs)', async () => {
    expect(readFileSync(REGISTRY_FILE, 'utf8')).toBe(await indicatorRegistrySource());
  });
  it('names the rules raised by functions to the departments that receive them', () => {
    expect(departmentGuide('supervision')).toContain('| IND-18 | 急难先行救助后续 emergency assistance paid first');
    expect(departmentGuide('civil-affairs')).toContain('| IND-19 | 同一人在两个低保名册 the same person on two rolls');
  });
  it('shows the lim commands in place of hand-written SigV4, with the department filled in', () => {
    const health = departmentGuide('health');
    for (const command of [
      'npx lim template death-record --format xlsx',
      'npx lim submit --department health',
      'npx lim status <submission-id> --department health',
      'npx lim work --department health',
      'npx lim answer <warning-id> --department health --outcome <kind>',
    ]) {
      expect(health).toContain(command);
    }
    expect(departmentGuide('supervision')).not.toContain('npx lim submit');
    expect(health).toContain('GET /departments/health/submissions/{submissionId}');
  });
  it.each(GUIDE_RECIPIENTS.map((r) => [r]))(
    '%s: every field of its record types, nested ones expanded, with their labels; every kind of answer',
    (recipient) => {
      const page = departmentGuide(recipient);
      for (const type of recordTypesOf(recipient)) {
        for (const row of fieldRows(jsonSchemaOf(RECORD_TYPES[type].schema, 'input'))) {
          expect(page, `${type} ${row.path}`).toContain(`| \`${row.path}\` |`);
          if (row.label) expect(page, `${type} ${row.path}`).toContain(row.label);
        }
      }
      for (const kind of warningOutcome.options.map((o) => o.shape.outcome.value)) expect(page).toContain(`### \`${kind}\``);
    },
  );
  it('expands nested fields: a roll entry’s members and allowance, an investigation’s incomes', () => {
    const page = departmentGuide('civil-affairs');
    for (const path of ['members[].identityNumber', 'allowance.startDate', 'members[].incomes[].monthlyFen', 'period.from'])
      expect(page).toContain(`\`${path}\``);
    expect(page).toContain('GB 11643');
  });
});
