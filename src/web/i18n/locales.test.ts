import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// No hard-coded strings and no missing translations: every key exists in all three languages
// with the same placeholders, no key is defined by two areas, and every key the source asks for
// exists. Texts live in src/web/texts/<area>/{sv,it,en}.json.

const WEB = path.resolve(import.meta.dirname, '..');
const TEXTS = path.join(WEB, 'texts');
const LANGUAGES = ['en', 'sv', 'it'] as const;

function read(file: string): Record<string, string> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

const areas = readdirSync(TEXTS).filter((a) => statSync(path.join(TEXTS, a)).isDirectory());
const byLanguage = Object.fromEntries(
  LANGUAGES.map((l) => [l, Object.assign({}, ...areas.map((a) => read(path.join(TEXTS, a, `${l}.json`))))]),
) as Record<(typeof LANGUAGES)[number], Record<string, string>>;
const en = byLanguage.en;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web app texts', () => {
  it('every area has a file per language, and no key is defined by two areas', () => {
    const owner = new Map<string, string>();
    for (const area of areas) {
      for (const l of LANGUAGES)
        expect(statSync(path.join(TEXTS, area, `${l}.json`)).isFile(), `${area}/${l}`).toBe(true);
      for (const key of Object.keys(read(path.join(TEXTS, area, 'en.json')))) {
        expect(owner.get(key), `${key} in ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
  });

  it('has the same keys, all non-empty, with the same placeholders in sv, it and en', () => {
    const keys = Object.keys(en).sort();
    expect(keys.length).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const texts = byLanguage[language];
      expect(Object.keys(texts).sort(), language).toEqual(keys);
      for (const key of keys) {
        const text = texts[key] ?? '';
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key] ?? ''));
      }
    }
  });

  it('defines every key the source uses (literal keys, and each prefix of a computed one)', () => {
    const used = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of sourceFiles(WEB)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|i18nText)\(\s*'([\w.]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\$\{/g)) prefixes.add(m[1] as string);
      // Keys kept in data (nav entries, shortcut lists): labelKey: '…'
      for (const m of text.matchAll(/\b\w*[kK]ey:\s*'([\w]+\.[\w.]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    for (const prefix of prefixes) {
      expect(
        Object.keys(en).some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });
});
