import * as z from 'zod';

/**
 * The free-text policy (自由文本规则): every field where a person types what they like (a visit
 * report's description, an answer's reason, a stated purpose, a policy change's reason and
 * source) is read through `freeText`, wherever it comes in. Free text is stored and published
 * as it is, so it must not carry what identifies a person:
 *
 * 1. Unicode NFKC first, so full-width digits (４３０１…) and letters are read as ASCII.
 * 2. Refused: any run of 11 or more digits, one space, hyphen, dot, slash or underscore allowed
 *    between any two (an identity number, old or new, with or without a check character X; a
 *    mobile number; a bank card; or any other long number), whatever letters stand around it.
 *    Dates written one after another (2026-11-30 2026-12-01) are not a number.
 * 3. Refused: control characters other than tab and line breaks, bidirectional controls,
 *    zero-width characters, lone surrogates: they hide or reorder what a reader sees.
 * 4. A length cap per field, counted after normalising.
 *
 * Names cannot be told from other words in free text; the fields say they are not for names,
 * and the numbers that would identify a person are refused.
 */
export type FreeTextProblem = 'identity-number' | 'mobile-number' | 'bank-card' | 'long-number' | 'control-character' | 'bidi-control' | 'zero-width' | 'lone-surrogate';

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
// 11+ digits, one separator allowed between any two; an X may close it (身份证 check character).
const DIGIT_RUN = /\d(?:[ \-._/·]?\d){10,}(?:[ \-._/·]?[Xx])?/gu;
// Two or more dates in a row ("2026-11-30 2026-12-01") are dates, not a number: months 01-12, days 01-31.
const DATES = /^(?:\d{4}[-./](?:0[1-9]|1[0-2])[-./](?:0[1-9]|[12]\d|3[01])[ ]?)+$/u;

function numberKind(run: string): FreeTextProblem {
  const digits = run.replace(/[ \-._/·]/g, '');
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
  for (const [run] of text.matchAll(DIGIT_RUN)) if (!DATES.test(run)) return numberKind(run);
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
      const problem = freeTextProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: FREE_TEXT_MESSAGES[problem] });
    })
    .meta({ description: FREE_TEXT_RULE });
}
