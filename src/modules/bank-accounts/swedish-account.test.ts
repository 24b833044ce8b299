import { describe, expect, it } from 'vitest';
import { checkSwedishAccount, printSwedishAccount } from './swedish-account.ts';

// Numbers whose check digits were computed with Bankgirot's rules: a Nordea personkonto (the
// personnummer 850709-9805 as the account), Handelsbanken (mod 11 over nine digits), SEB (type 1,
// mod 11 over clearing and account) and Swedbank with its five-digit clearing number.
describe('checkSwedishAccount', () => {
  it('accepts valid accounts of each kind and names the bank', () => {
    expect(checkSwedishAccount('3300', '850709-9805')).toEqual({
      ok: true,
      value: { clearingNumber: '3300', accountNumber: '8507099805', bankName: 'Nordea' },
    });
    expect(checkSwedishAccount('6000', '123 456 789')).toMatchObject({
      ok: true,
      value: { bankName: 'Handelsbanken' },
    });
    expect(checkSwedishAccount('5000', '1234560')).toMatchObject({ ok: true, value: { bankName: 'SEB' } });
    expect(checkSwedishAccount('8327-9', '123 456 789-7')).toMatchObject({
      ok: true,
      value: { clearingNumber: '83279', accountNumber: '1234567897', bankName: 'Swedbank' },
    });
  });

  it('says which part is wrong', () => {
    expect(checkSwedishAccount('3300', '8507099804')).toMatchObject({
      ok: false,
      problem: { field: 'accountNumber', code: 'se_account_check_digit' },
    });
    expect(checkSwedishAccount('9999', '1234567')).toMatchObject({
      ok: false,
      problem: { field: 'clearingNumber', code: 'se_clearing_unknown' },
    });
    expect(checkSwedishAccount('123', '1234567')).toMatchObject({
      ok: false,
      problem: { field: 'clearingNumber', code: 'se_clearing_format' },
    });
    expect(checkSwedishAccount('8327-0', '1234567897')).toMatchObject({
      ok: false,
      problem: { field: 'clearingNumber', code: 'se_clearing_check_digit' },
    });
    expect(checkSwedishAccount('6000', '12345678x')).toMatchObject({
      ok: false,
      problem: { field: 'accountNumber', code: 'se_account_characters' },
    });
  });

  it('prints the bank’s way', () => {
    expect(printSwedishAccount('3300', '8507099805')).toBe('3300, 850709-9805');
    expect(printSwedishAccount('6000', '123456789')).toBe('6000, 123 456 789');
  });
});
