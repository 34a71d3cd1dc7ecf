import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyAt, type KeyRing } from './key-ring';

/**
 * A purpose a caller states (x-purpose, or the person query's body) is free text that could
 * still hold a name, and the audit trail cannot be edited later. The entry keeps its HMAC under
 * the purpose key, written `<key version>:<hex>`: a plain hash of short text (查询张三) falls to a
 * dictionary, a keyed one does not; whoever holds the key (supervision, through the operators)
 * can still check a purpose a department says it stated.
 */
export function statedPurposeMac(stated: string, ring: KeyRing, version: number = ring.current): string {
  // Normalised as the free-text policy reads it, so a full-width copy of the same words agrees.
  const text = stated.normalize('NFKC').trim();
  return `${version}:${createHmac('sha256', keyAt(ring, version)).update(`stated-purpose\u0000${text}`, 'utf8').digest('hex')}`;
}

/** Whether `mac` (from an audit entry) is the MAC of `stated`, under the version it names, if that version is still held. */
export function isStatedPurpose(mac: string, stated: string, ring: KeyRing): boolean {
  const match = /^([1-9][0-9]{0,2}):[0-9a-f]{64}$/.exec(mac);
  if (!match || !ring.keys.has(Number(match[1]))) return false;
  const expected = Buffer.from(statedPurposeMac(stated, ring, Number(match[1])));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
