import { minorToDecimal } from './pain001-amounts.ts';
import { xmlWriter } from './xml-writer.ts';

// The bank's side of the conversation: a camt.054.001.08 debit/credit notification about our
// outgoing credit transfers, as a bank writes it. We never send one; the demo seed "receives" the
// bank's answer to its own pain.001 files with it, and the tests build the files they import.
// How each outcome is written (the conventions parse-camt054.ts reads):
// - settled: a booked debit of our account (BkTxCd PMNT/ICDT/ESCT);
// - returned: a booked credit with TxDtls/RtrInf/Rsn/Cd (BkTxCd PMNT/ICDT/RRTN);
// - rejected: status RJCT (Sts/Prtry) with the reason in RtrInf;
// - pending: status PDNG and no booking date (the bank has it, nothing is booked yet).

export const CAMT054_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08';

export type Camt054Entry = {
  endToEndId: string;
  amountMinor: number;
  currency: string;
  outcome: 'settled' | 'returned' | 'rejected' | 'pending';
  /** YYYY-MM-DD; required unless pending. */
  bookingDate?: string | undefined;
  /** The ISO external return reason (AC04 …) of a return or rejection; MS03 when omitted. */
  reasonCode?: string | undefined;
  /** The bank's reference of the entry; omitted → the importer keys the entry by a digest. */
  acctSvcrRef?: string | undefined;
};

export type Camt054Input = {
  /** Max35Text, unique per file: the importer refuses a message id it has seen. */
  messageId: string;
  /** ISODateTime as the bank writes it, e.g. 2026-03-04T08:00:00. */
  createdAt: string;
  /** Our account the notification is about (the debtor IBAN of the pain.001). */
  accountIban: string;
  entries: readonly Camt054Entry[];
};

/** One notification (Ntfctn) with one entry (Ntry) per transfer; pure, no I/O. */
export function buildCamt054(input: Camt054Input): string {
  const x = xmlWriter().open('Document', { xmlns: CAMT054_NAMESPACE }).open('BkToCstmrDbtCdtNtfctn');
  x.open('GrpHdr').leaf('MsgId', input.messageId).leaf('CreDtTm', input.createdAt).close();
  x.open('Ntfctn')
    .leaf('Id', `${input.messageId.slice(0, 30)}-1`)
    .leaf('CreDtTm', input.createdAt)
    .open('Acct')
    .open('Id')
    .leaf('IBAN', input.accountIban)
    .close()
    .close();
  for (const e of input.entries) {
    const amount = minorToDecimal(e.amountMinor, e.currency);
    // A return brings the money back to our account: a credit. Everything else is about a debit.
    const creditDebit = e.outcome === 'returned' ? 'CRDT' : 'DBIT';
    x.open('Ntry').leaf('Amt', amount, { Ccy: e.currency }).leaf('CdtDbtInd', creditDebit).open('Sts');
    if (e.outcome === 'rejected') x.leaf('Prtry', 'RJCT');
    else x.leaf('Cd', e.outcome === 'pending' ? 'PDNG' : 'BOOK');
    x.close();
    if (e.outcome !== 'pending') {
      if (!e.bookingDate) throw new RangeError(`a ${e.outcome} entry needs its booking date`);
      x.open('BookgDt').leaf('Dt', e.bookingDate).close();
    }
    if (e.acctSvcrRef) x.leaf('AcctSvcrRef', e.acctSvcrRef);
    x.open('BkTxCd')
      .open('Domn')
      .leaf('Cd', 'PMNT')
      .open('Fmly')
      .leaf('Cd', 'ICDT')
      .leaf('SubFmlyCd', e.outcome === 'returned' ? 'RRTN' : 'ESCT')
      .close()
      .close()
      .close();
    x.open('NtryDtls')
      .open('TxDtls')
      .open('Refs')
      .leaf('EndToEndId', e.endToEndId)
      .close()
      .leaf('Amt', amount, { Ccy: e.currency })
      .leaf('CdtDbtInd', creditDebit);
    if (e.outcome === 'returned' || e.outcome === 'rejected') {
      const code = e.reasonCode ?? 'MS03';
      x.open('RtrInf')
        .open('Rsn')
        .leaf('Cd', code)
        .close()
        .leaf('AddtlInf', `Returned by the creditor's bank (${code})`)
        .close();
    }
    x.close().close().close();
  }
  return x.close().close().close().done();
}
