import { createHmac } from 'node:crypto';
import { maskIdentityNumber } from '../domain/identity-number';
import { formerVersions, keyAt, type KeyRing } from './key-ring';

/**
 * A person reference (人员标识) is the keyed hash (HMAC-SHA256) of the identity number, written
 * with the version of the key that made it: `p<version>_<43 characters>`. It is what keys,
 * events, queue messages and logs carry instead of the number: stable, so records about one
 * person meet, but not reversible without the key, which lives outside the code (a KMS-encrypted
 * secret on AWS, a generated key file on the local platform). The version lets the key be
 * rotated: people the platform already knows keep the reference they were first known by
 * (shared/application/person-refs.ts).
 */
export type PersonRef = string;

export const PERSON_REF_PATTERN = /^p[1-9][0-9]{0,2}_[A-Za-z0-9_-]{43}$/;

export function personRefOf(identityNumber: string, ring: KeyRing, version: number = ring.current): PersonRef {
  return `p${version}_${createHmac('sha256', keyAt(ring, version)).update(identityNumber, 'utf8').digest('base64url')}`;
}

/**
 * The references of one person under the current key and under every other version still held
 * (newest first). Outside a rotation there are none of the latter.
 */
export function personRefsOf(identityNumber: string, ring: KeyRing): { current: PersonRef; former: PersonRef[] } {
  return { current: personRefOf(identityNumber, ring), former: formerVersions(ring).map((v) => personRefOf(identityNumber, ring, v)) };
}

/** Object keys that hold personal names: dropped before a record is stored or published. */
const NAME_KEYS = new Set(['name']);

/**
 * Turns a validated department record into the form the platform keeps: every `identityNumber`
 * becomes `personRef` plus its masked form, every name is dropped. Walking the whole record
 * (rather than naming fields per record type) means a new record type cannot forget a field.
 * The reference is the current key's, or the one `refFor` chose (during a key rotation, the
 * reference the platform already knows the person by: shared/application/person-refs.ts).
 */
export function pseudonymize(record: unknown, refFor: KeyRing | ((identityNumber: string) => PersonRef), options: { birthMonths?: boolean } = {}): unknown {
  const ref = typeof refFor === 'function' ? refFor : (id: string) => personRefOf(id, refFor);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) {
      if (NAME_KEYS.has(field)) continue;
      if (field === 'identityNumber' && typeof inner === 'string') {
        out.personRef = ref(inner);
        out.maskedIdentityNumber = maskIdentityNumber(inner);
        // The roll keeps each member's month of birth (yyyy-mm, digits 7–12 of the number), which
        // age rules such as the childcare waiver need; the masked number stars the birth date out.
        if (options.birthMonths) out.birthMonth = `${inner.slice(6, 10)}-${inner.slice(10, 12)}`;
        continue;
      }
      out[field] = walk(inner);
    }
    return out;
  };
  return walk(record);
}

/** The string values of a field wherever it appears in a record, in order of appearance. */
function valuesOf(record: unknown, name: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [field, inner] of Object.entries(value)) {
        if (field === name && typeof inner === 'string') found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(record);
  return found;
}

/** Every identity number a department record holds, in order of appearance. */
export const identityNumbersIn = (record: unknown): string[] => valuesOf(record, 'identityNumber');

/** Every person reference a pseudonymized record mentions, in order of appearance. */
export const personRefsIn = (record: unknown): PersonRef[] => valuesOf(record, 'personRef');
