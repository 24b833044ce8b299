import type { Texts } from '../notice-texts.ts';

// Notices about referrals to departments (referred, answered, returned, cancelled), in sv, it and
// en. All go to staff in the app: customers never see referrals. {department} is the department's
// name in the reader's language; {reason} and {answer} are quoted as written.
export const REFERRAL_TEXTS = {
  'referral.received': {
    en: {
      subject: '{reference}: new referral to {department}',
      body: '{reference} on {caseNumber} ({urgency}), due {due}: {question}',
    },
    sv: {
      subject: '{reference}: ny remiss till {department}',
      body: '{reference} i ärende {caseNumber} ({urgency}), senast {due}: {question}',
    },
    it: {
      subject: '{reference}: nuova richiesta interna per {department}',
      body: '{reference} sulla pratica {caseNumber} ({urgency}), entro {due}: {question}',
    },
  },
  'referral.answered': {
    en: {
      subject: '{reference}: {department} answered',
      body: '{department} answered your question on {caseNumber} ({by}): {answer}',
    },
    sv: {
      subject: '{reference}: {department} har svarat',
      body: '{department} har svarat på din fråga i ärende {caseNumber} ({by}): {answer}',
    },
    it: {
      subject: '{reference}: {department} ha risposto',
      body: '{department} ha risposto alla tua domanda sulla pratica {caseNumber} ({by}): {answer}',
    },
  },
  'referral.returned': {
    en: {
      subject: '{reference}: returned by {department}',
      body: '{department} returned your question on {caseNumber} without an answer ({by}): {reason}',
    },
    sv: {
      subject: '{reference}: återsänd av {department}',
      body: '{department} har skickat tillbaka din fråga i ärende {caseNumber} utan svar ({by}): {reason}',
    },
    it: {
      subject: '{reference}: restituita da {department}',
      body: '{department} ha restituito senza risposta la tua domanda sulla pratica {caseNumber} ({by}): {reason}',
    },
  },
  'referral.cancelled': {
    en: {
      subject: '{reference}: referral cancelled',
      body: 'The referral on {caseNumber} was cancelled by {by}; no answer is needed. {reason}',
    },
    sv: {
      subject: '{reference}: remissen har återkallats',
      body: 'Remissen i ärende {caseNumber} har återkallats av {by}; inget svar behövs. {reason}',
    },
    it: {
      subject: '{reference}: richiesta interna annullata',
      body: 'La richiesta interna sulla pratica {caseNumber} è stata annullata da {by}; non serve una risposta. {reason}',
    },
  },
} as const satisfies Record<string, Texts>;
