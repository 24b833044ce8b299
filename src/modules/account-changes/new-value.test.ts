import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { parseNewValue, sameValue } from './new-value.ts';

function refusal(fn: () => unknown): { code: string; paths: (string | number)[][]; codes: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) {
      return {
        code: error.code,
        paths: error.errors.map((e) => e.path),
        codes: error.errors.map((e) => e.code),
      };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseNewValue', () => {
  it('normalises contact values', () => {
    expect(parseNewValue('email', 'Anna.L@Example.SE')).toEqual({
      field: 'email',
      value: 'anna.l@example.se',
    });
    expect(parseNewValue('phone', '+46 (70) 123-45-67')).toEqual({ field: 'phone', value: '+46701234567' });
    expect(parseNewValue('preferred_language', 'it')).toEqual({ field: 'preferred_language', value: 'it' });
    expect(
      parseNewValue('address', { street: ' Via Roma 1 ', postalCode: '00100', city: 'Roma', country: 'IT' }),
    ).toEqual({
      field: 'address',
      value: { street: 'Via Roma 1', postalCode: '00100', city: 'Roma', country: 'IT' },
    });
  });

  it('refuses values in the wrong form with paths under newValue', () => {
    expect(refusal(() => parseNewValue('email', 'not-an-email'))).toMatchObject({
      code: 'validation_failed',
      paths: [['newValue']],
    });
    expect(refusal(() => parseNewValue('phone', '0701234567'))).toMatchObject({ code: 'validation_failed' });
    expect(refusal(() => parseNewValue('preferred_language', 'de'))).toMatchObject({
      code: 'validation_failed',
    });
    expect(
      refusal(() => parseNewValue('address', { street: 'Via Roma 1', city: 'Roma', country: 'it' })),
    ).toMatchObject({
      code: 'validation_failed',
      paths: [
        ['newValue', 'postalCode'],
        ['newValue', 'country'],
      ],
    });
    expect(refusal(() => parseNewValue('bank_account', { scheme: 'iban', holderName: 'A' }))).toMatchObject({
      code: 'validation_failed',
      paths: [['newValue', 'iban']],
    });
  });

  it('refuses a bank account that breaks its scheme’s rules with 422 bank_account_invalid and the field path', () => {
    expect(
      refusal(() =>
        parseNewValue('bank_account', {
          scheme: 'iban',
          iban: 'SE45 5000 0000 0583 9825 7467',
          holderName: 'A B',
        }),
      ),
    ).toEqual({ code: 'bank_account_invalid', paths: [['newValue', 'iban']], codes: ['iban_check_digits'] });
    expect(
      parseNewValue('bank_account', {
        scheme: 'bankgiro',
        accountNumber: '5050-1055',
        holderName: 'Skatteverket',
      }),
    ).toMatchObject({ field: 'bank_account', value: { scheme: 'bankgiro', accountNumber: '50501055' } });
  });
});

describe('sameValue', () => {
  it('compares values whatever the key order', () => {
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
  });
});
