import * as z from 'zod';
import { isValidIdentityNumber } from '../domain/identity-number';

/**
 * The free-text policy (自由文本规则): every field where a person types what they like (a visit
 * report's description, an answer's reason, a stated purpose, a policy change's reason and
 * source) is read through `freeText`, wherever it comes in. Free text is stored and published
 * as it is, so it must not carry what identifies a person:
 *
 * 1. Unicode NFKC first, so full-width digits (４３０１…) and letters are read as ASCII. For
 *    finding numbers, any script's decimal digits (٤٣٠١…) and Chinese numerals (四三〇一…) are
 *    read as digits too.
 * 2. Refused: any run of 11 or more digits with up to three separators between any two (spaces,
 *    tabs and line breaks, any dash or minus, dots, slashes, underscores, middle dots): an
 *    identity number, old or new, with or without a check character X; a mobile number; a bank
 *    card; or any other long number, whatever letters stand around it. Dates written one after
 *    another (2026-11-30 2026-12-01) are not a number.
 * 3. Refused as well, with commas, brackets and Chinese punctuation also allowed between digits:
 *    a valid identity number (its check character and birth date hold) or a bank card number
 *    (Luhn), however it is cut up.
 * 4. Refused: control characters other than tab and line breaks, bidirectional controls,
 *    zero-width characters, lone surrogates: they hide or reorder what a reader sees.
 * 5. A length cap per field, counted after normalising.
 *
 * Names cannot be told from other words in free text; the fields say they are not for names,
 * and the numbers that would identify a person are refused.
 */
export type FreeTextProblem =
  | 'identity-number'
  | 'mobile-number'
  | 'bank-card'
  | 'long-number'
  | 'control-character'
  | 'bidi-control'
  | 'zero-width'
  | 'lone-surrogate';

export const FREE_TEXT_MESSAGES: Record<FreeTextProblem, string> = {
  'identity-number': '不得包含身份证号码 / must not contain an identity number',
  'mobile-number': '不得包含手机号码 / must not contain a mobile number',
  'bank-card': '不得包含银行卡号 / must not contain a bank card number',
  'long-number': '不得包含 11 位以上的数字串 / must not contain a run of 11 or more digits',
  'control-character': '不得包含控制字符 / must not contain control characters',
  'bidi-control': '不得包含双向文本控制字符 / must not contain bidirectional text controls',
  'zero-width': '不得包含零宽字符 / must not contain zero-width characters',
  'lone-surrogate': '不是有效的 Unicode 文本（孤立代理项）/ is not valid Unicode text (lone surrogate)',
};

/** The rule as the generated documentation states it for every free-text field. */
export const FREE_TEXT_RULE =
  '自由文本：不得包含身份证号、手机号、银行卡号或 11 位以上数字串，不得包含控制字符、双向控制字符、零宽字符；按 NFKC 规范化后计长度 / ' +
  'Free text: no identity, mobile or bank-card numbers or runs of 11+ digits; no control, bidirectional or zero-width characters; length counted after NFKC.';

// Lone surrogates are the only code points of category Cs a `u` regex can see.
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /[\p{Cc}]/u;
const ALLOWED_CONTROLS = new Set(['\t', '\n', '\r']);
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u180E\u200B-\u200D\u2060\uFEFF]/u;
// What may stand between two digits of one number: whitespace, any dash or minus, . / _ and middle dots.
const SEP = '[\\s\\p{Pd}\\u2212._/\\u00B7\\u30FB]';
// 11+ digits, up to three separators between any two; an X may close it (身份证 check character).
const DIGIT_RUN = new RegExp(`\\d(?:${SEP}{0,3}\\d){10,}(?:${SEP}{0,3}[Xx])?`, 'gu');
// The same, with commas, brackets, quotes, Chinese punctuation and longer gaps also between
// digits: only a number that proves itself is refused on this wider reading (an identity number
// with its check character and birth date, old or new; a run of exactly a mobile number).
const WIDE_SEP = '[\\s\\p{Pd}\\p{Ps}\\p{Pe}\\p{Pi}\\p{Pf}\\u2212._/\\u00B7\\u30FB,\\uFF0C\\u3001\\u3002:;\'"]';
const WIDE_RUN = new RegExp(`\\d(?:${WIDE_SEP}{0,8}\\d){10,}(?:${WIDE_SEP}{0,8}[Xx])?`, 'gu');
/**
 * A run made only of dates, date ranges, months, years and school years, with times, is not a
 * number: 2026-11-30 2026-12-01, 2024.01.01-2024.12.31, 2024/3/5 14.30, 2021-2022 2022-2023.
 * Years are 19xx or 20xx, which no identity number starts with (no province code is 19 or 20).
 */
const DATE_TOKEN = '(?:(?:19|20)\\d{2}(?:[-./](?:0?[1-9]|1[0-2])(?:[-./](?:0?[1-9]|[12]\\d|3[01])(?:\\s+\\d{1,2}[:.]\\d{2})?)?|[-/](?:19|20)\\d{2})?)';
const DATES = new RegExp(`^${DATE_TOKEN}(?:\\s*[-~\\u2013\\u2014/,\\s]\\s*${DATE_TOKEN})*$`, 'u');
const NON_DIGIT = /[^0-9Xx]/gu;

// Chinese numerals, upper-case (大写) forms included, as digits.
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  壹: '1',
  贰: '2',
  叁: '3',
  肆: '4',
  伍: '5',
  陆: '6',
  柒: '7',
  捌: '8',
  玖: '9',
};
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * The text with every digit of any script written as an ASCII digit, so that a number written in
 * Arabic-Indic digits or Chinese numerals is found like any other. Unicode puts each script's
 * digits 0 to 9 in ten consecutive code points, and blocks that touch are whole tens.
 */
function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const chinese = CHINESE_DIGITS[ch];
    if (chinese) out += chinese;
    else if ((ch < '0' || ch > '9') && DECIMAL_DIGIT.test(ch)) {
      const cp = ch.codePointAt(0)!;
      let first = cp;
      while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
      out += String((cp - first) % 10);
    } else out += ch;
  }
  return out;
}

// Province codes (the first two digits of an identity number's district).
const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;
const isOldIdentityNumber = (d: string) => {
  if (d.length !== 15 || !PROVINCE.test(d)) return false;
  const [mm, dd] = [Number(d.slice(8, 10)), Number(d.slice(10, 12))];
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= new Date(Date.UTC(1900 + Number(d.slice(6, 8)), mm, 0)).getUTCDate();
};

/**
 * A number that proves what it is, anywhere in a run of digits however it was cut up: a valid
 * identity number (check character and birth date), an old 15-digit one (province and date), or
 * a run that is exactly a mobile number.
 */
function provenNumber(digits: string): FreeTextProblem | undefined {
  for (let i = 0; i + 18 <= digits.length; i += 1) if (isValidIdentityNumber(digits.slice(i, i + 18).toUpperCase())) return 'identity-number';
  if (isOldIdentityNumber(digits)) return 'identity-number';
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return 'mobile-number';
  return undefined;
}

function numberKind(run: string): FreeTextProblem {
  const digits = run.replace(NON_DIGIT, '');
  const withX = /[Xx]$/.test(digits);
  const n = digits.length - (withX ? 1 : 0);
  if (withX || n === 15 || n === 18 || n === 17) return 'identity-number';
  if (n === 11 && /^1[3-9]/.test(digits)) return 'mobile-number';
  if (n === 13 && /^861[3-9]/.test(digits)) return 'mobile-number';
  if (n >= 16 && n <= 19) return 'bank-card';
  return 'long-number';
}

/** What the text holds that the policy refuses, or undefined. The text should be NFKC already. */
export function freeTextProblem(text: string): FreeTextProblem | undefined {
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  for (const ch of text) if (CONTROL.test(ch) && !ALLOWED_CONTROLS.has(ch)) return 'control-character';
  if (BIDI.test(text)) return 'bidi-control';
  if (ZERO_WIDTH.test(text)) return 'zero-width';
  const digits = asciiDigits(text);
  for (const [run] of digits.matchAll(DIGIT_RUN)) if (!DATES.test(run)) return numberKind(run);
  for (const [run] of digits.matchAll(WIDE_RUN)) {
    const proven = provenNumber(run.replace(NON_DIGIT, ''));
    if (proven) return proven;
  }
  return undefined;
}

/**
 * An identifier a department chose (a record id, a certificate or case number, a code): it may
 * hold long digit runs, but never a person's identity or mobile number, which would then be kept
 * and published in clear. Refused: an identity number's shape (17 digits and a check character),
 * or a number that proves itself however it is cut up (see provenNumber).
 */
export function identifierProblem(text: string): FreeTextProblem | undefined {
  const digits = asciiDigits(text.normalize('NFKC'));
  if (/(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/u.test(digits)) return 'identity-number';
  if (/(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)/u.test(digits)) return 'mobile-number';
  for (const [run] of digits.matchAll(WIDE_RUN)) {
    const proven = provenNumber(run.replace(NON_DIGIT, ''));
    if (proven) return proven;
  }
  return undefined;
}

/** NFKC, then trimmed; a lone surrogate is left for freeTextProblem to name. */
export function normaliseText(text: string): string {
  return (LONE_SURROGATE.test(text) ? text : text.normalize('NFKC')).trim();
}

/** A free-text field under the policy: normalised, capped, refused with the reason named. */
export function freeText(opts: { min?: number; max: number }) {
  const min = opts.min ?? 1;
  return z
    .string()
    .overwrite(normaliseText)
    .min(min, `至少 ${min} 个字符 / must be at least ${min} characters`)
    .max(opts.max, `最多 ${opts.max} 个字符 / must be at most ${opts.max} characters`)
    .superRefine((text, ctx) => {
      if (text.length > opts.max) return; // already refused for its length: not scanned
      const problem = freeTextProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: FREE_TEXT_MESSAGES[problem] });
    })
    .meta({ description: FREE_TEXT_RULE });
}
