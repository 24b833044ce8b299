import i18next from 'i18next';

/** A text outside React's tree (route fallbacks): the same keys as `t`. */
export function i18nText(key: string): string {
  return i18next.t(key);
}
