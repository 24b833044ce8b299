import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types.ts';

// The three product languages. Each area of the app keeps its texts in src/web/texts/<area>/
// {sv,it,en}.json (so that people working on different screens never edit the same file); they
// are merged here. Keys are flat ("area.thing") so that the key test (locales.test.ts) can compare
// the three languages, find a key defined twice, and check every t('…') in the source.

const FILES = import.meta.glob<Record<string, string>>('../texts/*/*.json', {
  eager: true,
  import: 'default',
});

function merged(language: Language): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [file, content] of Object.entries(FILES)) {
    if (file.endsWith(`/${language}.json`)) Object.assign(texts, content);
  }
  return texts;
}

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
    resources: {
      en: { translation: merged('en') },
      sv: { translation: merged('sv') },
      it: { translation: merged('it') },
    },
    lng: language,
    fallbackLng: false,
    keySeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
