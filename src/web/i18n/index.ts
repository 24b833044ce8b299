import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types.ts';
import en from './locales/en.json';
import it from './locales/it.json';
import sv from './locales/sv.json';

// The three product languages. Keys are flat ("area.thing") so that the key test
// (locales.test.ts) can compare the three files and every t('…') in the source with them.

export const LANGUAGES: readonly Language[] = ['sv', 'it', 'en'];
const STORAGE_KEY = 'claimdesk.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'it' || value === 'en';
}

/** The saved choice, else the browser's language when it is one of ours, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function initI18n(): typeof i18next {
  const language = initialLanguage();
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, sv: { translation: sv }, it: { translation: it } },
    lng: language,
    fallbackLng: false,
    keySeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
