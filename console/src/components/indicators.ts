/**
 * An indicator's name in the reader's language, from the registry the build passes in
 * (`__INDICATORS__`): Chinese by default, the English title in English. An id the registry does
 * not know (a retired indicator) falls back to what the API sent, or the id itself.
 */
export function indicatorName(id: string, language: string, fallback?: string): string {
  const names = __INDICATORS__[id];
  if (!names) return fallback ?? id;
  return language === 'en' ? names.en : names.zh;
}

/** Every indicator's id, for the filters: the registry's, as the build passes it in. */
export const INDICATOR_IDS = Object.keys(__INDICATORS__).sort();
