import { describe, expect, it } from 'vitest';
import { camt054, minorToDecimal } from '../../../../test/support/camt054.ts';
import { returnNeedsNewAccount, returnReasonText } from './camt054-reason-texts.ts';
import { classify, decimalToMinor, parseCamt054 } from './parse-camt054.ts';
import { validateAgainstXsd } from './validate-against-xsd.ts';

describe('decimalToMinor', () => {
  it('converts decimal text exactly, by the currency’s minor digits', () => {
    expect(decimalToMinor('1250.00', 'SEK')).toBe(125_000);
    expect(decimalToMinor('1250.5', 'SEK')).toBe(125_050);
    expect(decimalToMinor('0.10', 'EUR')).toBe(10);
    expect(decimalToMinor('1250', 'SEK')).toBe(125_000);
    expect(decimalToMinor('1250.10000', 'SEK')).toBe(125_010);
    expect(decimalToMinor('1250', 'JPY')).toBe(1250);
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
    // 0.1 + 0.2 is where floating point goes wrong; string arithmetic does not.
    expect(decimalToMinor('90071992547409.91', 'SEK')).toBe(9_007_199_254_740_991);
  });

  it('refuses what is not exactly representable', () => {
    expect(decimalToMinor('1.005', 'SEK')).toBeNull();
    expect(decimalToMinor('1.5', 'JPY')).toBeNull();
    expect(decimalToMinor('abc', 'SEK')).toBeNull();
    expect(decimalToMinor('.', 'SEK')).toBeNull();
    expect(decimalToMinor('90071992547409.92', 'SEK')).toBeNull();
  });

  it('round-trips with the test builder’s minorToDecimal', () => {
    for (const n of [0, 1, 9, 10, 99, 100, 125_050, 123_456_789]) {
      expect(decimalToMinor(minorToDecimal(n, 'SEK'), 'SEK')).toBe(n);
    }
    expect(minorToDecimal(5, 'SEK')).toBe('0.05');
  });
});

describe('classify', () => {
  const base = { creditDebit: 'DBIT' as const, reversal: false, hasReturnInfo: false };
  it('a booked debit settles; return information or a reversal returns; RJCT rejects', () => {
    expect(classify({ ...base, status: 'BOOK' }).outcome).toBe('settled');
    expect(classify({ ...base, status: 'BOOK', creditDebit: 'CRDT', hasReturnInfo: true }).outcome).toBe(
      'returned',
    );
    expect(classify({ ...base, status: 'BOOK', reversal: true }).outcome).toBe('returned');
    expect(classify({ ...base, status: 'RJCT', hasReturnInfo: true }).outcome).toBe('rejected');
  });
  it('pending, information and unbooked credits are ignored with a note', () => {
    expect(classify({ ...base, status: 'PDNG' })).toMatchObject({ outcome: 'ignored', note: /PDNG/ });
    expect(classify({ ...base, status: 'INFO' })).toMatchObject({ outcome: 'ignored', note: /INFO/ });
    expect(classify({ ...base, status: 'BOOK', creditDebit: 'CRDT' })).toMatchObject({
      outcome: 'ignored',
      note: /credit/,
    });
  });
});

describe('camt.054 test builder and parser', () => {
  const xml = camt054({
    messageId: 'BANK-MSG-0001',
    entries: [
      { endToEndId: 'PAY-2026-000001', amountMinor: 125_000, outcome: 'settled', acctSvcrRef: 'REF-1' },
      { endToEndId: 'PAY-2026-000002', amountMinor: 99_95, outcome: 'returned', reasonCode: 'AC04' },
      {
        endToEndId: 'PAY-2026-000003',
        amountMinor: 100,
        currency: 'EUR',
        outcome: 'rejected',
        reasonCode: 'AC01',
      },
      { endToEndId: 'PAY-2026-000004', amountMinor: 500, outcome: 'pending' },
    ],
  });

  it('builds documents that validate against the camt.054.001.08 schema', async () => {
    expect(await validateAgainstXsd(xml, 'camt.054.001.08')).toEqual({ valid: true, problems: [] });
  });

  it('a broken document fails the schema with a line number', async () => {
    const broken = xml.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>DEBIT</CdtDbtInd>');
    const verdict = await validateAgainstXsd(broken, 'camt.054.001.08');
    expect(verdict.valid).toBe(false);
    expect(verdict.problems[0]?.line).toBeGreaterThan(1);
  });

  it('reads message id, references, exact amounts, status, dates and return reasons', () => {
    const parsed = parseCamt054(xml);
    expect(parsed.messageId).toBe('BANK-MSG-0001');
    expect(parsed.transactions).toHaveLength(4);
    const [settled, returned, rejected, pending] = parsed.transactions;
    expect(settled).toMatchObject({
      endToEndId: 'PAY-2026-000001',
      acctSvcrRef: 'REF-1',
      amountMinor: 125_000,
      currency: 'SEK',
      creditDebit: 'DBIT',
      status: 'BOOK',
      bookingDate: '2026-03-03',
      outcome: 'settled',
      reasonCode: null,
      entryKey: 'ref:SE4550000000058398257466:REF-1',
    });
    expect(returned).toMatchObject({
      amountMinor: 99_95,
      creditDebit: 'CRDT',
      outcome: 'returned',
      reasonCode: 'AC04',
      reasonInfo: [expect.stringContaining('AC04')],
    });
    expect(returned?.entryKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rejected).toMatchObject({
      outcome: 'rejected',
      reasonCode: 'AC01',
      currency: 'EUR',
      amountMinor: 100,
    });
    expect(pending).toMatchObject({
      outcome: 'ignored',
      bookingDate: null,
      note: expect.stringContaining('PDNG'),
    });
  });

  it('keys an entry without the bank’s reference by its content, the same in any file', () => {
    const entry = {
      endToEndId: 'PAY-X',
      amountMinor: 1000,
      outcome: 'returned' as const,
      reasonCode: 'AC04',
    };
    const a = parseCamt054(camt054({ messageId: 'A', entries: [entry] })).transactions[0];
    const b = parseCamt054(camt054({ messageId: 'B', createdAt: '2026-04-01T00:00:00', entries: [entry] }))
      .transactions[0];
    const c = parseCamt054(camt054({ messageId: 'C', entries: [{ ...entry, amountMinor: 1001 }] }))
      .transactions[0];
    expect(a?.entryKey).toBe(b?.entryKey);
    expect(a?.entryKey).not.toBe(c?.entryKey);
  });

  it('an entry with several transactions gives one line each, with the entry’s reference split', () => {
    const multi = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-04T08:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N1</Id><Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>
<Ntry><Amt Ccy="SEK">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><DtTm>2026-03-03T10:00:00</DtTm></BookgDt><AcctSvcrRef>BATCH-9</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs><Amt Ccy="SEK">10.00</Amt></TxDtls>
<TxDtls><Refs><EndToEndId>E2</EndToEndId></Refs><Amt Ccy="SEK">20.00</Amt></TxDtls></NtryDtls>
</Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    const parsed = parseCamt054(multi);
    expect(parsed.transactions.map((t) => [t.endToEndId, t.amountMinor, t.entryKey, t.bookingDate])).toEqual([
      ['E1', 1000, 'ref:SE4550000000058398257466:BATCH-9/E1', '2026-03-03'],
      ['E2', 2000, 'ref:SE4550000000058398257466:BATCH-9/E2', '2026-03-03'],
    ]);
  });
});

describe('return reason texts', () => {
  it('names common codes in every language, and unknown codes as they came', () => {
    expect(returnReasonText('AC04', 'en')).toBe('bank account closed — ask the customer for a new one');
    expect(returnReasonText('ac04', 'sv')).toContain('avslutat');
    expect(returnReasonText('AC04', 'it')).toContain('chiuso');
    expect(returnReasonText('ZZ99', 'en')).toContain('ZZ99');
    expect(returnNeedsNewAccount('AC04')).toBe(true);
    expect(returnNeedsNewAccount('AM04')).toBe(false);
    expect(returnNeedsNewAccount(null)).toBe(true);
  });
});
