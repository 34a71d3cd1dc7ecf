import * as z from 'zod';
import { RECORD_TYPES, type RecordType } from './catalogue';

/**
 * What people call each field (字段中文名): the labels the schemas carry as metadata
 * (`.meta(label('死亡日期', 'Date of death'))`, `title` and `x-label-en` in JSON Schema), read back
 * for spreadsheet templates, error reports and the documentation. A path names array items with
 * `[]`: `members[].identityNumber`.
 */
export interface FieldLabel {
  zh: string;
  en: string;
}

type JsonSchema = {
  title?: string;
  'x-label-en'?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/**
 * The labels of every field of a schema (objects, lists and the fields inside them), by path. A
 * field without labels is named by its property name in both languages; a field that several
 * forms of a union share takes the first labels found.
 */
export function schemaFieldLabels(schema: z.ZodType): Record<string, FieldLabel> {
  const found = new Map<string, Partial<FieldLabel>>();
  const walk = (node: JsonSchema, path: string, own: boolean) => {
    if (own) {
      const seen = found.get(path) ?? {};
      found.set(path, { zh: seen.zh ?? node.title, en: seen.en ?? node['x-label-en'] });
    }
    // A union's forms are the same field; an array's items are named under `path[]` and are no field of their own.
    for (const option of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) walk(option, path, own);
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${key}` : key, true);
    if (node.items) walk(node.items, `${path}[]`, false);
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', false);
  const labels: Record<string, FieldLabel> = {};
  for (const [path, { zh, en }] of found) {
    const name = path.slice(path.lastIndexOf('.') + 1);
    labels[path] = { zh: zh ?? name, en: en ?? name };
  }
  return labels;
}

const cache = new Map<RecordType, Record<string, FieldLabel>>();

/** The labels of a record type's fields, by path (`dateOfDeath`, `members[].identityNumber`). */
export function fieldLabels(recordType: RecordType): Record<string, FieldLabel> {
  let labels = cache.get(recordType);
  if (!labels) {
    labels = schemaFieldLabels(RECORD_TYPES[recordType].schema);
    cache.set(recordType, labels);
  }
  return labels;
}

/**
 * The labels of the field a problem names (`members[2].identityNumber`, as the API's errors
 * write it), or undefined for a path the record type has no field at (`(record)`, `(batch)`, an
 * unknown key).
 */
export function labelOf(recordType: RecordType, fieldPath: string): FieldLabel | undefined {
  return fieldLabels(recordType)[fieldPath.replace(/\[\d+\]/g, '[]')];
}
