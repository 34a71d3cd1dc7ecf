import { ALL_INDICATORS } from './index';

/** An indicator's names for people: Chinese (`titleZh`) and English (`title`). */
export interface IndicatorName {
  zh: string;
  en: string;
}

/**
 * Id → names, from the one registry: the console gets it at build time (console/vite.config.ts
 * `__INDICATORS__`), so no page keeps a second copy of the names.
 */
export function indicatorNames(): Record<string, IndicatorName> {
  return Object.fromEntries(ALL_INDICATORS.map((i) => [i.id, { zh: i.titleZh, en: i.title }]));
}

const NAMES = indicatorNames();

/** The Chinese name of an indicator id, for answers that carry only the id and the stored English title. */
export function indicatorTitleZh(id: string): string | undefined {
  return NAMES[id]?.zh;
}
