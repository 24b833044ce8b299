// Amounts are typed in the currency's major unit (kronor, euro) and travel in integer minor units,
// by the currency's own number of minor digits (SEK and EUR: 2). One place for the conversion, so
// the desk, the portal and the admin screens cannot round differently.

const digitsByCurrency = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      // Not an ISO currency code: the server refuses it with its own error; display as if 2.
      digits = 2;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** A typed amount in minor units; null for an empty or non-numeric field (the server says which). */
export function parseMinor(amount: number | string, currency: string): number | null {
  if (amount === '') return null;
  const value = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(value) ? toMinor(value, currency) : null;
}
