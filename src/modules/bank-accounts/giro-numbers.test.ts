import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBankgiro, checkPlusgiro, printBankgiro, printPlusgiro } from './giro-numbers.ts';
import { luhnCheckDigitOf } from './luhn.ts';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('Bankgiro', () => {
  it('accepts 7 and 8 digit numbers with a valid check digit, in any usual spelling', () => {
    expect(checkBankgiro('5050-1055')).toEqual({ ok: true, value: '50501055' });
    expect(checkBankgiro('5050 1055')).toEqual({ ok: true, value: '50501055' });
    expect(checkBankgiro('991-2346')).toEqual({ ok: true, value: '9912346' });
  });

  it('says what is wrong', () => {
    expect(checkBankgiro('5050-1056')).toMatchObject({ ok: false, code: 'bankgiro_check_digit' });
    expect(checkBankgiro('123-456')).toMatchObject({
      ok: false,
      code: 'bankgiro_length',
      message: 'A Bankgiro number has 7 or 8 digits; this one has 6.',
    });
    expect(checkBankgiro('123456789')).toMatchObject({ ok: false, code: 'bankgiro_length' });
    expect(checkBankgiro('5050-105A')).toMatchObject({ ok: false, code: 'bankgiro_characters' });
  });

  it('prints NNN-NNNN and NNNN-NNNN', () => {
    expect(printBankgiro('9912346')).toBe('991-2346');
    expect(printBankgiro('50501055')).toBe('5050-1055');
  });

  it('accepts its own printed form back (property)', () => {
    fc.assert(
      fc.property(digits(6, 7), (payload) => {
        const number = `${payload}${luhnCheckDigitOf(payload)}`;
        expect(checkBankgiro(printBankgiro(number))).toEqual({ ok: true, value: number });
      }),
    );
  });
});

describe('Plusgiro', () => {
  it('accepts 2 to 8 digits with a valid check digit', () => {
    expect(checkPlusgiro('47 11-8')).toEqual({ ok: true, value: '47118' });
    expect(checkPlusgiro('90 01 22-3')).toEqual({ ok: true, value: '9001223' });
    expect(checkPlusgiro('18')).toEqual({ ok: true, value: '18' });
  });

  it('says what is wrong', () => {
    expect(checkPlusgiro('47 11-9')).toMatchObject({ ok: false, code: 'plusgiro_check_digit' });
    expect(checkPlusgiro('1')).toMatchObject({ ok: false, code: 'plusgiro_length' });
    expect(checkPlusgiro('123456789')).toMatchObject({
      ok: false,
      code: 'plusgiro_length',
      message: 'A Plusgiro number has 2 to 8 digits; this one has 9.',
    });
    expect(checkPlusgiro('PG 4711-8')).toMatchObject({ ok: false, code: 'plusgiro_characters' });
  });

  it('prints in pairs from the right with the check digit after a hyphen', () => {
    expect(printPlusgiro('47118')).toBe('47 11-8');
    expect(printPlusgiro('9001223')).toBe('90 01 22-3');
    expect(printPlusgiro('12345678')).toBe('1 23 45 67-8');
    expect(printPlusgiro('18')).toBe('1-8');
  });

  it('accepts its own printed form back (property)', () => {
    fc.assert(
      fc.property(digits(1, 7), (payload) => {
        const number = `${payload}${luhnCheckDigitOf(payload)}`;
        expect(checkPlusgiro(printPlusgiro(number))).toEqual({ ok: true, value: number });
      }),
    );
  });
});
