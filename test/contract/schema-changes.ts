import { isDeepStrictEqual } from 'node:util';

/** A JSON Schema as `z.toJSONSchema` writes it. */
export type JsonSchema = Record<string, unknown>;

export interface SchemaChanges {
  /** Changes that break an event already published or a consumer of the version. */
  breaking: string[];
  /** Changes every published event still satisfies: a new optional field, a new enum value. */
  additions: string[];
}

/**
 * What changed between two JSON Schemas of one event version. Producers and consumers parse
 * with the same strict schemas, so:
 * - a field removed (or renamed) breaks both ways: an event published with it is refused by
 *   the strict schema now, and a consumer of the version no longer gets what it reads;
 * - a field newly required, or one no longer required, breaks: events published without it
 *   are refused, or consumers of the version miss a field they count on;
 * - an enum value or union alternative dropped breaks the events that carried it;
 * - anything else that differs (a type, a pattern, a bound, strictness) is reported as
 *   breaking: the check does not try to prove that it only widened.
 * A new optional field or enum value is an addition: every published event still parses.
 */
export function schemaChanges(before: JsonSchema, after: JsonSchema): SchemaChanges {
  const changes: SchemaChanges = { breaking: [], additions: [] };
  compare(before, after, '', changes);
  return changes;
}

function compare(before: JsonSchema, after: JsonSchema, at: string, out: SchemaChanges): void {
  if (isDeepStrictEqual(before, after)) return;
  // A field made nullable (or no longer) is a union gaining (or losing) an alternative.
  const union = (s: JsonSchema, other: JsonSchema) => (Array.isArray(other.anyOf) && !Array.isArray(s.anyOf) ? { anyOf: [s] } : s);
  const [b, a] = [union(before, after), union(after, before)];
  const name = at || '(the event)';
  /** Keywords compared above the last loop, which requires every other one to be unchanged. */
  const handled = new Set<string>();

  if (isObject(b.properties) && isObject(a.properties)) {
    const [bp, ap] = [b.properties, a.properties];
    const [br, ar] = [new Set(b.required as string[] | undefined), new Set(a.required as string[] | undefined)];
    for (const [field, sub] of Object.entries(bp)) {
      const path = at ? `${at}.${field}` : field;
      if (!(field in ap)) {
        out.breaking.push(`${path}: removed (events published with it are refused now; consumers of the version read it)`);
        continue;
      }
      if (br.has(field) && !ar.has(field)) out.breaking.push(`${path}: optional now (consumers of the version count on it)`);
      if (!br.has(field) && ar.has(field)) out.breaking.push(`${path}: required now (events published without it are refused)`);
      compare(sub as JsonSchema, ap[field] as JsonSchema, path, out);
    }
    for (const field of Object.keys(ap).filter((f) => !(f in bp))) {
      const path = at ? `${at}.${field}` : field;
      if (ar.has(field)) out.breaking.push(`${path}: new and required (events published before lack it)`);
      else out.additions.push(`${path}: new optional field`);
    }
    handled.add('properties').add('required');
  }

  if (Array.isArray(b.enum) && Array.isArray(a.enum)) {
    const [be, ae] = [b.enum as unknown[], a.enum as unknown[]];
    const dropped = be.filter((v) => !ae.includes(v));
    const added = ae.filter((v) => !be.includes(v));
    if (dropped.length) out.breaking.push(`${name}: no longer accepts ${short(dropped)}`);
    if (added.length) out.additions.push(`${name}: also accepts ${short(added)}`);
    handled.add('enum');
  }

  if (Array.isArray(b.anyOf) && Array.isArray(a.anyOf)) {
    const [bo, ao] = [b.anyOf as JsonSchema[], a.anyOf as JsonSchema[]];
    for (const old of bo) {
      const kept = ao.find((alt) => schemaChanges(old, alt).breaking.length === 0);
      if (!kept) out.breaking.push(`${name}: no longer accepts ${short(old)}`);
      else compare(old, kept, at, { breaking: [], additions: out.additions });
    }
    for (const alt of ao.filter((x) => !bo.some((old) => schemaChanges(old, x).breaking.length === 0))) {
      out.additions.push(`${name}: also accepts ${short(alt)}`);
    }
    handled.add('anyOf');
  }

  // Array items and record values are schemas of their own: compare them in place.
  for (const [key, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
  ] as const) {
    if (isObject(b[key]) && isObject(a[key])) {
      compare(b[key], a[key], `${at}${suffix}`, out);
      handled.add(key);
    }
  }

  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!handled.has(key) && !isDeepStrictEqual(b[key], a[key])) out.breaking.push(`${name}: ${key} changed from ${short(b[key])} to ${short(a[key])}`);
  }
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
