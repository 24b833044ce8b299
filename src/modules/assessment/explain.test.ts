import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../db/schema.ts';
import { REASON_CODES, REASON_TEXTS, type Template } from './assessment-texts.ts';
import { compileProduct } from './compiled-product.ts';
import { formatDate, formatMoney, renderReason } from './explain.ts';
import { travelProduct } from './test-fixtures.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (t: Template) =>
  typeof t === 'string' ? { other: t, one: null } : { other: t.other, one: t.one };
const LANGUAGES: Language[] = ['sv', 'it', 'en'];

describe('assessment texts', () => {
  it.each(REASON_CODES)('%s has a text in sv, it and en using the same placeholders', (code) => {
    const en = forms(REASON_TEXTS.en[code]);
    const texts = new Set<string>();
    for (const language of LANGUAGES) {
      const t = forms(REASON_TEXTS[language][code]);
      expect(t.other.trim().length).toBeGreaterThan(10);
      expect(placeholders(t.other)).toEqual(placeholders(en.other));
      if (t.one !== null) {
        for (const p of placeholders(t.one)) expect(placeholders(t.other)).toContain(p);
      }
      texts.add(t.other);
    }
    expect(texts.size).toBe(3);
  });
});

describe('formatMoney', () => {
  it.each<[number, string, Language, string]>([
    [123_456, 'SEK', 'sv', '1 234,56 kr'],
    [123_456, 'EUR', 'it', '1234,56 €'],
    [12_345_678, 'EUR', 'it', '123.456,78 €'],
    [123_456, 'SEK', 'en', 'SEK 1,234.56'],
    [123_456, 'EUR', 'en', '€1,234.56'],
    [123_456, 'EUR', 'sv', '1 234,56 €'],
    [5, 'SEK', 'sv', '0,05 kr'],
    [-5, 'EUR', 'en', '-€0.05'],
    [1_234, 'JPY', 'en', 'JP¥1,234'],
    [Number.MAX_SAFE_INTEGER, 'SEK', 'en', 'SEK 90,071,992,547,409.91'],
    [Number.MAX_SAFE_INTEGER, 'EUR', 'it', '90.071.992.547.409,91 €'],
    [-Number.MAX_SAFE_INTEGER, 'EUR', 'en', '-€90,071,992,547,409.91'],
  ])('%i %s in %s → %s', (minor, currency, language, expected) => {
    expect(plain(formatMoney(minor, currency, language))).toBe(expected);
  });

  it('agrees with Intl.NumberFormat for any amount, currency and language', () => {
    const locales: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }),
        fc.constantFrom('SEK', 'EUR', 'GBP', 'USD', 'CHF', 'JPY', 'NOK', 'DKK', 'KWD'),
        fc.constantFrom<Language>('sv', 'it', 'en'),
        (minor, currency, language) => {
          const nf = new Intl.NumberFormat(locales[language], { style: 'currency', currency });
          const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
          expect(formatMoney(minor, currency, language)).toBe(nf.format(minor / 10 ** digits));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('prints a malformed currency code as it is instead of failing', () => {
    expect(formatMoney(1_234, 'not a currency', 'en')).toBe('1234 not a currency');
  });
});

describe('formatDate', () => {
  it.each<[Language, string]>([
    ['sv', '2025-03-01'],
    ['it', '01/03/2025'],
    ['en', '01/03/2025'],
  ])('%s → %s', (language, expected) => {
    expect(formatDate('2025-03-01', language)).toBe(expected);
  });
});

describe('renderReason', () => {
  const product = compileProduct(travelProduct.config);

  it('uses the singular form for a count of 1', () => {
    const one = { code: 'daily_benefit_waiting_days' as const, clause: '§4.1', params: { waitingDays: 1 } };
    const two = { ...one, params: { waitingDays: 2 } };
    expect(renderReason(one, 'sv', 'SEK', null)).toBe(
      'Karensdag: den första dagen i sjukperioden ersätts inte (se §4.1 i försäkringsvillkoren).',
    );
    expect(renderReason(two, 'sv', 'SEK', null)).toBe(
      'Karensdagar: de första 2 dagarna i sjukperioden ersätts inte (se §4.1 i försäkringsvillkoren).',
    );
  });

  it('names the cover and the document in the language', () => {
    const reason = {
      code: 'document_missing' as const,
      clause: '§4.1',
      params: { document: 'medical_certificate', benefitCode: 'MEDICAL_EXPENSES' },
    };
    expect(renderReason(reason, 'it', 'SEK', product)).toBe(
      'Per valutare il rimborso di Spese mediche è necessario ricevere: certificato medico (rif. §4.1 delle Condizioni di Assicurazione).',
    );
    expect(renderReason(reason, 'en', 'SEK', product)).toBe(
      'We need a medical certificate for Medical expenses before we can assess it (see §4.1 of the policy terms).',
    );
  });

  it('falls back to the codes when the product does not know them', () => {
    const reason = {
      code: 'excluded' as const,
      clause: '§9',
      params: { exclusion: 'gone', benefitCode: 'GONE' },
    };
    expect(renderReason(reason, 'en', 'SEK', product)).toBe(
      'GONE is not covered because of the exclusion: gone (see §9 of the policy terms).',
    );
  });

  it('shows shares as percentages the local way', () => {
    const reason = {
      code: 'copayment_applied' as const,
      clause: '§6.1',
      params: { sharePermille: 125, amountMinor: 1_250 },
    };
    expect(plain(renderReason(reason, 'sv', 'SEK', null))).toContain('12,5 %');
    expect(plain(renderReason(reason, 'it', 'EUR', null))).toContain('Scoperto del 12,5%: 12,50 €');
    expect(plain(renderReason(reason, 'en', 'EUR', null))).toContain('12.5%, €12.50');
  });
});
