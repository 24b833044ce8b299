import type { Language } from '../../db/schema.ts';

// The human-readable parts of our ClaimResponse/ExplanationOfBenefit (disposition, requests for
// information) in sv/it/en. The assessment's reasons come from the assessment's own texts.

export type Disposition =
  | 'queued'
  | 'in_review'
  | 'awaiting_information'
  | 'appealed'
  | 'approved'
  | 'partially_approved'
  | 'denied'
  | 'paid'
  | 'closed'
  | 'withdrawn';

const DISPOSITIONS: Record<Language, Record<Disposition, string>> = {
  sv: {
    queued: 'Mottagen; ännu inte bedömd.',
    in_review: 'Bedöms av en skadehandläggare.',
    awaiting_information: 'Väntar på kompletterande uppgifter från kunden.',
    appealed: 'Överklagad; omprövas.',
    approved: 'Godkänd: {amount}.',
    partially_approved: 'Delvis godkänd: {amount}.',
    denied: 'Avslagen.',
    paid: 'Utbetald: {amount}.',
    closed: 'Avslutad.',
    withdrawn: 'Återkallad.',
  },
  it: {
    queued: 'Ricevuta; non ancora valutata.',
    in_review: 'In esame presso un liquidatore.',
    awaiting_information: 'In attesa di informazioni dal cliente.',
    appealed: 'Impugnata; in riesame.',
    approved: 'Approvata: {amount}.',
    partially_approved: 'Approvata in parte: {amount}.',
    denied: 'Respinta.',
    paid: 'Pagata: {amount}.',
    closed: 'Chiusa.',
    withdrawn: 'Ritirata.',
  },
  en: {
    queued: 'Received; not yet assessed.',
    in_review: 'Being reviewed by a claims handler.',
    awaiting_information: 'Waiting for information from the customer.',
    appealed: 'Appealed; under review.',
    approved: 'Approved: {amount}.',
    partially_approved: 'Partially approved: {amount}.',
    denied: 'Denied.',
    paid: 'Paid: {amount}.',
    closed: 'Closed.',
    withdrawn: 'Withdrawn.',
  },
};

const ASK: Record<Language, { document: string; question: string }> = {
  sv: { document: 'Skicka in dokument: {what}', question: 'Svara på frågan: {what}' },
  it: { document: 'Inviare il documento: {what}', question: 'Rispondere alla domanda: {what}' },
  en: { document: 'Please send the document: {what}', question: 'Please answer: {what}' },
};

const LOCALES: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };

export function formatMoney(minor: number, currency: string, digits: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(
    minor / 10 ** digits,
  );
}

export function dispositionText(kind: Disposition, language: Language, amount = ''): string {
  return DISPOSITIONS[language][kind].replace('{amount}', amount);
}

export function askText(kind: 'document' | 'question', what: string, language: Language): string {
  return ASK[language][kind].replace('{what}', what);
}

/** The first of sv/it/en an Accept-Language header names (by quality), or null. */
export function languageFromHeader(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.lang === 'sv' || r.lang === 'it' || r.lang === 'en') return r.lang;
  return null;
}
