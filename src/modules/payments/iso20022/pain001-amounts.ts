// Amounts in bank files are decimal text ("1500.00"), our money is integer minor units. The
// conversion is done on digits, never through a float: 0.1 + 0.2 must not reach a bank.

// ISO 4217 exponents of the currencies we may pay in; Intl knows the rest.
const EXPONENTS: Readonly<Record<string, number>> = { SEK: 2, EUR: 2, DKK: 2, NOK: 2, JPY: 0, ISK: 0 };

/** The number of minor-unit digits of a currency (2 for SEK and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  const known = EXPONENTS[currency];
  if (known !== undefined) return known;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Minor units as decimal text with exactly the currency's digits: 150000 SEK → "1500.00". */
export function minorToDecimal(minor: number | bigint, currency: string): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`amount ${minor} is not an integer number of minor units`);
  }
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = minorDigits(currency);
  const abs = (negative ? -value : value).toString();
  let text: string;
  if (digits === 0) text = abs;
  else {
    const padded = abs.padStart(digits + 1, '0');
    text = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  }
  return negative ? `-${text}` : text;
}

/** Decimal text back to minor units (the inverse of minorToDecimal; for reading files back). */
export function decimalToMinor(text: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal amount`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > digits)
    throw new RangeError(`"${text}" has more than ${digits} decimals for ${currency}`);
  const value = BigInt(`${m[2]}${fraction.padEnd(digits, '0')}`);
  return m[1] === '-' ? -value : value;
}

/** The exact sum of minor amounts (a BigInt: 100 000 payments never lose a cent). */
export function sumMinor(amounts: Iterable<number | bigint>): bigint {
  let total = 0n;
  for (const a of amounts) total += BigInt(a);
  return total;
}
