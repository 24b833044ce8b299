import { describe, expect, it } from 'vitest';
import { countryOfAddress, countryOfLanguage, guessLanguage } from './guess-language.ts';

describe('guessLanguage', () => {
  it.each([
    ['Hej! Jag bifogar kvittot för min skada. Med vänliga hälsningar, Åsa', 'sv'],
    ['Buongiorno, allego la ricevuta per il sinistro. Cordiali saluti', 'it'],
    ['Hello, please find the receipt for my claim attached. Kind regards', 'en'],
  ])('%s → %s', (text, language) => {
    expect(guessLanguage(text)).toBe(language);
  });

  it('says null when there is too little to go on', () => {
    expect(guessLanguage('')).toBeNull();
    expect(guessLanguage('Hi')).toBeNull();
    expect(guessLanguage('12345 67890')).toBeNull();
  });
});

describe('countries', () => {
  it('maps sv and it to their country, en to none', () => {
    expect([countryOfLanguage('sv'), countryOfLanguage('it'), countryOfLanguage('en')]).toEqual([
      'SE',
      'IT',
      null,
    ]);
  });

  it('reads .se and .it addresses', () => {
    expect([
      countryOfAddress('a@b.se'),
      countryOfAddress('a@posta.IT'),
      countryOfAddress('a@b.com'),
      countryOfAddress(null),
    ]).toEqual(['SE', 'IT', null, null]);
  });
});
