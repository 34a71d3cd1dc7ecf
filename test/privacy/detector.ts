import { identityNumberProblem } from '../../shared/domain/identity-number';

/**
 * Finds personal data in text the platform produced: a log line, an event, a queue message, a
 * response body, a table item. Three things count as a leak:
 * - anything shaped like a GB 11643 identity number (17 digits and a digit or X) whose birth
 *   date and check character are valid, whoever it belongs to;
 * - any identity number the test itself sent (valid or deliberately wrong), or its first 17
 *   digits (the number with its check character dropped or changed is the same person);
 * - any name the test itself sent, as is or JSON-escaped.
 * Masked forms (`430104***********X`, `430104********312X`) are not identity numbers.
 */

export type LeakPattern = 'id-shaped' | 'fixture-id' | 'fixture-id-digits' | 'fixture-name' | 'id-shaped-key';

export interface Finding {
  where: string;
  pattern: LeakPattern;
  /** About 120 characters around the match, with identity numbers and names hidden. */
  excerpt: string;
}

const ID_SHAPED = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/g;
/**
 * In a table key, any 18-character identity-number shape counts, valid check character or not;
 * but not a run of digits inside a hex token (an entry id, a hash), whose letters stand beside it:
 * a 32-character hash holds 18 decimal digits in a row often enough to fail a run now and then.
 */
const KEY_ID_SHAPED = /(?<![0-9a-f])[0-9]{17}[0-9Xx](?![0-9a-fXx])/;
const DIGIT_RUN_17 = /(?<![0-9])[0-9]{17}/g;

export const hideNumber = (n: string) => `${n.slice(0, 6)}…`;
export const hideName = (n: string) => `${[...n][0] ?? ''}…`;

const jsonEscaped = (s: string) => [...s].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');

export class LeakDetector {
  private readonly ids = new Set<string>();
  private readonly idDigits = new Set<string>();
  private readonly names = new Map<string, string>(); // searched form → the name

  /** Remembers an identity number the test sends (valid or not). */
  addIdentityNumber(value: string): void {
    this.ids.add(value);
    this.ids.add(value.toUpperCase());
    if (/^[0-9]{17}/.test(value)) this.idDigits.add(value.slice(0, 17));
  }

  /** Remembers a name the test sends. */
  addName(value: string): void {
    if (!value) return;
    this.names.set(value, value);
    const escaped = jsonEscaped(value);
    if (escaped !== value) {
      this.names.set(escaped, value);
      this.names.set(escaped.toUpperCase().replaceAll('\\U', '\\u'), value);
    }
  }

  /** Walks a record (or anything) the test sends and remembers every identityNumber and name in it. */
  learnFrom(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.learnFrom(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' && /identityNumber$/i.test(k)) this.addIdentityNumber(v);
      else if (typeof v === 'string' && /^name$/i.test(k)) this.addName(v);
      else this.learnFrom(v);
    }
  }

  get fixtureIdentityNumbers(): number {
    return new Set([...this.ids].map((i) => i.toUpperCase())).size;
  }
  get fixtureNames(): number {
    return new Set(this.names.values()).size;
  }

  /** Every leak in one piece of text. */
  scan(where: string, text: string): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (pattern: LeakPattern, index: number, length: number) => {
      const key = `${pattern}@${index}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ where, pattern, excerpt: this.excerpt(text, index, length) });
    };
    for (const m of text.matchAll(ID_SHAPED)) {
      const candidate = m[0].toUpperCase();
      if (this.ids.has(candidate)) add('fixture-id', m.index, m[0].length);
      else if (identityNumberProblem(candidate) === undefined) add('id-shaped', m.index, m[0].length);
    }
    for (const id of this.ids) {
      for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + 1)) add('fixture-id', i, id.length);
    }
    // The first 17 digits of a number sent, wherever they stand (also with a changed check character).
    for (const m of text.matchAll(DIGIT_RUN_17)) {
      if (this.idDigits.has(m[0]) && !seen.has(`fixture-id@${m.index}`)) add('fixture-id-digits', m.index, 17);
    }
    for (const [form] of this.names) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) add('fixture-name', i, form.length);
    }
    return findings;
  }

  /** A table key (PK, SK, GSI…): also refuses any identity-number shape, valid or not. */
  scanKey(where: string, key: string): Finding[] {
    const findings = this.scan(where, key);
    const m = KEY_ID_SHAPED.exec(key);
    if (m && !findings.length) findings.push({ where, pattern: 'id-shaped-key', excerpt: this.excerpt(key, m.index, m[0].length) });
    return findings;
  }

  /** About 120 characters around [index, index + length), with every number and name hidden. */
  private excerpt(text: string, index: number, length: number): string {
    const start = Math.max(0, index - 50);
    const end = Math.min(text.length, index + length + 50);
    let out = text.slice(start, end);
    out = out.replace(/[0-9]{17}[0-9Xx]?/g, (n) => hideNumber(n));
    for (const [form, name] of [...this.names].sort((a, b) => b[0].length - a[0].length)) out = out.replaceAll(form, hideName(name));
    out = out.replace(/\s+/g, ' ');
    return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`.slice(0, 140);
  }
}

/** Findings listed one a line, for a failure message. */
export function describeFindings(findings: readonly Finding[], max = 40): string {
  const lines = findings.slice(0, max).map((f) => `- ${f.where} [${f.pattern}] ${f.excerpt}`);
  if (findings.length > max) lines.push(`… and ${findings.length - max} more`);
  return lines.join('\n');
}
