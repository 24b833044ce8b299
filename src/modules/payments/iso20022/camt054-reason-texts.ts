import type { Language } from '../../../db/schema.ts';

// The ISO 20022 external return reason codes (ExternalReturnReason1Code) a bank most often gives
// for a returned or refused credit transfer, in the words a representative reads to the customer.
// `newAccount`: the fix is a new or corrected payout account from the customer (what the case asks
// for); otherwise the payments desk must look into it first. Unknown codes get a generic text.

export type ReturnReasonText = Record<Language, string> & { newAccount: boolean };

export const RETURN_REASON_TEXTS: Readonly<Record<string, ReturnReasonText>> = {
  AC01: {
    newAccount: true,
    en: 'wrong account number — ask the customer for the correct account',
    sv: 'felaktigt kontonummer — be kunden om rätt konto',
    it: 'numero di conto errato — chiedere al cliente il conto corretto',
  },
  AC03: {
    newAccount: true,
    en: 'invalid creditor account number — ask the customer for the correct account',
    sv: 'ogiltigt mottagarkonto — be kunden om rätt konto',
    it: 'conto del beneficiario non valido — chiedere al cliente il conto corretto',
  },
  AC04: {
    newAccount: true,
    en: 'bank account closed — ask the customer for a new one',
    sv: 'bankkontot är avslutat — be kunden om ett nytt konto',
    it: 'conto bancario chiuso — chiedere al cliente un nuovo conto',
  },
  AC06: {
    newAccount: true,
    en: 'bank account blocked — ask the customer for another account',
    sv: 'bankkontot är spärrat — be kunden om ett annat konto',
    it: 'conto bancario bloccato — chiedere al cliente un altro conto',
  },
  AG01: {
    newAccount: true,
    en: 'the account does not accept this payment — ask the customer for another account',
    sv: 'kontot tar inte emot den här betalningen — be kunden om ett annat konto',
    it: 'il conto non accetta questo pagamento — chiedere al cliente un altro conto',
  },
  AM04: {
    newAccount: false,
    en: 'insufficient funds on our account — the payments desk must resend it',
    sv: 'otillräckligt saldo på vårt konto — betalningsavdelningen måste skicka den igen',
    it: 'fondi insufficienti sul nostro conto — l’ufficio pagamenti deve reinviarlo',
  },
  AM05: {
    newAccount: false,
    en: 'duplicate payment — the payments desk must check whether it was already paid',
    sv: 'dubbel betalning — betalningsavdelningen måste kontrollera om den redan är betald',
    it: 'pagamento duplicato — l’ufficio pagamenti deve verificare se è già stato pagato',
  },
  BE01: {
    newAccount: true,
    en: 'the account holder’s name does not match the account — ask the customer for their own account',
    sv: 'kontohavarens namn stämmer inte med kontot — be kunden om ett eget konto',
    it: 'il nome dell’intestatario non corrisponde al conto — chiedere al cliente un conto a suo nome',
  },
  BE04: {
    newAccount: false,
    en: 'the customer’s address is missing — complete the address and resend',
    sv: 'kundens adress saknas — komplettera adressen och skicka igen',
    it: 'manca l’indirizzo del cliente — completare l’indirizzo e reinviare',
  },
  MD07: {
    newAccount: false,
    en: 'the account holder has died — hand over to the estate procedure',
    sv: 'kontohavaren har avlidit — hantera enligt rutinen för dödsbon',
    it: 'l’intestatario del conto è deceduto — seguire la procedura per gli eredi',
  },
  MS02: {
    newAccount: true,
    en: 'returned by the customer’s bank at the customer’s request — ask the customer how to pay',
    sv: 'returnerad av kundens bank på kundens begäran — fråga kunden hur vi ska betala',
    it: 'restituito dalla banca del cliente su sua richiesta — chiedere al cliente come pagare',
  },
  MS03: {
    newAccount: true,
    en: 'returned by the bank without a stated reason — check the account with the customer',
    sv: 'returnerad av banken utan angiven orsak — kontrollera kontot med kunden',
    it: 'restituito dalla banca senza motivo indicato — verificare il conto con il cliente',
  },
  RC01: {
    newAccount: true,
    en: 'wrong bank identifier (BIC) — ask the customer for the correct bank details',
    sv: 'felaktig bankidentitet (BIC) — be kunden om rätt bankuppgifter',
    it: 'codice banca (BIC) errato — chiedere al cliente le coordinate corrette',
  },
  RR01: {
    newAccount: false,
    en: 'our account details were missing in the order — the payments desk must resend it',
    sv: 'våra kontouppgifter saknades i ordern — betalningsavdelningen måste skicka den igen',
    it: 'mancavano i dati del nostro conto nell’ordine — l’ufficio pagamenti deve reinviarlo',
  },
  RR04: {
    newAccount: false,
    en: 'returned for regulatory reasons — the payments desk must look into it',
    sv: 'returnerad av regulatoriska skäl — betalningsavdelningen måste utreda',
    it: 'restituito per motivi normativi — l’ufficio pagamenti deve verificare',
  },
  FOCR: {
    newAccount: false,
    en: 'returned after a cancellation request — the payments desk must check why',
    sv: 'returnerad efter en begäran om återkallelse — betalningsavdelningen måste kontrollera varför',
    it: 'restituito dopo una richiesta di annullamento — l’ufficio pagamenti deve verificare il motivo',
  },
};

const UNKNOWN: ReturnReasonText = {
  newAccount: true,
  en: 'returned by the bank (reason {code}) — check the account with the customer',
  sv: 'returnerad av banken (orsak {code}) — kontrollera kontot med kunden',
  it: 'restituito dalla banca (motivo {code}) — verificare il conto con il cliente',
};

/** The reason in the language asked for; a code we do not know is named as it came. */
export function returnReasonText(code: string | null, language: Language): string {
  const known = code ? RETURN_REASON_TEXTS[code.toUpperCase()] : undefined;
  if (known) return known[language];
  return UNKNOWN[language].replace('{code}', code ?? '–');
}

/** Whether the customer must give a new account (true also for codes we do not know). */
export function returnNeedsNewAccount(code: string | null): boolean {
  return (code ? RETURN_REASON_TEXTS[code.toUpperCase()] : undefined)?.newAccount ?? true;
}
