// Amounts are typed in the currency's major unit and sent in integer minor units, with the
// currency's own number of minor digits (SEK and EUR: 2).

export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** null for an empty field (the server then says which line lacks an amount). */
export function toMinor(amount: number | string, currency: string): number | null {
  if (amount === '' || amount === null) return null;
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 10 ** minorDigits(currency));
}
