import type { BankAccountScheme } from '../../../db/schema.ts';
import { AppError } from '../../../lib/errors.ts';
import { minorToDecimal, sumMinor } from './pain001-amounts.ts';
import { bankText, textProfileOf } from './pain001-text.ts';
import { type XmlWriter, xmlWriter } from './xml-writer.ts';

// One payment batch → one ISO 20022 pain.001.001.09 (CustomerCreditTransferInitiation) document,
// written by xmlWriter (escaping in one place; xmlbuilder2 was several times slower, see xml-writer.ts):
// one group header, one payment information block (one debtor account, one execution date, one
// currency), one CdtTrfTxInf per payment. Pure: the caller validates the text against the XSD
// (validateAgainstXsd) before anything is released.
//
// Creditor accounts:
// - IBAN (every currency): CdtrAcct/Id/IBAN, CdtrAgt/FinInstnId/BICFI when we know the BIC (SEPA
//   needs only the IBAN; IBAN-only is the EPC rule since 2016).
// - Swedish domestic payouts (SEK only), as the Swedish banks' ISO 20022 guidelines (SEB, Nordea,
//   Handelsbanken, Swedbank, through Bankgirot) describe them:
//     Bankgiro     CdtrAcct/Id/Othr/Id = the number, SchmeNm/Prtry = BGNR,
//                  CdtrAgt/FinInstnId/ClrSysMmbId = SESBA 9900 (Bankgirot)
//     Plusgiro     CdtrAcct/Id/Othr/Id = the number, SchmeNm/Prtry = PGNR,
//                  CdtrAgt/FinInstnId/ClrSysMmbId = SESBA 9960 (Plusgirot)
//     account no.  CdtrAcct/Id/Othr/Id = clearing number + account number, SchmeNm/Cd = BBAN,
//                  CdtrAgt/FinInstnId/ClrSysMmbId = SESBA + the clearing number
//   A bank whose guide differs needs its own mapping here. Any of these in another currency is
//   refused: only IBAN crosses a border.
//
// Names and remittance text go through bankText (the EPC's Latin set for EUR, Swedish letters
// kept for SEK; see pain001-text.ts), names cut to 70 characters, remittance to 140.

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

const NAME_MAX = 70;
const REMITTANCE_MAX = 140;
const SWEDISH_CLEARING = 'SESBA';
const BANKGIROT_CLEARING = '9900';
const PLUSGIROT_CLEARING = '9960';

export type Pain001Creditor = {
  name: string;
  scheme: BankAccountScheme;
  iban: string | null;
  bic: string | null;
  clearingNumber: string | null;
  accountNumber: string | null;
};

export type Pain001Payment = {
  /** Our payment number: the bank echoes it in its status reports. */
  instructionId: string;
  /** Travels to the creditor's bank and back in camt.054: how a notification finds its payment. */
  endToEndId: string;
  amountMinor: number;
  creditor: Pain001Creditor;
  remittance: string;
};

export type Pain001Input = {
  messageId: string;
  paymentInfoId: string;
  createdAt: Date;
  currency: string;
  requestedExecutionDate: string;
  initiatingPartyName: string;
  debtor: { name: string; iban: string; bic: string | null };
  /** One debit for the whole batch on the debtor's statement (true), or one per payment. */
  batchBooking?: boolean;
  payments: readonly Pain001Payment[];
};

export type Pain001File = {
  xml: string;
  messageId: string;
  numberOfTransactions: number;
  controlSumMinor: bigint;
  /** CtrlSum as written in the file. */
  controlSum: string;
};

export type Pain001Refusal = { paymentId: string | null; message: string };

/**
 * Builds the document, or throws AppError bank_file_generation_failed listing every payment it
 * cannot express (an unsupported account scheme, a name with no printable character…).
 */
export function buildPain001(input: Pain001Input): Pain001File {
  const profile = textProfileOf(input.currency);
  const refusals: Pain001Refusal[] = [];
  if (input.payments.length === 0) refusals.push({ paymentId: null, message: 'A batch has no payments.' });

  const controlSumMinor = sumMinor(input.payments.map((p) => p.amountMinor));
  const controlSum = minorToDecimal(controlSumMinor, input.currency);
  const count = String(input.payments.length);

  const x = xmlWriter().open('Document', { xmlns: PAIN001_NAMESPACE }).open('CstmrCdtTrfInitn');
  x.open('GrpHdr')
    .leaf('MsgId', input.messageId)
    .leaf('CreDtTm', isoDateTime(input.createdAt))
    .leaf('NbOfTxs', count)
    .leaf('CtrlSum', controlSum)
    .open('InitgPty')
    .leaf('Nm', bankText(input.initiatingPartyName, profile, NAME_MAX))
    .close()
    .close();

  x.open('PmtInf')
    .leaf('PmtInfId', input.paymentInfoId)
    .leaf('PmtMtd', 'TRF')
    .leaf('BtchBookg', String(input.batchBooking ?? true))
    .leaf('NbOfTxs', count)
    .leaf('CtrlSum', controlSum);
  if (input.currency === 'EUR') x.open('PmtTpInf').open('SvcLvl').leaf('Cd', 'SEPA').close().close();
  x.open('ReqdExctnDt').leaf('Dt', input.requestedExecutionDate).close();
  x.open('Dbtr')
    .leaf('Nm', bankText(input.debtor.name, profile, NAME_MAX))
    .close();
  x.open('DbtrAcct').open('Id').leaf('IBAN', input.debtor.iban).close().close();
  x.open('DbtrAgt').open('FinInstnId');
  if (input.debtor.bic) x.leaf('BICFI', input.debtor.bic);
  else x.open('Othr').leaf('Id', 'NOTPROVIDED').close();
  x.close().close().leaf('ChrgBr', 'SLEV');

  for (const payment of input.payments) {
    const problem = paymentProblem(payment, input.currency);
    if (problem) {
      refusals.push({ paymentId: payment.instructionId, message: problem });
      continue;
    }
    x.open('CdtTrfTxInf')
      .open('PmtId')
      .leaf('InstrId', payment.instructionId)
      .leaf('EndToEndId', payment.endToEndId)
      .close()
      .open('Amt')
      .leaf('InstdAmt', minorToDecimal(payment.amountMinor, input.currency), { Ccy: input.currency })
      .close();
    creditorAgent(x, payment.creditor);
    x.open('Cdtr')
      .leaf('Nm', bankText(payment.creditor.name, profile, NAME_MAX))
      .close();
    creditorAccount(x, payment.creditor);
    x.open('RmtInf')
      .leaf('Ustrd', bankText(payment.remittance, profile, REMITTANCE_MAX))
      .close()
      .close();
  }
  x.close().close().close();

  if (refusals.length > 0) {
    throw new AppError(
      'bank_file_generation_failed',
      `The pain.001 file cannot be made: ${refusals.length} problem${refusals.length === 1 ? '' : 's'} (first: ${refusals[0]?.message}).`,
      { extra: { problems: refusals.slice(0, 100).map((r) => ({ line: null, ...r })) } },
    );
  }
  return {
    xml: x.done(),
    messageId: input.messageId,
    numberOfTransactions: input.payments.length,
    controlSumMinor,
    controlSum,
  };
}

function paymentProblem(payment: Pain001Payment, currency: string): string | null {
  const c = payment.creditor;
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
    return `Payment ${payment.instructionId}: the amount must be a positive number of minor units.`;
  }
  if (bankText(c.name, textProfileOf(currency), NAME_MAX) === '') {
    return `Payment ${payment.instructionId}: the creditor's name has no character a bank can carry.`;
  }
  if (c.scheme === 'iban') {
    return c.iban ? null : `Payment ${payment.instructionId}: IBAN account without an IBAN.`;
  }
  if (currency !== 'SEK') {
    return `Payment ${payment.instructionId}: a ${c.scheme} account can only be paid in SEK; ${currency} needs an IBAN.`;
  }
  if (!c.accountNumber) return `Payment ${payment.instructionId}: ${c.scheme} account without a number.`;
  if (c.scheme === 'se_account' && !c.clearingNumber) {
    return `Payment ${payment.instructionId}: Swedish account number without a clearing number.`;
  }
  return null;
}

function creditorAgent(x: XmlWriter, c: Pain001Creditor): void {
  if (c.scheme === 'iban') {
    if (c.bic) x.open('CdtrAgt').open('FinInstnId').leaf('BICFI', c.bic).close().close();
    return;
  }
  const member =
    c.scheme === 'bankgiro'
      ? BANKGIROT_CLEARING
      : c.scheme === 'plusgiro'
        ? PLUSGIROT_CLEARING
        : (c.clearingNumber as string);
  x.open('CdtrAgt').open('FinInstnId').open('ClrSysMmbId');
  x.open('ClrSysId').leaf('Cd', SWEDISH_CLEARING).close().leaf('MmbId', member);
  x.close().close().close();
}

function creditorAccount(x: XmlWriter, c: Pain001Creditor): void {
  x.open('CdtrAcct').open('Id');
  if (c.scheme === 'iban') x.leaf('IBAN', c.iban as string);
  else if (c.scheme === 'se_account') {
    x.open('Othr')
      .leaf('Id', `${c.clearingNumber}${c.accountNumber}`)
      .open('SchmeNm')
      .leaf('Cd', 'BBAN')
      .close()
      .close();
  } else {
    const scheme = c.scheme === 'bankgiro' ? 'BGNR' : 'PGNR';
    x.open('Othr')
      .leaf('Id', c.accountNumber as string)
      .open('SchmeNm')
      .leaf('Prtry', scheme)
      .close()
      .close();
  }
  x.close().close();
}

/** xs:dateTime in UTC to the second (banks' guides show no fractions). */
function isoDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
