// The CIN (Codice di Controllo Interno) of an Italian (and San Marino) BBAN: one letter before ABI,
// CAB and account number that checks those 22 characters, with the same odd/even tables as the
// codice fiscale's check character. ibantools checks only the IBAN's mod 97, which a BBAN with a
// mistyped digit and recomputed IBAN check digits (as some online "IBAN calculators" produce)
// passes; the CIN catches it.

const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const codeOf = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65);

/** The CIN letter for ABI (5) + CAB (5) + account (12 characters, upper case). */
export function italianCin(abiCabAccount: string): string {
  let sum = 0;
  for (let i = 0; i < abiCabAccount.length; i++) {
    const v = codeOf(abiCabAccount[i] as string);
    // Positions count from 1: odd positions are the even indexes.
    sum += i % 2 === 0 ? (ODD[v] as number) : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** True when the first letter of an IT/SM BBAN is the CIN of the 22 characters after it. */
export function hasValidItalianCin(bban: string): boolean {
  if (!/^[A-Z]\d{10}[0-9A-Z]{12}$/.test(bban)) return false;
  return italianCin(bban.slice(1)) === bban[0];
}
