import type { DecisionOutcome, Language } from '../../db/schema.ts';
import { LOCALES } from '../assessment/assessment-texts.ts';
import { formatMoney } from '../assessment/explain.ts';
import { DENIAL_REASONS, OTHER_REASON } from '../outbound/decision-letter-texts.ts';

// The parameters of the customer's 'claim.decided' notice ({outcome}, {details}) and the staff
// notices' {reason}, in the customer's or the staff member's language. A denial always states the
// reasons, the clause and the right to appeal (a legal requirement for a refusal in SE and IT).
// The reasons are worded as in the decision letter (DENIAL_REASONS): the notice and the letter
// say the same thing, and a code without a text is named with an invitation to ask, never raw.

const OUTCOME: Record<Language, Record<DecisionOutcome, string>> = {
  en: { approved: 'approved', partially_approved: 'partly approved', denied: 'denied' },
  sv: { approved: 'godkänd', partially_approved: 'delvis godkänd', denied: 'avslagen' },
  it: { approved: 'accolta', partially_approved: 'accolta in parte', denied: 'respinta' },
};

const PAY: Record<Language, (amount: string) => string> = {
  en: (a) => `We will pay ${a}.`,
  sv: (a) => `Vi betalar ut ${a}.`,
  it: (a) => `Vi verseremo ${a}.`,
};

const DENY: Record<Language, (codes: string, clause: string) => string> = {
  en: (c, cl) => `Reasons: ${c}${cl}. You may appeal this decision within the time stated in your terms.`,
  sv: (c, cl) => `Skäl: ${c}${cl}. Du kan överklaga beslutet inom den tid som anges i villkoren.`,
  it: (c, cl) => `Motivi: ${c}${cl}. Potete presentare ricorso entro i termini indicati nelle condizioni.`,
};

/** A denial reason code as the customer reads it, in their language. */
export function denialReasonText(language: Language, code: string): string {
  return DENIAL_REASONS[language][code] ?? OTHER_REASON[language].replace('{code}', code);
}

/** "the loss is not covered…; the documents … are missing": the reasons within one sentence. */
function reasonList(language: Language, codes: readonly string[]): string {
  return [...new Set(codes)]
    .map((code) => {
      const text = denialReasonText(language, code);
      return text.charAt(0).toLocaleLowerCase(LOCALES[language]) + text.slice(1);
    })
    .join('; ');
}

const CLAUSE: Record<Language, string> = { en: 'under', sv: 'enligt', it: 'ai sensi di' };

export function decidedNoticeParams(
  language: Language,
  d: {
    outcome: DecisionOutcome;
    amountMinor: number;
    currency: string;
    reasonCodes: string[];
    clause: string | null;
  },
): { outcome: string; details: string } {
  const outcome = OUTCOME[language][d.outcome];
  if (d.outcome === 'denied') {
    const clause = d.clause ? ` (${CLAUSE[language]} ${d.clause})` : '';
    return { outcome, details: DENY[language](reasonList(language, d.reasonCodes), clause) };
  }
  return { outcome, details: PAY[language](formatMoney(d.amountMinor, d.currency, language)) };
}

const REASON: Record<Language, Record<string, string>> = {
  en: {
    above_authority: 'above the representative’s authority',
    cause_not_authorised: 'a claim type outside the representative’s authority',
    deny_not_authorised: 'a denial the representative may not make',
    four_eyes_own_registration: 'four-eyes: registered by the same representative',
    four_eyes_related_customer: 'four-eyes: the customer is related to the representative',
    manual: 'escalated by the representative',
  },
  sv: {
    above_authority: 'över handläggarens beslutsrätt',
    cause_not_authorised: 'en skadetyp utanför handläggarens beslutsrätt',
    deny_not_authorised: 'ett avslag som handläggaren inte får fatta',
    four_eyes_own_registration: 'fyraögonsprincipen: registrerad av samma handläggare',
    four_eyes_related_customer: 'fyraögonsprincipen: kunden är närstående till handläggaren',
    manual: 'eskalerad av handläggaren',
  },
  it: {
    above_authority: 'oltre i poteri di firma del liquidatore',
    cause_not_authorised: 'un tipo di sinistro fuori dai poteri del liquidatore',
    deny_not_authorised: 'un rifiuto che il liquidatore non può decidere',
    four_eyes_own_registration: 'principio dei quattro occhi: registrata dallo stesso liquidatore',
    four_eyes_related_customer: 'principio dei quattro occhi: il cliente è legato al liquidatore',
    manual: 'inoltrata dal liquidatore',
  },
};

export function escalationReasonText(language: Language, reason: string, comment: string | null): string {
  const text = REASON[language][reason] ?? reason;
  return comment ? `${text} — ${comment}` : text;
}
