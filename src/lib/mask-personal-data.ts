// Logs must never carry identity numbers, emails or phone numbers (GDPR: logs are copied,
// shipped and kept longer than the records they describe). This masks the shapes of those values
// wherever they appear in free text such as URLs and error messages.

const PATTERNS: [RegExp, string][] = [
  // IBAN-like strings (before the digit rules, which would eat their digits)
  [/\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b/g, '[iban]'],
  // e-mail addresses
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // Italian codice fiscale, including omocodia letters in the digit positions
  [
    /\b[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]\b/g,
    '[national-id]',
  ],
  // Swedish personnummer / samordningsnummer, 10 or 12 digits with optional separator
  [/\b(\d{2})?\d{6}[-+]?\d{4}\b/g, '[national-id]'],
  // international phone numbers with their spacing, and any other long digit run
  [/\+\d[\d ()-]{6,}\d/g, '[number]'],
  [/\b\d{8,}\b/g, '[number]'],
];

export function maskPersonalData(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
