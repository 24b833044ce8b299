import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask-personal-data.ts';

describe('maskPersonalData', () => {
  it.each([
    ['/customers?q=19850709-9805', '/customers?q=[national-id]'],
    ['/customers?q=850709-9805', '/customers?q=[national-id]'],
    ['/customers?q=198507099805', '/customers?q=[national-id]'],
    ['/customers?q=RSSMRA85T10A562S', '/customers?q=[national-id]'],
    ['/customers?q=rssmra85t10a562s', '/customers?q=[national-id]'],
    ['mail anna.svensson@example.se now', 'mail [email] now'],
    ['call +46 70 123 45 67', 'call [number]'],
    ['pay SE4550000000058398257466', 'pay [iban]'],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('leaves ordinary text and short numbers alone', () => {
    expect(maskPersonalData('/claims/CLM-2026-000123?limit=50')).toBe('/claims/CLM-2026-000123?limit=50');
  });
});
