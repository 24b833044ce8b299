// Text in a pain.001 file. ISO 20022 allows any Unicode, but banks do not pass it all on:
//
// - EUR (SEPA, EPC132-08 implementation guidelines, section 1.4): only the basic Latin set
//   a-z A-Z 0-9 / - ? : ( ) . , ' + and space is guaranteed end to end. Swedish å/ä/ö, Italian
//   accents and anything else are transliterated (à → a, ß → ss, Æ → AE), and whatever is left
//   becomes a space. Names and remittance text must survive the whole chain, so we choose a plain
//   name over a mangled one.
// - SEK (domestic, Swedish banks' ISO 20022 guidelines): the same basic set plus Å Ä Ö å ä ö,
//   which Swedish banks carry, so a Swedish customer's name arrives as written; other letters are
//   transliterated as for SEPA.
//
// The EPC's own XSD does not check the character set (it only limits lengths), so this is the
// one place it is enforced. Control characters never pass.

export type TextProfile = 'sepa' | 'swedish';

const SEPA_ALLOWED = /[A-Za-z0-9/\-?:().,'+ ]/;
const SWEDISH_EXTRA = /[ÅÄÖåäö]/;

const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  Ł: 'L',
  ł: 'l',
  '&': '+',
  '’': "'",
  '‘': "'",
  '–': '-',
  '—': '-',
};

/** The profile of a currency's files: SEPA rules for EUR, the Swedish set for the rest. */
export function textProfileOf(currency: string): TextProfile {
  return currency === 'EUR' ? 'sepa' : 'swedish';
}

/** `text` reduced to the profile's character set, whitespace collapsed, cut to `max` characters. */
export function bankText(text: string, profile: TextProfile, max: number): string {
  let out = '';
  for (const ch of text) {
    if (SEPA_ALLOWED.test(ch) || (profile === 'swedish' && SWEDISH_EXTRA.test(ch))) {
      out += ch;
      continue;
    }
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    // Decompose (é → e + ◌́) and keep the base letter when it is plain Latin.
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base.length > 0 && [...base].every((c) => SEPA_ALLOWED.test(c)) ? base : ' ';
  }
  const collapsed = out.replace(/\s+/g, ' ').trim();
  return [...collapsed].slice(0, max).join('').trim();
}
