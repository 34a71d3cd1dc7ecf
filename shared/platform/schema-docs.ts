import * as z from 'zod';

/**
 * The zod schemas as the documentation shows them (OpenAPI components, department pages): JSON
 * Schema 2020-12 from the same schemas that validate requests and shape answers, with what a
 * refinement checks written out where JSON Schema cannot say it (the GB 11643 identity number).
 */
export type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema: `input` for what is sent to the API, `output` for what it answers. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return withIdentityNumberRule(json);
}

/** The shape GB 11643 fixes; the rest of the rule is in the description (a refinement checks it). */
export const IDENTITY_NUMBER_PATTERN = '^\\d{17}[\\dX]$';
export const IDENTITY_NUMBER_RULE =
  '居民身份证号码（GB 11643-1999）：18 位，6 位行政区划代码 + 8 位出生日期（yyyymmdd，1900 年及以后的真实日期）+ 3 位顺序码 + 1 位校验码；' +
  '校验码按 ISO 7064 MOD 11-2 计算（前 17 位依次乘以权重 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2，求和除以 11 的余数 0–10 对应校验码 1 0 X 9 8 7 6 5 4 3 2），X 须大写。 ' +
  'Resident identity number (GB 11643-1999): 18 characters, the 6-digit administrative division, the birth date yyyymmdd (a real date from 1900), a 3-digit sequence and a check character; ' +
  'the check character is ISO 7064 MOD 11-2 (the first 17 digits times the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, summed, modulo 11: remainders 0–10 give 1 0 X 9 8 7 6 5 4 3 2), X in upper case. ' +
  '平台收到后立即替换为加密哈希，不保存号码本身 / replaced by a keyed hash on arrival, never stored.';

/** Writes the GB 11643 rule onto every `identityNumber` string property, however deep. */
export function withIdentityNumberRule(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n));
    if (!node || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node as JsonSchema))
      out[k] =
        k === 'properties' && v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v as JsonSchema).map(([name, p]) => [name, visit(p, name)]))
          : visit(v);
    if (key === 'identityNumber' && out.type === 'string') {
      return {
        ...out,
        minLength: 18,
        maxLength: 18,
        pattern: IDENTITY_NUMBER_PATTERN,
        description: [out.description, IDENTITY_NUMBER_RULE].filter(Boolean).join(' '),
      };
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

/** One field of a schema as a page lists it: its path (nested fields expanded), labels and rule. */
export interface FieldRow {
  path: string;
  /** The Chinese label (`title`) and the English one (`x-label-en`), when the schema has them. */
  label?: string;
  type: string;
  /** 'yes', 'no', or required only when its optional parent is sent. */
  required: 'yes' | 'no' | { within: string };
  description?: string;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** What a field takes, in a few words: enum values, format, pattern, bounds. */
export function ruleOf(p: JsonSchema): string {
  if (p.const !== undefined) return `\`${JSON.stringify(p.const)}\``;
  if (Array.isArray(p.enum)) return p.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  const variants = (p.anyOf ?? p.oneOf) as JsonSchema[] | undefined;
  if (variants) return variants.map(ruleOf).join(' or ');
  const type = String(p.type ?? 'any');
  if (p.format === 'date') return 'date yyyy-mm-dd';
  if (p.format === 'date-time') return 'date-time (ISO 8601)';
  const bounds: string[] = [];
  if (typeof p.pattern === 'string') bounds.push(`pattern \`${p.pattern}\``);
  if (typeof p.minimum === 'number') bounds.push(`≥ ${p.minimum}`);
  if (typeof p.maximum === 'number' && p.maximum !== MAX_SAFE) bounds.push(`≤ ${p.maximum}`);
  if (typeof p.minLength === 'number' && p.minLength !== p.maxLength) bounds.push(`${p.minLength}–${p.maxLength ?? '…'} characters`);
  if (typeof p.minLength === 'number' && p.minLength === p.maxLength) bounds.push(`${p.minLength} characters`);
  if (typeof p.maxLength === 'number' && p.minLength === undefined) bounds.push(`at most ${p.maxLength} characters`);
  if (type === 'array') {
    const items = (p.items ?? {}) as JsonSchema;
    const n = [typeof p.minItems === 'number' ? `${p.minItems}` : '0', typeof p.maxItems === 'number' ? `${p.maxItems}` : '…'].join('–');
    return `list (${n}) of ${items.type === 'object' ? 'objects' : ruleOf(items)}`;
  }
  return bounds.length ? `${type}, ${bounds.join(', ')}` : type;
}

/**
 * Every field of an object schema, nested objects and lists of objects expanded
 * (`members[].identityNumber`, `allowance.startDate`), in the schema's order.
 */
export function fieldRows(schema: JsonSchema, prefix = '', optionalParent?: string): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, p]) => {
    const path = `${prefix}${name}`;
    const labels = [p.title, p['x-label-en']].filter((l): l is string => typeof l === 'string');
    const own = required.has(name);
    const row: FieldRow = {
      path,
      ...(labels.length ? { label: labels.join(' / ') } : {}),
      type: ruleOf(p),
      required: !own ? 'no' : optionalParent ? { within: optionalParent } : 'yes',
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
    };
    // Below an optional field, "required" means: when that field is sent.
    const parent = own ? optionalParent : path;
    const items = p.items as JsonSchema | undefined;
    const nested =
      p.type === 'object' ? fieldRows(p, `${path}.`, parent) : p.type === 'array' && items?.type === 'object' ? fieldRows(items, `${path}[].`, parent) : [];
    return [row, ...nested];
  });
}
