import { cityDay, CITY_TIME_ZONE } from '../../../shared/domain/city-time';
import { DISTRICTS } from '../../../shared/domain/districts';
import { PROGRAMMES } from '../../../shared/domain/programmes';

/** The console's languages: vue-i18n locale codes. */
export type Language = 'zh-CN' | 'en';

const HAN = /\p{Script=Han}/u;
const SEPARATOR = ' / ';

/**
 * The API writes `中文 / English`, or `English / 中文` for a caller asking for English first
 * (shared/domain/bilingual.ts); a reader sees the half of the language chosen. The Chinese half
 * never holds " / ", the English one may, so the Chinese half is the first part or the last.
 */
export function half(message: string, language: string): string {
  const first = message.indexOf(SEPARATOR);
  if (first < 0) return message;
  const last = message.lastIndexOf(SEPARATOR);
  let zh: string;
  let en: string;
  if (HAN.test(message.slice(0, first))) {
    zh = message.slice(0, first);
    en = message.slice(first + SEPARATOR.length);
  } else if (HAN.test(message.slice(last + SEPARATOR.length))) {
    zh = message.slice(last + SEPARATOR.length);
    en = message.slice(0, last);
  } else return message;
  return language === 'en' ? en : zh;
}

/** A district's name from the one list the platform keeps (`Yuelu 岳麓区`): the Chinese or the English half. */
export function districtName(code: string, language: string): string {
  const name: string | undefined = (DISTRICTS as Record<string, string>)[code];
  if (!name) return code;
  const at = name.lastIndexOf(' ');
  return language === 'en' ? name.slice(0, at) : name.slice(at + 1);
}

export const DISTRICT_OPTIONS = Object.keys(DISTRICTS);

/** A programme of the project list by its Chinese name; in English, its code (the list has no English names). */
export function programmeName(code: string, language: string): string {
  const found = PROGRAMMES.find((p) => p.code === code);
  return language === 'en' || !found ? code : found.name;
}

/** Today in the city (yyyy-mm-dd), by the domain's calendar. */
export const cityToday = (now = new Date()) => cityDay(now);

/** The audit trail is kept by UTC day. */
export const utcToday = (now = new Date()) => now.toISOString().slice(0, 10);

/** A time as the city reads it (Beijing time), whatever the browser's zone. */
export function cityTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: CITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

const DAY = 86_400_000;

/** Whole days from `iso` to now (negative for a time to come). */
export function daysSince(iso: string, now = Date.now()): number {
  return Math.floor((now - Date.parse(iso)) / DAY);
}

/** `in 3 days` / `2 hours ago`, in the chosen language. */
export function relativeTime(iso: string, language: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const format = new Intl.RelativeTimeFormat(language === 'en' ? 'en' : 'zh-CN', { numeric: 'auto' });
  const abs = Math.abs(ms);
  if (abs >= DAY) return format.format(Math.round(ms / DAY), 'day');
  if (abs >= 3_600_000) return format.format(Math.round(ms / 3_600_000), 'hour');
  return format.format(Math.round(ms / 60_000), 'minute');
}

/** Fen as yuan with two decimals (money is kept in fen). */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
