// Mod-10 (Luhn) as Bankgirot and Plusgirot use it: weights 2,1,2,1,… from the rightmost digit
// before the check digit. Unlike the personnummer helper in lib/national-id (fixed nine digits,
// weighted from the left), giro numbers vary in length, so the weighting must start on the right.

/** The check digit that completes `payload` (digits only). */
export function luhnCheckDigitOf(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    let product = digit * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the Luhn check digit of the ones before it. */
export function hasValidLuhnCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigitOf(digits.slice(0, -1)) === Number(digits.slice(-1));
}
