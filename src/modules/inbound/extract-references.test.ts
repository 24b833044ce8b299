import { describe, expect, it } from 'vitest';
import { generateItalianFiscalCode, generateSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import { extractReferences, findRecordNumbers, normaliseAmount } from './extract-references.ts';

const TODAY = '2026-11-21';

describe('findRecordNumbers', () => {
  it('finds claim and case numbers however people write them, normalised and without repeats', () => {
    expect(
      findRecordNumbers('Re: clm-2026-000123 and CASE 2026 45, again CLM-2026-123; not XCLM-2026-000001'),
    ).toEqual([
      { prefix: 'CLM', number: 'CLM-2026-000123' },
      { prefix: 'CASE', number: 'CASE-2026-000045' },
    ]);
  });

  it('ignores numbers with too many digits', () => {
    expect(findRecordNumbers('CLM-2026-0001234')).toEqual([]);
  });
});

describe('extractReferences', () => {
  it('finds a valid personnummer in its common forms, and not one with a wrong check digit', () => {
    const pnr = generateSwedishPersonalNumber({ birthDate: '1985-03-15', sex: 'female', serial: 12 });
    const short = `${pnr.slice(2, 8)}-${pnr.slice(8)}`; // YYMMDD-NNNN
    const wrong = `${pnr.slice(0, -1)}${(Number(pnr.slice(-1)) + 1) % 10}`;
    const refs = extractReferences(`Mitt personnummer är ${short}. Fel: ${wrong}.`, TODAY);
    expect(refs.nationalIds).toEqual([{ country: 'SE', value: pnr }]);
  });

  it('finds a valid codice fiscale in any case and rejects a wrong check letter', () => {
    const cf = generateItalianFiscalCode({
      givenName: 'Giulia',
      familyName: 'Bianchi',
      birthDate: '1979-08-02',
      sex: 'female',
      placeCode: 'H501',
    });
    const wrongLetter = cf.endsWith('A') ? 'B' : 'A';
    const wrong = `${cf.slice(0, -1)}${wrongLetter}`;
    const refs = extractReferences(`Il mio codice fiscale è ${cf.toLowerCase()} (non ${wrong}).`, TODAY);
    expect(refs.nationalIds).toEqual([{ country: 'IT', value: cf }]);
  });

  it('reads a codice fiscale through OCR’s O/0 and I/1 confusions, by position', () => {
    const cf = generateItalianFiscalCode({
      givenName: 'Giulia',
      familyName: 'Bianchi',
      birthDate: '1979-08-02',
      sex: 'female',
      placeCode: 'H501',
    });
    // As OCR might print it: the digits 0 and 1 of H501 read as letters, the letter I of the name as 1.
    const scanned = `${cf.slice(0, 11).replace(/I/g, '1')}${cf.slice(11).replace('0', 'O').replace('1', 'I')}`;
    expect(scanned).not.toBe(cf);
    const refs = extractReferences(`Codice fiscale: ${scanned}.`, TODAY);
    expect(refs.nationalIds).toEqual([{ country: 'IT', value: cf }]);
  });

  it('reads a codice fiscale whose letters OCR took for look-alike digits (D/0, B/8, S/5, Z/2, G/6)', () => {
    const cases = [
      {
        givenName: 'Davide',
        familyName: 'Bossi',
        birthDate: '1983-03-22',
        sex: 'male' as const,
        placeCode: 'H501',
      },
      {
        givenName: 'Grazia',
        familyName: 'Zeta',
        birthDate: '1990-12-05',
        sex: 'female' as const,
        placeCode: 'F205',
      },
    ];
    const LOOK_ALIKE: Record<string, string> = { D: '0', B: '8', S: '5', Z: '2', G: '6', O: '0', I: '1' };
    for (const person of cases) {
      const cf = generateItalianFiscalCode(person);
      // Every letter outside the digit positions that has a look-alike digit is misread.
      const scanned = [...cf]
        .map((c, i) => ([6, 7, 9, 10, 12, 13, 14].includes(i) ? c : (LOOK_ALIKE[c] ?? c)))
        .join('');
      expect(scanned).not.toBe(cf);
      const refs = extractReferences(`Codice fiscale ${scanned}`, TODAY);
      expect(refs.nationalIds).toEqual([{ country: 'IT', value: cf }]);
    }
    // A wrong check character stays wrong, whatever the readings.
    const cf = generateItalianFiscalCode(cases[0] as (typeof cases)[0]);
    const wrong = `${cf.slice(0, -1)}${cf.endsWith('A') ? 'B' : 'A'}`;
    expect(extractReferences(`Codice fiscale ${wrong}`, TODAY).nationalIds).toEqual([]);
  });

  it('finds IBANs with or without spaces and stops at the end of the IBAN', () => {
    const refs = extractReferences(
      'Pay to SE45 5000 0000 0583 9825 7466 AB please, or IT60X0542811101000000123456. Not SE45 5000 0000 0583 9825 7467.',
    );
    expect(refs.ibans).toEqual(['SE4550000000058398257466', 'IT60X0542811101000000123456']);
  });

  it('reads amounts in Swedish, Italian and English notation with their currency', () => {
    const refs = extractReferences(
      'Kvittot: 1 234,50 kr och 500:-. Importo € 1.234,56 e 80 euro. Total: USD 1,250.00. Belopp: 99,90',
    );
    expect(refs.amounts).toEqual([
      { value: '1234.50', currency: 'SEK' },
      { value: '500', currency: 'SEK' },
      { value: '1234.56', currency: 'EUR' },
      { value: '80', currency: 'EUR' },
      { value: '1250.00', currency: 'USD' },
      { value: '99.90', currency: null },
    ]);
  });

  it('does not read the digits of a claim number as an identity number or amount', () => {
    const refs = extractReferences('Angående CLM-2026-000123 kr');
    expect(refs).toEqual({
      claimNumbers: ['CLM-2026-000123'],
      caseNumbers: [],
      nationalIds: [],
      ibans: [],
      amounts: [],
    });
  });
});

describe('normaliseAmount', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1.234,5', '1234.50'],
    ['1,234.56', '1234.56'],
    ['1.234', '1234'],
    ['0250', '250'],
    ['12', '12'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseAmount(raw)).toBe(expected);
  });
});
