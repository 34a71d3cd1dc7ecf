import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyAt, type KeyRing } from './key-ring';

/**
 * 核验码 the code printed beside each line of a waiver list: the provider reads it back with the
 * masked identity number, and the platform says whether that line is genuine. It is an HMAC of
 * (waiver, month, person reference) under the purpose key with its own label, so a list cannot be
 * forged or carried to another month or waiver, and it reveals nothing about the person. Ten
 * characters of Crockford base32 (50 bits): short enough to read out over the telephone.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const WAIVER_CODE_LENGTH = 10;
export const WAIVER_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function waiverCode(waiver: string, month: string, personRef: string, ring: KeyRing, version: number = ring.current): string {
  const mac = createHmac('sha256', keyAt(ring, version)).update(`waiver-code\u0000${waiver}\u0000${month}\u0000${personRef}`, 'utf8').digest();
  let code = '';
  for (let i = 0; i < WAIVER_CODE_LENGTH; i++) {
    const bit = i * 5;
    const twoBytes = (mac[bit >> 3]! << 8) | mac[(bit >> 3) + 1]!;
    code += CROCKFORD[(twoBytes >> (11 - (bit & 7))) & 31];
  }
  return code;
}

/**
 * A code as someone typed it: Crockford's reading (case-insensitive, O→0, I/L→1, hyphens and
 * spaces dropped), or undefined when it cannot be a code.
 */
export function normaliseWaiverCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return WAIVER_CODE_PATTERN.test(code) ? code : undefined;
}

/** Whether `typed` is the code of (waiver, month, person) under any key version still held (a list printed before a rotation stays checkable). */
export function isWaiverCode(typed: string, waiver: string, month: string, personRef: string, ring: KeyRing): boolean {
  const code = normaliseWaiverCode(typed);
  if (!code) return false;
  return [...ring.keys.keys()].some((v) => timingSafeEqual(Buffer.from(waiverCode(waiver, month, personRef, ring, v)), Buffer.from(code)));
}
