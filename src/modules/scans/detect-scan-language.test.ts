import { describe, expect, it } from 'vitest';
import { detectScanLanguage } from './detect-scan-language.ts';

describe('detectScanLanguage', () => {
  it('tells Swedish, Italian and English letters apart', () => {
    expect(
      detectScanLanguage(
        'Hej! Jag skriver angående min skada. Väskan försvann på resan till Göteborg och jag har ' +
          'bifogat kvittona för det jag fick köpa. Mitt personnummer är 19800101-1234.',
      ),
    ).toBe('sv');
    expect(
      detectScanLanguage(
        'Gentile assicurazione, vi scrivo per la mia pratica. Il bagaglio è arrivato con tre giorni di ' +
          'ritardo e allego le ricevute delle spese sostenute, per un totale di 245,50 euro.',
      ),
    ).toBe('it');
    expect(
      detectScanLanguage(
        'Dear Sir or Madam, I am writing about my claim. My luggage was delayed for three days and I ' +
          'enclose the receipts for what I had to buy. Please pay the amount into my account.',
      ),
    ).toBe('en');
  });

  it('reads through OCR noise, numbers and references', () => {
    expect(
      detectScanLanguage(
        'Till försäkringsbolaget | CLM-2026-000123 | Jag vill att ni betalar ersättningen till mitt ' +
          'konto SE45 5000 0000 0583 9825 7466 så snart som möjligt. Med vänliga hälsningar, Anna',
      ),
    ).toBe('sv');
  });

  it('says nothing rather than guess from too little text', () => {
    expect(detectScanLanguage('')).toBeNull();
    expect(detectScanLanguage('CLM-2026-000123 SE45 5000 0000 0583 9825 7466 245,50')).toBeNull();
    expect(detectScanLanguage('Hej då')).toBeNull();
  });
});
