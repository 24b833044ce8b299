import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import { buildPain001, type Pain001Input, type Pain001Payment } from './build-pain001.ts';
import { decimalToMinor } from './pain001-amounts.ts';
import { validateAgainstXsd } from './validate-against-xsd.ts';

// Every file is checked with the real validator (libxml2 through xmllint-wasm) against the
// official schemas in standards/iso20022: no mock can tell us a bank would accept it.

const SE_IBAN = 'SE4550000000058398257466';
const IT_IBAN = 'IT60X0542811101000000123456';

function payment(n: number, over: Partial<Pain001Payment> = {}): Pain001Payment {
  const number = `PAY-2026-${String(n).padStart(6, '0')}`;
  return {
    instructionId: number,
    endToEndId: number,
    amountMinor: 1000 * n + 5,
    creditor: {
      name: `Kund ${n}`,
      scheme: 'iban',
      iban: SE_IBAN,
      bic: 'ESSESESS',
      clearingNumber: null,
      accountNumber: null,
    },
    remittance: `Claimdesk CLM-2026-${String(n).padStart(6, '0')}`,
    ...over,
  };
}

function batch(currency: 'SEK' | 'EUR', payments: Pain001Payment[]): Pain001Input {
  return {
    messageId: `CLAIMDESK-PBT-2026-00000${currency === 'SEK' ? 1 : 2}`,
    paymentInfoId: 'PBT-2026-000001',
    createdAt: new Date('2026-03-01T09:30:00Z'),
    currency,
    requestedExecutionDate: '2026-03-02',
    initiatingPartyName: 'Claimdesk Försäkring AB',
    debtor:
      currency === 'SEK'
        ? { name: 'Claimdesk Försäkring AB', iban: SE_IBAN, bic: 'ESSESESS' }
        : { name: 'Claimdesk Assicurazioni S.p.A.', iban: IT_IBAN, bic: 'BPMOIT22' },
    payments,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (n) => n === 'CdtTrfTxInf',
});
type Tx = {
  PmtId: { EndToEndId: string };
  Amt: { InstdAmt: { '#text': string; '@_Ccy': string } };
  Cdtr: { Nm: string };
};

function parse(xml: string) {
  const doc = parser.parse(xml).Document.CstmrCdtTrfInitn;
  return { header: doc.GrpHdr, info: doc.PmtInf, txs: doc.PmtInf.CdtTrfTxInf as Tx[] };
}

describe('buildPain001', () => {
  it('builds a SEK file that validates, with the right count, control sum and message id', async () => {
    const payments = [
      payment(1, { creditor: { ...payment(1).creditor, name: 'Åsa Öberg' } }),
      payment(2, {
        creditor: {
          name: 'Bo Ek',
          scheme: 'bankgiro',
          iban: null,
          bic: null,
          clearingNumber: null,
          accountNumber: '56760064',
        },
      }),
      payment(3, {
        creditor: {
          name: 'Bo Ek',
          scheme: 'plusgiro',
          iban: null,
          bic: null,
          clearingNumber: null,
          accountNumber: '4711',
        },
      }),
      payment(4, {
        creditor: {
          name: 'Bo Ek',
          scheme: 'se_account',
          iban: null,
          bic: null,
          clearingNumber: '8327',
          accountNumber: '9940034562',
        },
      }),
    ];
    const file = buildPain001(batch('SEK', payments));
    expect(await validateAgainstXsd(file.xml, 'pain.001.001.09')).toEqual({ valid: true, problems: [] });

    const { header, info, txs } = parse(file.xml);
    const expected = payments.reduce((s, p) => s + p.amountMinor, 0);
    expect(header.MsgId).toBe('CLAIMDESK-PBT-2026-000001');
    expect(header.NbOfTxs).toBe('4');
    expect(decimalToMinor(header.CtrlSum, 'SEK')).toBe(BigInt(expected));
    expect(info.CtrlSum).toBe(header.CtrlSum);
    expect(info.NbOfTxs).toBe('4');
    expect(info.PmtTpInf).toBeUndefined();
    expect(file.controlSumMinor).toBe(BigInt(expected));
    expect(txs.map((t) => t.PmtId.EndToEndId)).toEqual(payments.map((p) => p.endToEndId));
    expect(txs.reduce((s, t) => s + decimalToMinor(t.Amt.InstdAmt['#text'], 'SEK'), 0n)).toBe(
      BigInt(expected),
    );
    expect(txs[0]?.Cdtr.Nm).toBe('Åsa Öberg');
    expect(file.xml).toContain('<Prtry>BGNR</Prtry>');
    expect(file.xml).toContain('<Prtry>PGNR</Prtry>');
    expect(file.xml).toContain('<Id>83279940034562</Id>');
  });

  it('builds a EUR file that validates against ISO and the EPC SEPA schema, in the EPC character set', async () => {
    const payments = [
      payment(1, { creditor: { ...payment(1).creditor, name: 'Niccolò Ferrà & Figli – Società' } }),
      payment(2, { creditor: { ...payment(2).creditor, name: 'X'.repeat(90), iban: IT_IBAN, bic: null } }),
    ];
    const file = buildPain001(batch('EUR', payments));
    expect(await validateAgainstXsd(file.xml, 'pain.001.001.09')).toEqual({ valid: true, problems: [] });
    expect(await validateAgainstXsd(file.xml, 'pain.001.001.09.epc')).toEqual({ valid: true, problems: [] });
    const { info, txs } = parse(file.xml);
    expect(info.PmtTpInf.SvcLvl.Cd).toBe('SEPA');
    expect(info.ChrgBr).toBe('SLEV');
    expect(txs[0]?.Cdtr.Nm).toBe('Niccolo Ferra + Figli - Societa');
    expect(txs[1]?.Cdtr.Nm).toBe('X'.repeat(70));
    expect(txs[0]?.Amt.InstdAmt['@_Ccy']).toBe('EUR');
    expect(file.xml).not.toMatch(/Försäkring/);
  });

  it('a 36-character EndToEndId fails validation with a line number', async () => {
    const file = buildPain001(batch('SEK', [payment(1), payment(2, { endToEndId: 'E'.repeat(36) })]));
    const verdict = await validateAgainstXsd(file.xml, 'pain.001.001.09');
    expect(verdict.valid).toBe(false);
    const line = file.xml.split('\n').findIndex((l) => l.includes('E'.repeat(36))) + 1;
    expect(verdict.problems[0]?.line).toBe(line);
    expect(verdict.problems[0]?.message).toMatch(/EndToEndId/);
  });

  it('a large file (validated by streaming) passes, and fails with the line of its one bad payment', async () => {
    // ~15,000 payments: above the size from which the validator streams instead of building a tree.
    const many = Array.from({ length: 15_000 }, (_, i) => payment(i + 1));
    const good = buildPain001(batch('SEK', many));
    expect(good.xml.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(await validateAgainstXsd(good.xml, 'pain.001.001.09')).toEqual({ valid: true, problems: [] });
    many[9_999] = payment(10_000, { endToEndId: 'E'.repeat(36) });
    const bad = buildPain001(batch('SEK', many));
    const verdict = await validateAgainstXsd(bad.xml, 'pain.001.001.09');
    expect(verdict.valid).toBe(false);
    const line = bad.xml.split('\n').findIndex((l) => l.includes('E'.repeat(36))) + 1;
    expect(verdict.problems[0]?.line).toBe(line);
    // Not well-formed: streaming gives up, the tree pass reports it with its line.
    const broken = `${bad.xml.slice(0, -200)}`;
    const brokenVerdict = await validateAgainstXsd(broken, 'pain.001.001.09');
    expect(brokenVerdict.valid).toBe(false);
    expect(brokenVerdict.problems.length).toBeGreaterThan(0);
  }, 60_000);

  it('a malformed IBAN forced in fails validation with its line', async () => {
    const bad = { ...payment(1).creditor, iban: 'se45 5000' };
    const file = buildPain001(batch('EUR', [payment(1, { creditor: bad })]));
    const verdict = await validateAgainstXsd(file.xml, 'pain.001.001.09.epc');
    expect(verdict.valid).toBe(false);
    expect(verdict.problems[0]?.line).toBe(
      file.xml.split('\n').findIndex((l) => l.includes('se45 5000')) + 1,
    );
  });

  it('refuses what it cannot express, naming each payment', () => {
    const giro = {
      name: 'Bo Ek',
      scheme: 'bankgiro' as const,
      iban: null,
      bic: null,
      clearingNumber: null,
      accountNumber: '56760064',
    };
    try {
      buildPain001(
        batch('EUR', [
          payment(1, { creditor: giro }),
          payment(2, { creditor: { ...giro, scheme: 'iban', name: '李小龍' } }),
        ]),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect(e.code).toBe('bank_file_generation_failed');
      const problems = e.extra.problems as { paymentId: string; message: string }[];
      expect(problems.map((p) => p.paymentId)).toEqual(['PAY-2026-000001', 'PAY-2026-000002']);
      expect(problems[0]?.message).toMatch(/only be paid in SEK/);
    }
    expect(() => buildPain001(batch('SEK', []))).toThrow(AppError);
  });
});
