import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { warningOutcome } from '../../shared/domain/outcome';
import { policyChangeRequest, whatIfRequest } from '../../shared/domain/policy/policy-change';
import { submissionBatch } from '../../shared/records/batch';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../../shared/records/catalogue';
import { fieldLabels, labelOf, schemaFieldLabels } from '../../shared/records/labels';
import { personQuery } from '../../shared/records/person-query';

/**
 * Every field people fill in has a Chinese label (the plan's words) and an English one, in the
 * schema itself (`title`, `x-label-en`), for templates, error reports and the documentation.
 */

type Node = { title?: string; 'x-label-en'?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[] };

/** Every field of a JSON Schema as the generated documents show it, read here on its own (not through fieldLabels). */
function fieldsOf(schema: z.ZodType): { path: string; title?: string; en?: string; leaf: boolean }[] {
  const out: { path: string; title?: string; en?: string; leaf: boolean }[] = [];
  const visit = (node: Node, path: string) => {
    const options = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
    for (const option of options) visit(option, path);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const at = path ? `${path}.${key}` : key;
      const children = [child, ...(child.anyOf ?? []), ...(child.oneOf ?? [])];
      const leaf = !children.some((c) => c.properties || c.items?.properties);
      out.push({ path: at, ...(child.title ? { title: child.title } : {}), ...(child['x-label-en'] ? { en: child['x-label-en'] } : {}), leaf });
      visit(child, at);
      if (child.items) visit(child.items, `${at}[]`);
    }
  };
  visit(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node, '');
  return out;
}

const HAN = /\p{Script=Han}/u;

describe('field labels (字段中文名)', () => {
  it.each(RECORD_TYPE_CODES)('%s: every field, nested ones too, has a Chinese and an English label, and no two share one', (type) => {
    const fields = fieldsOf(RECORD_TYPES[type].schema);
    expect(fields.filter((f) => f.leaf).length).toBeGreaterThanOrEqual(6);
    for (const f of fields) {
      expect(f.title, `${type} ${f.path}: title`).toMatch(HAN);
      expect(f.en, `${type} ${f.path}: x-label-en`).toMatch(/^[A-Z][A-Za-z0-9 ’'()*,-]+$/);
    }
    const labels = fieldLabels(type);
    expect(Object.keys(labels).sort()).toEqual([...new Set(fields.map((f) => f.path))].sort());
    const chinese = Object.values(labels).map((l) => l.zh);
    expect(
      chinese.filter((zh, i) => chinese.indexOf(zh) !== i),
      `${type}: Chinese labels used twice`,
    ).toEqual([]);
  });

  it('says a field as the plan says it', () => {
    expect(fieldLabels('death-record')).toMatchObject({
      identityNumber: { zh: '公民身份号码', en: 'Identity number' },
      name: { zh: '姓名', en: 'Name' },
      dateOfDeath: { zh: '死亡日期', en: 'Date of death' },
      certificateNumber: { zh: '死亡医学证明编号', en: 'Death certificate number' },
      district: { zh: '死亡登记区县', en: 'District where registered' },
    });
    expect(fieldLabels('low-income-roll-entry')).toMatchObject({
      district: { zh: '所在区县', en: 'District' },
      allowance: { zh: '救助待遇', en: 'Allowance' },
      'allowance.monthlyAmountFen': { zh: '月救助金额（分）', en: 'Monthly amount (fen)' },
      'members[].relationship': { zh: '与户主关系', en: 'Relationship to the head' },
    });
    expect(fieldLabels('relocation')).toMatchObject({ fromDistrict: { zh: '迁出区县' }, district: { zh: '迁入区县' } });
    expect(fieldLabels('economic-investigation')['members[].incomes[].monthlyFen']).toEqual({ zh: '月收入（分）', en: 'Monthly income (fen)' });
  });

  it('finds the labels of the field a problem names, indices and all', () => {
    expect(labelOf('economic-investigation', 'members[2].incomes[0].source')).toEqual({ zh: '收入来源', en: 'Source of income' });
    expect(labelOf('visit-report', 'changes[11].description')).toEqual({ zh: '变化情况描述', en: 'Description' });
    expect(labelOf('death-record', '(record)')).toBeUndefined();
    expect(labelOf('death-record', 'causeOfDeath')).toBeUndefined();
  });

  it.each([
    ['the batch envelope', submissionBatch],
    ['an outcome', warningOutcome],
    ['a policy change', policyChangeRequest],
    ['a what-if', whatIfRequest],
    ['a person query', personQuery],
  ] as const)('%s: every field labelled', (_, schema) => {
    for (const f of fieldsOf(schema)) {
      expect(f.title, `${f.path}: title`).toMatch(HAN);
      expect(f.en, `${f.path}: x-label-en`).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(schemaFieldLabels(schema)).length).toBeGreaterThanOrEqual(2);
  });

  it('falls back to the property name where a schema has no labels', () => {
    expect(schemaFieldLabels(z.object({ note: z.string(), items: z.array(z.object({ code: z.string() })) }))).toEqual({
      note: { zh: 'note', en: 'note' },
      items: { zh: 'items', en: 'items' },
      'items[].code': { zh: 'code', en: 'code' },
    });
  });
});
