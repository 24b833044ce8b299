import type { Language } from '../../db/schema.ts';

// Which of our three languages a message is written in, from its most common words and letters:
// pure, cheap, and good enough to route an unmatched email to the Swedish or Italian team. It
// says null rather than guess when the text gives too little to go on (a bare attachment, "Hi").

const WORDS: Record<Language, readonly string[]> = {
  sv: [
    'och',
    'att',
    'det',
    'som',
    'är',
    'jag',
    'på',
    'för',
    'med',
    'har',
    'inte',
    'min',
    'mitt',
    'vi',
    'ni',
    'en',
    'ett',
    'till',
    'av',
    'hej',
    'tack',
    'vänliga',
    'hälsningar',
    'skada',
    'ersättning',
    'kvitto',
    'försäkring',
    'ärende',
    'angående',
    'bifogar',
    'bifogat',
    'mvh',
  ],
  it: [
    'il',
    'lo',
    'la',
    'che',
    'di',
    'per',
    'non',
    'con',
    'sono',
    'una',
    'del',
    'della',
    'gli',
    'le',
    'mio',
    'mia',
    'buongiorno',
    'grazie',
    'cordiali',
    'saluti',
    'sinistro',
    'rimborso',
    'ricevuta',
    'allego',
    'allegato',
    'pratica',
    'polizza',
    'gentile',
    'è',
  ],
  en: [
    'the',
    'and',
    'to',
    'of',
    'is',
    'my',
    'for',
    'with',
    'have',
    'not',
    'please',
    'hello',
    'dear',
    'thanks',
    'thank',
    'regards',
    'claim',
    'receipt',
    'attached',
    'policy',
    'insurance',
    'this',
    'you',
    'your',
  ],
};

const LETTERS: Record<Language, RegExp> = {
  sv: /[åäö]/gi,
  it: /[àèéìòù]/gi,
  en: /(?!)/g,
};

export function guessLanguage(text: string | null | undefined): Language | null {
  const sample = (text ?? '').slice(0, 4000).toLowerCase();
  const words = sample.split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  const scores = (Object.keys(WORDS) as Language[]).map((language) => {
    const vocabulary = new Set(WORDS[language]);
    const hits = words.filter((w) => vocabulary.has(w)).length;
    const letters = sample.match(LETTERS[language])?.length ?? 0;
    return { language, score: hits + Math.min(letters, 5) * 0.5 };
  });
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score < 2) return null;
  // A near tie (mixed or very short text) is not a guess worth routing on.
  if (second && best.score < second.score * 1.5) return null;
  return best.language;
}

/** The country whose team handles a language's mail; English could be either, so none. */
export function countryOfLanguage(language: Language | null): 'SE' | 'IT' | null {
  return language === 'sv' ? 'SE' : language === 'it' ? 'IT' : null;
}

/** A sender's country from the address's top-level domain (.se, .it), else null. */
export function countryOfAddress(address: string | null): 'SE' | 'IT' | null {
  const tld = /\.([a-z]{2,})$/i.exec(address ?? '')?.[1]?.toLowerCase();
  return tld === 'se' ? 'SE' : tld === 'it' ? 'IT' : null;
}
