import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigitOf } from './luhn.ts';
import { displayBankAccount, maskBankAccount, validateBankAccount } from './validate-bank-account.ts';

const holderName = '  Anna   Lindqvist ';

describe('validateBankAccount', () => {
  it('normalises an IBAN; the BIC is optional inside SEPA but checked when given', () => {
    expect(
      validateBankAccount({ scheme: 'iban', iban: 'se45 5000 0000 0583 9825 7466', holderName }),
    ).toEqual({
      ok: true,
      value: {
        scheme: 'iban',
        iban: 'SE4550000000058398257466',
        bic: null,
        clearingNumber: null,
        accountNumber: null,
        holderName: 'Anna Lindqvist',
      },
    });
    expect(
      validateBankAccount({
        scheme: 'iban',
        iban: 'IT60X0542811101000000123456',
        bic: 'bpmoit22xxx',
        holderName,
      }),
    ).toMatchObject({ ok: true, value: { bic: 'BPMOIT22XXX' } });
    expect(
      validateBankAccount({ scheme: 'iban', iban: 'IT60X0542811101000000123456', bic: 'BPMO', holderName }),
    ).toMatchObject({ ok: false, problems: [{ path: ['bic'], code: 'bic_invalid' }] });
  });

  it('requires the BIC for an IBAN outside SEPA', () => {
    expect(
      validateBankAccount({ scheme: 'iban', iban: 'BR1800360305000010009795493C1', holderName }),
    ).toEqual({
      ok: false,
      problems: [
        {
          path: ['bic'],
          code: 'bic_required',
          message: "BR is outside the SEPA area: a payment there needs the bank's BIC (SWIFT code).",
        },
      ],
    });
    expect(
      validateBankAccount({
        scheme: 'iban',
        iban: 'BR1800360305000010009795493C1',
        bic: 'BRASBRRJ',
        holderName,
      }),
    ).toMatchObject({ ok: true, value: { iban: 'BR1800360305000010009795493C1', bic: 'BRASBRRJ' } });
  });

  it('reports every problem of an IBAN account with its path', () => {
    const result = validateBankAccount({
      scheme: 'iban',
      iban: 'SE45 5000 0000 0583 9825 746',
      bic: 'X',
      holderName,
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { path: ['iban'], code: 'iban_length' },
        { path: ['bic'], code: 'bic_invalid' },
      ],
    });
  });

  it('checks giro numbers and Swedish accounts with their own paths', () => {
    expect(validateBankAccount({ scheme: 'bankgiro', accountNumber: '5050-1055', holderName })).toMatchObject(
      {
        ok: true,
        value: { scheme: 'bankgiro', accountNumber: '50501055', iban: null },
      },
    );
    expect(validateBankAccount({ scheme: 'plusgiro', accountNumber: '47 11-9', holderName })).toMatchObject({
      ok: false,
      problems: [{ path: ['accountNumber'], code: 'plusgiro_check_digit' }],
    });
    expect(
      validateBankAccount({
        scheme: 'se_account',
        clearingNumber: '9999',
        accountNumber: '1234567',
        holderName,
      }),
    ).toMatchObject({ ok: false, problems: [{ path: ['clearingNumber'], code: 'se_clearing_unknown' }] });
    expect(
      validateBankAccount({
        scheme: 'se_account',
        clearingNumber: '3300',
        accountNumber: '8507099805',
        holderName,
      }),
    ).toMatchObject({ ok: true, value: { clearingNumber: '3300', accountNumber: '8507099805' } });
  });
});

describe('displayBankAccount and maskBankAccount', () => {
  const base = { bic: null, clearingNumber: null, accountNumber: null, iban: null, holderName: 'A' };

  it('print each scheme its own way', () => {
    expect(displayBankAccount({ ...base, scheme: 'iban', iban: 'SE4550000000058398257466' })).toBe(
      'SE45 5000 0000 0583 9825 7466',
    );
    expect(displayBankAccount({ ...base, scheme: 'bankgiro', accountNumber: '50501055' })).toBe(
      'Bankgiro 5050-1055',
    );
    expect(displayBankAccount({ ...base, scheme: 'plusgiro', accountNumber: '47118' })).toBe(
      'Plusgiro 47 11-8',
    );
    expect(
      displayBankAccount({
        ...base,
        scheme: 'se_account',
        clearingNumber: '3300',
        accountNumber: '8507099805',
      }),
    ).toBe('3300, 850709-9805');
  });

  it('show only the last four characters', () => {
    expect(maskBankAccount({ ...base, scheme: 'iban', iban: 'SE4550000000058398257466' })).toBe('**** 7466');
    expect(maskBankAccount({ ...base, scheme: 'bankgiro', accountNumber: '50501055' })).toBe('**** 1055');
  });

  it('never show more than four characters, nor more than half of a short number (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 7 }),
        (payload) => {
          const accountNumber = `${payload}${luhnCheckDigitOf(payload)}`;
          const masked = maskBankAccount({ ...base, scheme: 'plusgiro', accountNumber });
          const shown = masked.replace('**** ', '');
          expect(shown.length).toBeLessThanOrEqual(Math.min(4, accountNumber.length / 2));
          expect(accountNumber.endsWith(shown)).toBe(true);
        },
      ),
    );
  });
});
