/**
 * Chinese for people, English beside it (中文在前，英文在后): every message a person may read is
 * one string, `中文 / English`. The Chinese half never holds " / ", so the first one splits the
 * two; the English half may (GB 11643 / ISO 7064). The API's edge reorders the halves for a
 * caller who asks for English first (Accept-Language); codes and field paths never change.
 */
export const SEPARATOR = ' / ';

/** The languages a message is written in, by their Accept-Language tags. */
export type Language = 'zh-CN' | 'en';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export interface Bilingual {
  zh: string;
  en: string;
}

const HAN = /\p{Script=Han}/u;

/** One message in both languages, Chinese first. */
export function bilingual(zh: string, en: string): string {
  return `${zh}${SEPARATOR}${en}`;
}

/**
 * The two halves of a message. A message with no Chinese before its first " / " was written in
 * one language only: both halves are that text, so a reader always has something to show.
 */
export function splitBilingual(message: string): Bilingual {
  const at = message.indexOf(SEPARATOR);
  if (at > 0 && HAN.test(message.slice(0, at))) return { zh: message.slice(0, at), en: message.slice(at + SEPARATOR.length) };
  return { zh: message, en: message };
}

/** Whether a message has both halves (the tests hold every message to this). */
export function isBilingual(message: string): boolean {
  const { zh, en } = splitBilingual(message);
  return zh !== en && HAN.test(zh) && /[A-Za-z]/.test(en) && !HAN.test(en);
}

/** The message with the reader's language first: `中文 / English` or `English / 中文`. */
export function inLanguage(message: string, language: Language): string {
  const { zh, en } = splitBilingual(message);
  if (zh === en) return message;
  return language === 'en' ? `${en}${SEPARATOR}${zh}` : `${zh}${SEPARATOR}${en}`;
}

/** Several bilingual messages as one, each language joined with its own punctuation. */
export function joinBilingual(messages: readonly string[]): string {
  const halves = messages.map(splitBilingual);
  return bilingual(halves.map((h) => h.zh).join('；'), halves.map((h) => h.en).join('; '));
}

/**
 * The language a caller asks for first (RFC 9110 Accept-Language, by quality): `en`, `en-US`
 * and any other English tag put English first; Chinese, `*`, anything else or no header keep
 * Chinese first (zh-CN, the default).
 */
export function preferredLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranges = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const { tag } of ranges) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-') || tag === '*') return 'zh-CN';
  }
  return DEFAULT_LANGUAGE;
}

/**
 * A field's labels as zod metadata (`.meta(label('死亡日期', 'Date of death'))`):
 * z.toJSONSchema emits them as `title` (Chinese) and `x-label-en`, where templates, error reports
 * and the documentation read them (shared/records/labels.ts).
 */
export function label(zh: string, en: string): { title: string; 'x-label-en': string } {
  return { title: zh, 'x-label-en': en };
}
