import { DISTRICTS } from '../../../shared/domain/districts';
import { PROGRAMMES } from '../../../shared/domain/programmes';

/** The city's districts as `Yuelu 岳麓区`: the Chinese half or the English half. */
export function districtName(code: string, locale: string): string {
  const both = (DISTRICTS as Record<string, string>)[code];
  if (!both) return code;
  const at = both.search(/[\u4e00-\u9fff]/);
  return locale === 'en' ? both.slice(0, at).trim() : both.slice(at);
}

/** A programme of the project list by its Chinese name; in English, its code (the list has no English names). */
export function programmeName(code: string, locale: string): string {
  const found = PROGRAMMES.find((p) => p.code === code);
  return locale === 'en' || !found ? code : found.name;
}

/** The API writes `中文 / English`; the half the reader chose. */
export function half(message: string, locale: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return locale === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

/** Fen as yuan with two decimals (money is kept in fen everywhere else). */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Today in the city (UTC+8), as yyyy-mm-dd. */
export const cityToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The audit trail is kept by UTC day. */
export const utcToday = (now = new Date()) => now.toISOString().slice(0, 10);
