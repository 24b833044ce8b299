import { franc } from 'franc-min';
import type { Language } from '../../db/schema.ts';

// The language a letter is written in, among the three we answer in. Pure. franc compares the
// text's trigrams with each language's; restricting it to Swedish, Italian and English keeps a
// short or noisy OCR text from being called Danish or Spanish, which we could not act on anyway.

const BY_ISO639_3: Record<string, Language> = { swe: 'sv', ita: 'it', eng: 'en' };
const CANDIDATES = Object.keys(BY_ISO639_3);

/** Shorter than this (letters) and any guess is a coin toss: no language rather than a wrong one. */
export const MIN_LETTERS_FOR_LANGUAGE = 20;

export function detectScanLanguage(text: string): Language | null {
  // Numbers, IBANs and reference codes say nothing about the language and dilute the trigrams.
  const words = text
    .split(/\s+/)
    .filter((w) => /^\p{L}[\p{L}'’.,;:!?()-]*$/u.test(w))
    .join(' ');
  if ((words.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS_FOR_LANGUAGE) return null;
  const code = franc(words, { only: CANDIDATES, minLength: MIN_LETTERS_FOR_LANGUAGE });
  return BY_ISO639_3[code] ?? null;
}
