/**
 * Resident identity number (居民身份证号码), GB 11643-1999:
 * 6-digit administrative division + 8-digit birth date + 3-digit sequence + check character.
 * The check character is ISO 7064 MOD 11-2; 10 is written `X`.
 *
 * The number is sensitive personal information: this module only validates it. Anything
 * stored, logged, queued or published uses the keyed hash from `shared/privacy/person-ref`.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export function checkCharacterFor(first17Digits: string): string {
  if (!/^\d{17}$/.test(first17Digits)) throw new Error('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17Digits[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export type IdentityNumberProblem = 'format' | 'birth-date' | 'check-character';

/** Returns why the number is invalid, or undefined when it is a well-formed GB 11643 number. */
export function identityNumberProblem(value: string): IdentityNumberProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const birth = value.slice(6, 14);
  if (!isCalendarDate(birth)) return 'birth-date';
  if (checkCharacterFor(value.slice(0, 17)) !== value[17]) return 'check-character';
  return undefined;
}

export function isValidIdentityNumber(value: string): boolean {
  return identityNumberProblem(value) === undefined;
}

export const IDENTITY_NUMBER_MESSAGES: Record<IdentityNumberProblem, string> = {
  format: 'must be 17 digits followed by a digit or X (GB 11643)',
  'birth-date': 'the birth date in positions 7-14 is not a calendar date',
  'check-character': 'the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)',
};

/** Birth date encoded in the number, as ISO yyyy-mm-dd. */
export function birthDateOf(identityNumber: string): string {
  const d = identityNumber.slice(6, 14);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** Masked form for public disclosure (公示): division code and check character stay, the rest is hidden. */
export function maskIdentityNumber(identityNumber: string): string {
  return `${identityNumber.slice(0, 6)}${'*'.repeat(11)}${identityNumber.slice(17)}`;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
