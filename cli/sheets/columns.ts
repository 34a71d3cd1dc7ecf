import * as z from 'zod';
import { fieldPath } from '../../shared/domain/errors';
import { RECORD_TYPE_CODES, recordSchema, type RecordType } from '../../client/records';
import { RECORD_EXAMPLES } from '../../shared/records/examples';

/**
 * A record type as spreadsheet columns, read from its zod schema through z.toJSONSchema: one
 * column per leaf field, nested objects by dotted path (`allowance.monthlyAmountFen`), arrays of
 * objects as numbered groups (`members[0].identityNumber`, `members[1].identityNumber`, … the
 * field paths the platform names in its errors), arrays of codes in one cell. Each column is
 * headed by its Chinese and English labels (the schema's `title` and `x-label-en`), or by its
 * path where the schema gives none.
 */
export interface Label {
  zh?: string;
  en?: string;
}

export type LeafKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'list';

export interface LeafSpec {
  kind: LeafKind;
  /** The allowed codes (an enum, or the one value of a literal such as `type`); for a list, of its items. */
  values?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  description?: string;
}

export type FieldNode = Node;
type Node =
  | { kind: 'object'; key: string; label: Label; required: boolean; children: Node[] }
  | { kind: 'array'; key: string; label: Label; required: boolean; minItems: number; maxItems: number; item: Extract<Node, { kind: 'object' }> }
  | { kind: 'leaf'; key: string; label: Label; required: boolean; leaf: LeafSpec };
type ObjectNode = Extract<Node, { kind: 'object' }>;

export interface Column {
  /** The field path, as the platform writes it in errors: `members[1].identityNumber`. */
  path: string;
  segments: (string | number)[];
  /** `中文 / English`, or the path when the schema labels nothing on the way. */
  header: string;
  label: Label;
  leaf: LeafSpec;
  /** Required whenever its object is present. */
  required: boolean;
}

/** Array groups a template shows (more may be added as further numbered columns). */
const TEMPLATE_ITEMS = 2;
/** Numbered groups recognised by label beyond the template's (a path heading is always recognised). */
const LABELLED_ITEMS_CAP = 50;

const trees = new Map<RecordType, ObjectNode>();

export function fieldTree(type: RecordType): ObjectNode {
  let tree = trees.get(type);
  if (!tree) {
    tree = treeOf(recordSchema(type))[0]!;
    trees.set(type, tree);
  }
  return tree;
}

/** An object schema as a field tree; a union of objects (a discriminated union) as one tree per branch. */
export function treeOf(schema: z.ZodType): ObjectNode[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const branches = json.oneOf ?? json.anyOf ?? [json];
  return branches.map((branch) => {
    const node = toNode('', branch, json, true);
    if (node.kind !== 'object') throw new Error('not an object schema');
    return node;
  });
}

/** The record type's own title, when its schema has one. */
export function recordTypeLabel(type: RecordType): Label {
  return fieldTree(type).label;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  title?: string;
  'x-label-en'?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Follows a local $ref and takes the non-null branch of a nullable union; the label of the outer schema wins. */
function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let s = schema;
  const outer = { title: schema.title, 'x-label-en': schema['x-label-en'], description: schema.description };
  for (let guard = 0; guard < 10; guard += 1) {
    if (s.$ref?.startsWith('#/$defs/')) {
      const { $ref, ...rest } = s;
      s = { ...root.$defs?.[$ref.slice('#/$defs/'.length)], ...rest };
      continue;
    }
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      const { anyOf: _a, oneOf: _o, ...rest } = s;
      const real = branches.filter((b) => b.type !== 'null');
      if (real.length === 1) {
        s = { ...real[0], ...rest };
        continue;
      }
    }
    if (s.allOf?.length === 1) {
      const { allOf, ...rest } = s;
      s = { ...allOf[0], ...rest };
      continue;
    }
    break;
  }
  return { ...s, ...Object.fromEntries(Object.entries(outer).filter(([, v]) => v !== undefined)) };
}

function toNode(key: string, raw: JsonSchema, root: JsonSchema, required: boolean): Node {
  const s = resolve(raw, root);
  const label: Label = { ...(s.title ? { zh: s.title } : {}), ...(s['x-label-en'] ? { en: s['x-label-en'] } : {}) };
  if (s.type === 'object' || s.properties) {
    const req = new Set(s.required ?? []);
    return { kind: 'object', key, label, required, children: Object.entries(s.properties ?? {}).map(([k, v]) => toNode(k, v, root, req.has(k))) };
  }
  if (s.type === 'array') {
    const item = resolve(s.items ?? {}, root);
    if (item.type === 'object' || item.properties) {
      const node = toNode('', item, root, true);
      if (node.kind === 'object')
        return {
          kind: 'array',
          key,
          label,
          required: required && s.default === undefined,
          minItems: s.minItems ?? 0,
          maxItems: s.maxItems ?? LABELLED_ITEMS_CAP,
          item: node,
        };
    }
    return {
      kind: 'leaf',
      key,
      label,
      required: required && s.default === undefined,
      leaf: {
        kind: 'list',
        ...(item.enum ? { values: item.enum.map(String) } : {}),
        ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
        ...description(s),
      },
    };
  }
  return { kind: 'leaf', key, label, required: required && s.default === undefined, leaf: leafOf(s) };
}

function description(s: JsonSchema): { description?: string } {
  return s.description ? { description: s.description } : {};
}

function leafOf(s: JsonSchema): LeafSpec {
  const values = s.enum ? s.enum.map(String) : s.const !== undefined ? [String(s.const)] : undefined;
  const kind: LeafKind =
    s.type === 'integer' ? 'integer' : s.type === 'number' ? 'number' : s.type === 'boolean' ? 'boolean' : s.format === 'date' ? 'date' : 'string';
  const minimum = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (kind === 'integer' ? 1 : 0) : undefined);
  const maximum = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (kind === 'integer' ? 1 : 0) : undefined);
  return {
    kind,
    ...(values ? { values } : {}),
    ...(s.pattern && kind === 'string' ? { pattern: s.pattern } : {}),
    ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
    ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
    ...description(s),
  };
}

/** The columns of a record type's template: every leaf, arrays of objects as numbered groups (at least as many as the example fills). */
export function templateColumns(type: RecordType): Column[] {
  const example = RECORD_EXAMPLES[type] as Record<string, unknown>;
  return columnsOf(fieldTree(type), (segments, node) => Math.min(node.maxItems, Math.max(TEMPLATE_ITEMS, node.minItems, lengthAt(example, segments))));
}

function lengthAt(value: unknown, segments: readonly (string | number)[]): number {
  let v: unknown = value;
  for (const s of segments) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return Array.isArray(v) ? v.length : 0;
}

/** The columns of a field tree, with `items` numbered groups for each array of objects. */
export function columnsOf(tree: ObjectNode, items: (segments: (string | number)[], node: Extract<Node, { kind: 'array' }>) => number): Column[] {
  const out: Column[] = [];
  const walk = (node: Node, segments: (string | number)[], trail: Trail[], required: boolean) => {
    if (node.kind === 'leaf') out.push(column(segments, [...trail], node.leaf, required && node.required));
    else if (node.kind === 'object')
      for (const child of node.children) walk(child, [...segments, child.key], [...trail, { label: child.label, key: child.key }], required && node.required);
    else {
      const n = items(segments, node);
      for (let i = 0; i < n; i += 1) {
        const at = [...trail];
        at[at.length - 1] = { ...at[at.length - 1]!, index: i };
        for (const child of node.item.children)
          walk(child, [...segments, i, child.key], [...at, { label: child.label, key: child.key }], required && node.required);
      }
    }
  };
  for (const child of tree.children) walk(child, [child.key], [{ label: child.label, key: child.key }], true);
  return out;
}

interface Trail {
  label: Label;
  key: string;
  index?: number;
}

function column(segments: (string | number)[], trail: Trail[], leaf: LeafSpec, required: boolean): Column {
  const path = fieldPath(segments);
  const labelled = trail.some((t) => t.label.zh || t.label.en);
  const part = (t: Trail, lang: 'zh' | 'en') =>
    `${t.label[lang] ?? t.key}${t.index === undefined ? '' : lang === 'zh' ? String(t.index + 1) : ` ${t.index + 1}`}`;
  const label: Label = labelled ? { zh: trail.map((t) => part(t, 'zh')).join('·'), en: trail.map((t) => part(t, 'en')).join(' · ') } : {};
  const header = labelled ? (label.zh === label.en ? label.zh! : `${label.zh} / ${label.en}`) : path;
  return { path, segments, header, label, leaf, required };
}

/** The column of a field path in a record type (any array index), or undefined. */
export function columnAt(type: RecordType, segments: readonly (string | number)[]): Column | undefined {
  let node: Node = fieldTree(type);
  const trail: Trail[] = [];
  let required = true;
  for (let i = 0; i < segments.length; i += 1) {
    const s = segments[i]!;
    if (node.kind === 'object' && typeof s === 'string') {
      const child: Node | undefined = node.children.find((c) => c.key === s);
      if (!child) return undefined;
      required &&= node.required;
      node = child;
      trail.push({ label: child.label, key: child.key });
    } else if (node.kind === 'array' && typeof s === 'number' && s >= 0) {
      trail[trail.length - 1] = { ...trail[trail.length - 1]!, index: s };
      required &&= node.required;
      node = node.item;
    } else return undefined;
  }
  return node.kind === 'leaf' ? column([...segments], trail, node.leaf, required && node.required) : undefined;
}

/** The schema's node at a field path (array items by any index), or undefined. */
export function nodeAt(type: RecordType, segments: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = fieldTree(type);
  for (const s of segments) {
    if (node?.kind === 'object' && typeof s === 'string') node = node.children.find((c) => c.key === s);
    else if (node?.kind === 'array' && typeof s === 'number') node = node.item;
    else return undefined;
  }
  return node;
}

/** `members[1].name` or `members.1.name` as segments; undefined when it is not a path. */
export function parsePath(text: string): (string | number)[] | undefined {
  const t = text.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\.\d+)*$/.test(t)) return undefined;
  const segments: (string | number)[] = [];
  for (const m of t.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.(\d+)/g)) segments.push(m[1] ?? Number(m[2] ?? m[3]));
  return segments;
}

const normalise = (text: string) => text.normalize('NFKC').replace(/^\*+/, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * What a heading names in a field tree: its path (`members[1].name`, `members.1.name`), its
 * `中文 / English` header, or either label alone when no other column shares it.
 */
export function headerResolver(tree: ObjectNode): (heading: string) => string | undefined {
  const map = new Map<string, string>();
  const all = columnsOf(tree, (_, node) => Math.min(node.maxItems, LABELLED_ITEMS_CAP));
  const paths = new Set(all.map((c) => c.path));
  for (const c of all) map.set(normalise(c.header), c.path);
  const byLabel = new Map<string, string | null>();
  for (const c of all) {
    for (const text of [c.label.zh, c.label.en]) {
      if (!text) continue;
      const key = normalise(text);
      if (map.has(key)) continue;
      byLabel.set(key, byLabel.has(key) && byLabel.get(key) !== c.path ? null : c.path);
    }
  }
  for (const [key, path] of byLabel) if (path) map.set(key, path);
  return (heading) => {
    const segments = parsePath(heading);
    if (segments && paths.has(fieldPath(segments))) return fieldPath(segments);
    return map.get(normalise(heading));
  };
}

const resolvers = new Map<RecordType, (heading: string) => string | undefined>();

/** The column a heading names for a record type (any group number by its path; by label, up to 50 groups). */
export function resolveHeader(type: RecordType, heading: string): Column | undefined {
  const segments = parsePath(heading);
  if (segments) {
    const byPath = columnAt(type, segments);
    if (byPath) return byPath;
  }
  let resolver = resolvers.get(type);
  if (!resolver) {
    resolver = headerResolver(fieldTree(type));
    resolvers.set(type, resolver);
  }
  const path = resolver(heading);
  return path === undefined ? undefined : columnAt(type, parsePath(path)!);
}

/** The record type whose columns best explain a set of headings (for a file that does not say its type). */
export function guessRecordType(headings: readonly string[]): RecordType | undefined {
  let best: { type: RecordType; score: number } | undefined;
  for (const type of RECORD_TYPE_CODES) {
    const score = headings.filter((h) => h.trim() && resolveHeader(type, h)).length;
    if (score > 0 && (!best || score > best.score)) best = { type, score };
  }
  return best?.type;
}
