import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber, storedPhoneVariants } from './phone-number.ts';

describe('normalisePhoneNumber', () => {
  it.each([
    ['070-123 45 67', 'SE', '+46701234567'],
    ['0701234567', 'SE', '+46701234567'],
    ['+46 70 123 45 67', 'SE', '+46701234567'],
    ['+46 (0)70-123 45 67', 'IT', '+46701234567'],
    ['0046 70 123 45 67', 'IT', '+46701234567'],
    ['08-123 456 78', 'SE', '+46812345678'],
    ['02 1234 5678', 'IT', '+390212345678'],
    ['333 123 4567', 'IT', '+393331234567'],
    ['+39 333 123 4567', 'SE', '+393331234567'],
    ['0039 06 1234567', 'SE', '+39061234567'],
    ['+44 20 7946 0958', 'SE', '+442079460958'],
    ['  070.123.45.67 ', 'SE', '+46701234567'],
  ] as const)('%s (%s) → %s', (raw, country, e164) => {
    expect(normalisePhoneNumber(raw, country)).toEqual({ ok: true, e164 });
  });

  it('reads a national number as Swedish unless told otherwise', () => {
    expect(normalisePhoneNumber('070-123 45 67')).toEqual({ ok: true, e164: '+46701234567' });
  });

  it.each([
    ['', 'SE'],
    ['abc', 'SE'],
    ['070-123 45 67 ext 2', 'SE'],
    ['+46 70 abc', 'SE'],
    ['12', 'SE'],
    ['701234567', 'SE'], // Swedish without the trunk 0 or +46: ambiguous
    ['070 12', 'SE'],
    ['0701234567890', 'SE'],
    ['512345678', 'IT'],
    ['+0123456789', 'SE'],
    ['++46701234567', 'SE'],
    ['+1 23', 'SE'],
  ] as const)('refuses %j (%s)', (raw, country) => {
    const result = normalisePhoneNumber(raw, country);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe('storedPhoneVariants', () => {
  it('gives every form the same number may be stored in, digits and + only', () => {
    expect(storedPhoneVariants('+46701234567').sort()).toEqual(
      ['+46701234567', '0046701234567', '46701234567', '0701234567', '+460701234567'].sort(),
    );
    expect(storedPhoneVariants('+390212345678')).toContain('0212345678');
    for (const v of storedPhoneVariants('+393331234567')) expect(v).toMatch(/^\+?\d+$/);
  });
});
