import { describe, expect, it } from 'vitest';
import { generateItalianFiscalCode, generateSwedishPersonalNumber, validateNationalId } from './index.ts';

const REF = { referenceDate: '2026-11-21' };

describe('validateNationalId', () => {
  it('validates and normalizes a Swedish number in any accepted form, country in any case', () => {
    expect(validateNationalId('SE', '850709-9805', REF)).toEqual({
      ok: true,
      value: { normalized: '198507099805', birthDate: '1985-07-09', sex: 'female' },
    });
    expect(validateNationalId(' se ', '198507099813', REF)).toEqual({
      ok: true,
      value: { normalized: '198507099813', birthDate: '1985-07-09', sex: 'male' },
    });
  });

  it('validates an Italian fiscal code', () => {
    expect(validateNationalId('IT', 'rssmra85t10a562s', REF)).toEqual({
      ok: true,
      value: { normalized: 'RSSMRA85T10A562S', birthDate: '1985-12-10', sex: 'male' },
    });
  });

  it('defaults the reference date to today', () => {
    expect(validateNationalId('SE', '198507099805').ok).toBe(true);
    expect(validateNationalId('IT', 'RSSMRA85T10A562S').ok).toBe(true);
  });

  it.each([
    ['SE', '85070998', 'national_id_invalid_format', 'A Swedish personal identity number must be written as'],
    [
      'SE',
      '198502309803',
      'national_id_invalid_date',
      'The birth date in this Swedish personal identity number',
    ],
    [
      'SE',
      '198507099806',
      'national_id_invalid_checksum',
      'The check digit of this Swedish personal identity number is wrong',
    ],
    ['IT', 'RSSMRA85T10A562', 'national_id_invalid_format', 'An Italian fiscal code must be 16 characters'],
    ['IT', 'RSSMRA85B30H501C', 'national_id_invalid_date', 'The birth date in this Italian fiscal code'],
    [
      'IT',
      'RSSMRA85T10A562T',
      'national_id_invalid_checksum',
      'The check character (last letter) of this Italian fiscal code is wrong',
    ],
  ])('%s %j -> %s', (country, value, code, messageStart) => {
    const result = validateNationalId(country, value, REF);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.startsWith(messageStart)).toBe(true);
    }
  });

  it('rejects unsupported countries, naming the supported ones', () => {
    for (const country of ['FR', 'NO', '', 'SWE', 'ITA']) {
      const result = validateNationalId(country, '198507099805', REF);
      expect(result).toMatchObject({ ok: false, code: 'national_id_country_unsupported' });
      if (!result.ok) expect(result.message).toContain('SE, IT');
    }
  });

  it('does not mix up countries: a valid Swedish number is not an Italian code', () => {
    expect(validateNationalId('IT', '198507099805', REF)).toMatchObject({
      ok: false,
      code: 'national_id_invalid_format',
    });
  });

  it('accepts generated demo data', () => {
    const se = generateSwedishPersonalNumber({ birthDate: '1960-02-29', sex: 'male', serial: 42 });
    const it_ = generateItalianFiscalCode({
      givenName: 'Giulia',
      familyName: 'Esposito',
      birthDate: '1960-02-29',
      sex: 'female',
      placeCode: 'F839',
    });
    expect(validateNationalId('SE', se, REF)).toMatchObject({ ok: true, value: { birthDate: '1960-02-29' } });
    expect(validateNationalId('IT', it_, REF)).toMatchObject({
      ok: true,
      value: { birthDate: '1960-02-29', sex: 'female' },
    });
  });
});
