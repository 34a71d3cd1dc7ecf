/**
 * EventBridge event-pattern matching, for the local bus stand-in. Semantics follow the
 * EventBridge documentation ("Event patterns", "Content filtering"):
 * - a pattern field whose value is an object is a nested match; an array lists allowed values;
 * - a field in the event that is an array matches when any element matches;
 * - fields not in the pattern are ignored; every field in the pattern must match (AND),
 *   except `$or`, which matches when any of its sub-patterns does;
 * - a missing field matches nothing but `{"exists": false}`;
 * - numeric comparisons apply to JSON numbers only; exact values match by type and value.
 */
export type EventPattern = Record<string, unknown>;

type Json = unknown;
const OPERATORS = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr']);
const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);
const MISSING = Symbol('missing');

export function matchesEventPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: EventPattern, value: Json): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === '$or') return (sub as EventPattern[]).some((alternative) => matchObject(alternative, value));
    const field = value && typeof value === 'object' && !Array.isArray(value) && key in value ? (value as Record<string, Json>)[key] : MISSING;
    if (Array.isArray(sub)) return matchLeaf(sub, field);
    // Nested pattern: the event value must be an object (or an array holding one that matches).
    if (Array.isArray(field)) return field.some((element) => matchObject(sub as EventPattern, element));
    if (field === MISSING || field === null || typeof field !== 'object') {
      // A nested pattern of only `exists: false` matchers still matches a missing subtree.
      return field === MISSING && onlyExistsFalse(sub as EventPattern);
    }
    return matchObject(sub as EventPattern, field);
  });
}

function onlyExistsFalse(pattern: EventPattern): boolean {
  return Object.entries(pattern).every(([key, sub]) =>
    key === '$or'
      ? (sub as EventPattern[]).some(onlyExistsFalse)
      : Array.isArray(sub)
        ? sub.some((m) => isOperator(m) && (m as Record<string, unknown>).exists === false)
        : onlyExistsFalse(sub as EventPattern),
  );
}

function matchLeaf(matchers: readonly Json[], field: Json | typeof MISSING): boolean {
  const present = field !== MISSING && !(Array.isArray(field) && field.length === 0);
  const values: Json[] = !present ? [] : Array.isArray(field) ? field : [field];
  return matchers.some((matcher) => {
    if (isOperator(matcher)) {
      const [op, arg] = Object.entries(matcher as Record<string, Json>)[0]!;
      if (op === 'exists') return arg === present && (!present || values.some((v) => v === null || typeof v !== 'object'));
      if (!present) return false;
      if (op === 'anything-but') return values.every((v) => !anythingButExcludes(arg, v));
      return values.some((v) => matchOperator(op, arg, v));
    }
    return present && values.some((v) => exactly(matcher, v));
  });
}

function isOperator(matcher: Json): boolean {
  return matcher !== null && typeof matcher === 'object' && !Array.isArray(matcher);
}

function exactly(expected: Json, actual: Json): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return expected === actual;
  return expected === actual;
}

function matchOperator(op: string, arg: Json, v: Json): boolean {
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.startsWith(arg) : v.toLowerCase().startsWith(ignoreCase(arg)));
    case 'suffix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.endsWith(arg) : v.toLowerCase().endsWith(ignoreCase(arg)));
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === String(arg).toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && wildcardRegex(String(arg)).test(v);
    case 'numeric':
      return typeof v === 'number' && numericMatches(arg as Json[], v);
    case 'cidr':
      return typeof v === 'string' && inCidr(v, String(arg));
    default:
      return false;
  }
}

/** True when `anything-but` excludes the value, i.e. the value is one of those named. */
function anythingButExcludes(arg: Json, v: Json): boolean {
  if (Array.isArray(arg)) return arg.some((a) => exactly(a, v));
  if (isOperator(arg)) {
    const [op, inner] = Object.entries(arg as Record<string, Json>)[0]!;
    if (op === 'equals-ignore-case') {
      const names = Array.isArray(inner) ? inner : [inner];
      return typeof v === 'string' && names.some((n) => String(n).toLowerCase() === v.toLowerCase());
    }
    if (op === 'prefix' || op === 'suffix' || op === 'wildcard') {
      const names = Array.isArray(inner) ? inner : [inner];
      return names.some((n) => matchOperator(op, n, v));
    }
    return false;
  }
  return exactly(arg, v);
}

function ignoreCase(arg: Json): string {
  return String((arg as Record<string, Json>)['equals-ignore-case']).toLowerCase();
}

function wildcardRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += `\\${pattern[i + 1]}`;
      i += 1;
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function numericMatches(conditions: Json[], v: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const op = conditions[i] as string;
    const bound = conditions[i + 1] as number;
    const ok = op === '=' ? v === bound : op === '<' ? v < bound : op === '<=' ? v <= bound : op === '>' ? v > bound : v >= bound;
    if (!ok) return false;
  }
  return true;
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(base ?? '');
  const n = Number(bits);
  if (a === undefined || b === undefined) return false;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Throws, naming the path, for a pattern EventBridge's PutRule would reject. */
export function validateEventPattern(pattern: EventPattern, path = ''): void {
  if (!pattern || typeof pattern !== 'object' || Array.isArray(pattern)) throw new Error(`event pattern${path ? ` at ${path}` : ''} must be an object`);
  for (const [key, sub] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length < 2) throw new Error(`${at} must be an array of at least two patterns`);
      for (const [i, alt] of sub.entries()) validateEventPattern(alt as EventPattern, `${at}[${i}]`);
    } else if (Array.isArray(sub)) {
      if (sub.length === 0) throw new Error(`${at} must not be an empty array`);
      for (const m of sub) validateMatcher(m, at);
    } else if (sub && typeof sub === 'object') {
      validateEventPattern(sub as EventPattern, at);
    } else {
      throw new Error(`${at} must be an array of values or a nested pattern, not ${JSON.stringify(sub)}`);
    }
  }
}

function validateMatcher(m: Json, at: string): void {
  if (!isOperator(m)) {
    if (m !== null && !['string', 'number', 'boolean'].includes(typeof m)) throw new Error(`${at}: ${JSON.stringify(m)} is not a value`);
    return;
  }
  const entries = Object.entries(m as Record<string, Json>);
  if (entries.length !== 1) throw new Error(`${at}: a matcher object takes exactly one operator`);
  const [op, arg] = entries[0]!;
  if (!OPERATORS.has(op)) throw new Error(`${at}: unknown operator ${op}`);
  const isIgnoreCase = (x: Json) => isOperator(x) && typeof (x as Record<string, Json>)['equals-ignore-case'] === 'string';
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (typeof arg !== 'string' && !isIgnoreCase(arg)) throw new Error(`${at}: ${op} takes a string or {"equals-ignore-case": string}`);
      break;
    case 'equals-ignore-case':
      if (typeof arg !== 'string') throw new Error(`${at}: equals-ignore-case takes a string`);
      break;
    case 'exists':
      if (typeof arg !== 'boolean') throw new Error(`${at}: exists takes true or false`);
      break;
    case 'wildcard':
      if (typeof arg !== 'string' || /(?<!\\)\*\*/.test(arg)) throw new Error(`${at}: wildcard takes a string without consecutive *`);
      break;
    case 'cidr':
      if (typeof arg !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(arg) || Number(arg.split('/')[1]) > 32)
        throw new Error(`${at}: cidr takes an IPv4 CIDR block`);
      break;
    case 'numeric': {
      const list = arg as Json[];
      const valid =
        Array.isArray(list) &&
        (list.length === 2 || list.length === 4) &&
        list.every((x, i) => (i % 2 === 0 ? typeof x === 'string' && NUMERIC_OPS.has(x) : typeof x === 'number' && Number.isFinite(x))) &&
        (list.length === 2 || (list[0] !== '=' && list[2] !== '='));
      if (!valid) throw new Error(`${at}: numeric takes [op, number] or a range [">", a, "<", b]`);
      break;
    }
    case 'anything-but': {
      const ok =
        ['string', 'number'].includes(typeof arg) ||
        (Array.isArray(arg) && arg.length > 0 && arg.every((x) => ['string', 'number'].includes(typeof x))) ||
        (isOperator(arg) && ['prefix', 'suffix', 'wildcard', 'equals-ignore-case'].includes(Object.keys(arg as object)[0]!));
      if (!ok) throw new Error(`${at}: anything-but takes a value, a list of values, or {prefix|suffix|wildcard|equals-ignore-case}`);
      break;
    }
  }
}
