import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

// Reading a camt.054.001.08 (bank-to-customer debit/credit notification) that already passed the
// XSD (pure: no I/O). One line per transaction (Ntry/NtryDtls/TxDtls; an entry without details is
// one transaction of its own), classified for our outgoing payments:
//
//   settled   a booked (Sts BOOK) debit, no return information, not a reversal: the money left our
//             account for the creditor.
//   returned  return information (TxDtls/RtrInf) on a booked entry, or a reversal (RvslInd true):
//             the money came back — typically a credit with Rsn/Cd AC04 (account closed), AC01
//             (wrong account number), MS03… The reason is RtrInf/Rsn/Cd (or Prtry).
//   rejected  the bank refused the order before any money moved. ISO 20022 reports refusals in
//             pain.002, not camt.054, so there is no standard camt.054 status for it; some banks
//             put such an entry in their notifications with the status RJCT (Sts/Cd or Sts/Prtry,
//             which the schema allows: an external code of up to 4 letters). We recognise exactly
//             that convention — status RJCT, with the reason in RtrInf — and nothing else.
//   ignored   anything that is not final or not ours: pending (PDNG), information (INFO), future
//             (FUTR) or any other status; a booked credit without return information (incoming
//             money is not one of our payouts). Reported with the reason, never applied.

export type CamtOutcome = 'settled' | 'returned' | 'rejected';

export type CamtTransaction = {
  /** 1-based positions in the file, for the report. */
  notification: number;
  entry: number;
  transaction: number;
  accountId: string | null;
  endToEndId: string | null;
  /** TxDtls/Refs/AcctSvcrRef, else the entry's AcctSvcrRef. */
  acctSvcrRef: string | null;
  /** Integer minor units of `currency`; null when the text is not representable exactly. */
  amountMinor: number | null;
  amountText: string | null;
  currency: string | null;
  creditDebit: 'CRDT' | 'DBIT' | null;
  status: string | null;
  bookingDate: string | null;
  reversal: boolean;
  reasonCode: string | null;
  reasonInfo: string[];
  outcome: CamtOutcome | 'ignored';
  /** Why an ignored transaction was ignored. */
  note: string | null;
  /** Identifies the transaction independently of the file that carries it (see entryKeyOf). */
  entryKey: string;
};

export type ParsedCamt054 = { messageId: string; createdAt: string | null; transactions: CamtTransaction[] };

// ISO 4217 minor-unit exponents that are not 2 (the common case).
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export function minorDigits(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * An xs:decimal amount as integer minor units, exactly (string arithmetic, no floating point):
 * "1250.5" SEK → 125050. Null when it has more significant decimals than the currency has minor
 * units, or is too large to be exact.
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return null;
  const digits = minorDigits(currency);
  const whole = match[1] || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Identifiers and amounts stay text: "0012" is not 12, and amounts are converted exactly above.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'AddtlInf'].includes(name),
});

type Node = Record<string, unknown>;

function child(node: unknown, ...path: string[]): unknown {
  let at: unknown = node;
  for (const name of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Node)[name];
  }
  return at;
}

function text(node: unknown, ...path: string[]): string | null {
  const value = child(node, ...path);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') {
    return (value as Node)['#text'] as string;
  }
  return null;
}

function list(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function amountOf(node: unknown): { text: string | null; currency: string | null } {
  const amt = child(node, 'Amt');
  return { text: text(amt), currency: text(amt, '@Ccy') };
}

/** Parses a camt.054.001.08 document (validated against the XSD first: shape is not re-checked). */
export function parseCamt054(xml: string): ParsedCamt054 {
  const doc = child(parser.parse(xml), 'Document', 'BkToCstmrDbtCdtNtfctn');
  const messageId = text(doc, 'GrpHdr', 'MsgId');
  if (!messageId) throw new Error('camt.054 without GrpHdr/MsgId');
  const transactions: CamtTransaction[] = [];
  for (const [n, ntfctn] of list(doc, 'Ntfctn').entries()) {
    const accountId = text(ntfctn, 'Acct', 'Id', 'IBAN') ?? text(ntfctn, 'Acct', 'Id', 'Othr', 'Id');
    for (const [e, ntry] of list(ntfctn, 'Ntry').entries()) {
      const details = list(ntry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
      const lines = details.length > 0 ? details : [undefined];
      for (const [t, tx] of lines.entries()) {
        transactions.push(
          readTransaction({ ntry, tx, accountId, single: lines.length === 1, n: n + 1, e: e + 1, t: t + 1 }),
        );
      }
    }
  }
  return { messageId, createdAt: text(doc, 'GrpHdr', 'CreDtTm'), transactions };
}

function readTransaction(at: {
  ntry: unknown;
  tx: unknown;
  accountId: string | null;
  single: boolean;
  n: number;
  e: number;
  t: number;
}): CamtTransaction {
  const { ntry, tx } = at;
  // A transaction's own amount, else (one transaction in the entry) the entry's.
  const own = amountOf(tx);
  const amount = own.text !== null ? own : at.single ? amountOf(ntry) : { text: null, currency: null };
  const creditDebit = (text(tx, 'CdtDbtInd') ?? text(ntry, 'CdtDbtInd')) as 'CRDT' | 'DBIT' | null;
  const status = text(ntry, 'Sts', 'Cd') ?? text(ntry, 'Sts', 'Prtry');
  const bookingDate = text(ntry, 'BookgDt', 'Dt') ?? text(ntry, 'BookgDt', 'DtTm')?.slice(0, 10) ?? null;
  const reversal = text(ntry, 'RvslInd') === 'true' || text(ntry, 'RvslInd') === '1';
  const rtrInf = child(tx, 'RtrInf');
  const reasonCode = text(rtrInf, 'Rsn', 'Cd') ?? text(rtrInf, 'Rsn', 'Prtry');
  const reasonInfo = list(rtrInf, 'AddtlInf')
    .map((i) => text(i) ?? '')
    .filter((i) => i !== '');
  const txRef = text(tx, 'Refs', 'AcctSvcrRef');
  const entryRef = text(ntry, 'AcctSvcrRef');
  const endToEndId = text(tx, 'Refs', 'EndToEndId');
  const { outcome, note } = classify({ status, creditDebit, reversal, hasReturnInfo: rtrInf !== undefined });
  const line: Omit<CamtTransaction, 'entryKey'> = {
    notification: at.n,
    entry: at.e,
    transaction: at.t,
    accountId: at.accountId,
    endToEndId,
    acctSvcrRef: txRef ?? entryRef,
    amountMinor:
      amount.text !== null && amount.currency ? decimalToMinor(amount.text, amount.currency) : null,
    amountText: amount.text,
    currency: amount.currency,
    creditDebit,
    status,
    bookingDate,
    reversal,
    reasonCode,
    reasonInfo,
    outcome,
    note,
  };
  return { ...line, entryKey: entryKeyOf(line, { txRef, entryRef, single: at.single }) };
}

/** The classification rules of the header comment (pure). */
export function classify(opts: {
  status: string | null;
  creditDebit: 'CRDT' | 'DBIT' | null;
  reversal: boolean;
  hasReturnInfo: boolean;
}): { outcome: CamtOutcome | 'ignored'; note: string | null } {
  const status = opts.status?.toUpperCase() ?? null;
  if (status === 'RJCT') return { outcome: 'rejected', note: null };
  if (status === 'PDNG') return { outcome: 'ignored', note: 'pending at the bank (PDNG): not final yet' };
  if (status !== 'BOOK')
    return { outcome: 'ignored', note: `entry status ${status ?? 'missing'}: not booked` };
  if (opts.hasReturnInfo || opts.reversal) return { outcome: 'returned', note: null };
  if (opts.creditDebit === 'DBIT') return { outcome: 'settled', note: null };
  return { outcome: 'ignored', note: 'a booked credit without return information: not one of our payouts' };
}

/**
 * What makes a transaction the same in any file that repeats it: the bank's own reference
 * (AcctSvcrRef, unique per account servicer) with the account — the entry's reference plus the
 * end-to-end id when one entry carries several transactions — else a digest of the fields that do
 * not depend on the file (account, end-to-end id, amount, direction, status, booking date, reason).
 */
export function entryKeyOf(
  line: Omit<CamtTransaction, 'entryKey'>,
  refs: { txRef: string | null; entryRef: string | null; single: boolean },
): string {
  const account = line.accountId ?? '-';
  if (refs.txRef) return `ref:${account}:${refs.txRef}`;
  if (refs.entryRef && (refs.single || line.endToEndId)) {
    return refs.single
      ? `ref:${account}:${refs.entryRef}`
      : `ref:${account}:${refs.entryRef}/${line.endToEndId}`;
  }
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        account,
        line.endToEndId,
        line.amountText,
        line.currency,
        line.creditDebit,
        line.status,
        line.bookingDate,
        line.reversal,
        line.reasonCode,
      ]),
    )
    .digest('hex');
  return `sha256:${digest}`;
}
