import { createHmac } from 'node:crypto';
import { maskIdentityNumber } from '../domain/identity-number';

/**
 * A person reference (人员标识) is the keyed hash (HMAC-SHA256) of the identity number.
 * It is what keys, events, queue messages and logs carry instead of the number: stable, so
 * records about one person meet, but not reversible without the key, which lives outside the
 * code (a KMS-encrypted secret on AWS, a generated key file on the local platform).
 */
export type PersonRef = string;

export const PERSON_REF_PATTERN = /^p_[A-Za-z0-9_-]{43}$/;

export function personRefOf(identityNumber: string, key: Buffer): PersonRef {
  if (key.length < 32) throw new Error('person key must be at least 32 bytes');
  return `p_${createHmac('sha256', key).update(identityNumber, 'utf8').digest('base64url')}`;
}

/** Object keys that hold personal names: dropped before a record is stored or published. */
const NAME_KEYS = new Set(['name']);

/**
 * Turns a validated department record into the form the platform keeps: every `identityNumber`
 * becomes `personRef` plus its masked form, every name is dropped. Walking the whole record
 * (rather than naming fields per record type) means a new record type cannot forget a field.
 */
export function pseudonymize<T>(record: T, key: Buffer): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) {
      if (NAME_KEYS.has(field)) continue;
      if (field === 'identityNumber' && typeof inner === 'string') {
        out.personRef = personRefOf(inner, key);
        out.maskedIdentityNumber = maskIdentityNumber(inner);
        continue;
      }
      out[field] = walk(inner);
    }
    return out;
  };
  return walk(record);
}

/** Every person reference a pseudonymized record mentions, in order of appearance. */
export function personRefsIn(record: unknown): PersonRef[] {
  const refs: PersonRef[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [field, inner] of Object.entries(value)) {
        if (field === 'personRef' && typeof inner === 'string') refs.push(inner);
        else walk(inner);
      }
    }
  };
  walk(record);
  return refs;
}
