import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json' with { type: 'json' };
import it_ from './locales/it.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };

// No hard-coded strings and no missing translations: every key exists in all three languages
// with the same placeholders, and every key the source asks for exists.

const LOCALES: Record<string, Record<string, string>> = { en, sv, it: it_ };
const WEB = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web app texts', () => {
  it('has the same keys, all non-empty, with the same placeholders in sv, it and en', () => {
    const keys = Object.keys(en).sort();
    expect(keys.length).toBeGreaterThan(20);
    for (const [language, texts] of Object.entries(LOCALES)) {
      expect(Object.keys(texts).sort(), language).toEqual(keys);
      for (const key of keys) {
        const text = texts[key] ?? '';
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
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
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).toEqual([]);
    for (const prefix of prefixes) {
      expect(
        Object.keys(en).some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });
});
