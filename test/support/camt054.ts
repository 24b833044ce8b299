import { create } from 'xmlbuilder2';
import { newId } from '../../src/lib/ids.ts';
import { minorDigits } from '../../src/modules/payments/iso20022/parse-camt054.ts';

// Builds camt.054.001.08 notifications for tests, the way a bank writes them about our outgoing
// credit transfers (validated against the XSD in camt054.test.ts):
// - settled: a booked debit of our account (BkTxCd PMNT/ICDT/ESCT);
// - returned: a booked credit with TxDtls/RtrInf/Rsn/Cd (BkTxCd PMNT/ICDT/RRTN);
// - rejected: status RJCT (Sts/Prtry) with the reason in RtrInf — the convention the parser reads;
// - pending: status PDNG, no booking date.

export type CamtEntrySpec = {
  endToEndId: string;
  amountMinor: number;
  currency?: string;
  bookingDate?: string;
  outcome: 'settled' | 'returned' | 'rejected' | 'pending';
  reasonCode?: string;
  /** The bank's reference of the entry; omitted → the importer keys the entry by a digest. */
  acctSvcrRef?: string;
};

export type CamtFileSpec = {
  messageId?: string;
  createdAt?: string;
  accountIban?: string;
  entries: CamtEntrySpec[];
};

export const OUR_SEK_ACCOUNT = 'SE4550000000058398257466';

/** Integer minor units as the decimal text of an ISO 20022 amount ("125000" SEK → "1250.00"). */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function camt054(spec: CamtFileSpec): string {
  const messageId = spec.messageId ?? `CAMT-${newId().replaceAll('-', '').slice(0, 28)}`;
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele('urn:iso:std:iso:20022:tech:xsd:camt.054.001.08', 'Document')
    .ele('BkToCstmrDbtCdtNtfctn');
  const createdAt = spec.createdAt ?? '2026-03-04T08:00:00';
  root.ele('GrpHdr').ele('MsgId').txt(messageId).up().ele('CreDtTm').txt(createdAt);
  const ntfctn = root.ele('Ntfctn');
  ntfctn.ele('Id').txt(`${messageId.slice(0, 30)}-1`);
  ntfctn.ele('CreDtTm').txt(createdAt);
  ntfctn
    .ele('Acct')
    .ele('Id')
    .ele('IBAN')
    .txt(spec.accountIban ?? OUR_SEK_ACCOUNT);
  for (const e of spec.entries) {
    const currency = e.currency ?? 'SEK';
    const amount = minorToDecimal(e.amountMinor, currency);
    const credit = e.outcome === 'returned';
    const ntry = ntfctn.ele('Ntry');
    ntry.ele('Amt', { Ccy: currency }).txt(amount);
    ntry.ele('CdtDbtInd').txt(credit ? 'CRDT' : 'DBIT');
    const sts = ntry.ele('Sts');
    if (e.outcome === 'rejected') sts.ele('Prtry').txt('RJCT');
    else sts.ele('Cd').txt(e.outcome === 'pending' ? 'PDNG' : 'BOOK');
    if (e.outcome !== 'pending') {
      ntry
        .ele('BookgDt')
        .ele('Dt')
        .txt(e.bookingDate ?? '2026-03-03');
    }
    if (e.acctSvcrRef) ntry.ele('AcctSvcrRef').txt(e.acctSvcrRef);
    ntry
      .ele('BkTxCd')
      .ele('Domn')
      .ele('Cd')
      .txt('PMNT')
      .up()
      .ele('Fmly')
      .ele('Cd')
      .txt('ICDT')
      .up()
      .ele('SubFmlyCd')
      .txt(credit ? 'RRTN' : 'ESCT');
    const tx = ntry.ele('NtryDtls').ele('TxDtls');
    tx.ele('Refs').ele('EndToEndId').txt(e.endToEndId);
    tx.ele('Amt', { Ccy: currency }).txt(amount);
    tx.ele('CdtDbtInd').txt(credit ? 'CRDT' : 'DBIT');
    if (e.outcome === 'returned' || e.outcome === 'rejected') {
      const rtr = tx.ele('RtrInf');
      rtr
        .ele('Rsn')
        .ele('Cd')
        .txt(e.reasonCode ?? 'MS03');
      rtr.ele('AddtlInf').txt(`Returned by the creditor's bank (${e.reasonCode ?? 'MS03'})`);
    }
  }
  return root.end({ prettyPrint: true });
}
