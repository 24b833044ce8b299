import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { parseNewValue } from './new-value.ts';

const address = (country: string, postalCode: string) => ({
  street: 'Storgatan 1',
  postalCode,
  city: 'X',
  country,
});

function refusal(raw: unknown): { path: (string | number)[]; code: string }[] {
  try {
    parseNewValue('address', raw);
  } catch (error) {
    if (error instanceof AppError) return error.errors.map((e) => ({ path: e.path, code: e.code }));
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('address changes: postal codes per country', () => {
  it('accepts Swedish NNN NN and stores NNNNN with the space', () => {
    expect(parseNewValue('address', address('SE', '411 24')).value).toMatchObject({ postalCode: '411 24' });
    expect(parseNewValue('address', address('SE', '41124')).value).toMatchObject({ postalCode: '411 24' });
  });
  it('accepts an Italian CAP of five digits', () => {
    expect(parseNewValue('address', address('IT', '00184')).value).toMatchObject({ postalCode: '00184' });
  });
  it.each([
    ['SE', '4112'],
    ['SE', '411-24'],
    ['SE', 'SE-41124'],
    ['IT', '184'],
    ['IT', '001 84'],
    ['IT', 'I-00184'],
  ])('refuses %s %s with the field path', (country, code) => {
    expect(refusal(address(country, code))).toEqual([
      { path: ['newValue', 'postalCode'], code: 'postal_code_format' },
    ]);
  });
  it('leaves other countries to the register rule', () => {
    expect(parseNewValue('address', address('DE', '10115')).value).toMatchObject({ postalCode: '10115' });
  });
});
