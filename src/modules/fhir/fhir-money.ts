// FHIR decimals (Money.value) to our integer minor units, exactly.

/** Minor units per major unit of an ISO 4217 currency (SEK, EUR 2; JPY 0), or null if unknown. */
export function currencyDigits(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return null;
  }
}

/** A FHIR decimal amount in integer minor units; null when it has more decimals than the currency. */
export function toMinorUnits(value: number, digits: number): number | null {
  const scaled = value * 10 ** digits;
  const minor = Math.round(scaled);
  if (Math.abs(scaled - minor) > 1e-6 || !Number.isSafeInteger(minor)) return null;
  return minor;
}
