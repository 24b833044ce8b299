import type { Texts } from '../notice-texts.ts';

// Notices about service cases (opened, answered, resolved, closed, asked the customer), in sv, it and en.
// {reference} is the case number (CASE-2026-000123); {answerBy} a date (YYYY-MM-DD).
export const CASE_TEXTS = {
  // To the customer: the written acknowledgement of a new case.
  'case.opened': {
    en: {
      subject: 'We have received your case {reference}',
      body: 'Thank you for contacting us about "{subject}". Your case number is {reference}. We will answer by {answerBy} at the latest.',
    },
    sv: {
      subject: 'Vi har tagit emot ditt ärende {reference}',
      body: 'Tack för att du kontaktade oss om "{subject}". Ditt ärendenummer är {reference}. Vi svarar senast {answerBy}.',
    },
    it: {
      subject: 'Abbiamo ricevuto la sua richiesta {reference}',
      body: 'La ringraziamo per averci contattato riguardo a "{subject}". Il numero della sua pratica è {reference}. Le risponderemo entro il {answerBy}.',
    },
  },
  // To the customer: a reply from staff on their case.
  'case.message': {
    en: {
      subject: 'New message on your case {reference}',
      body: 'We have replied on your case {reference}: "{excerpt}"',
    },
    sv: {
      subject: 'Nytt meddelande i ditt ärende {reference}',
      body: 'Vi har svarat i ditt ärende {reference}: "{excerpt}"',
    },
    it: {
      subject: 'Nuovo messaggio sulla sua pratica {reference}',
      body: 'Abbiamo risposto sulla sua pratica {reference}: "{excerpt}"',
    },
  },
  // To the customer: staff ask something and the case waits for the answer.
  'case.question': {
    en: {
      subject: 'Case {reference}: we need your answer',
      body: 'To continue with your case {reference} we need your answer: "{excerpt}" Please reply on the case.',
    },
    sv: {
      subject: 'Ärende {reference}: vi behöver ditt svar',
      body: 'För att gå vidare med ditt ärende {reference} behöver vi ditt svar: "{excerpt}" Svara gärna i ärendet.',
    },
    it: {
      subject: 'Pratica {reference}: ci serve una sua risposta',
      body: 'Per proseguire con la sua pratica {reference} ci serve una sua risposta: "{excerpt}" La preghiamo di rispondere sulla pratica.',
    },
  },
  // To the owner (staff): the customer wrote on the case.
  'case.customer_replied': {
    en: {
      subject: '{reference}: the customer wrote',
      body: '{reference} has a new message from the customer.',
    },
    sv: {
      subject: '{reference}: kunden har skrivit',
      body: '{reference} har ett nytt meddelande från kunden.',
    },
    it: {
      subject: '{reference}: il cliente ha scritto',
      body: '{reference} ha un nuovo messaggio del cliente.',
    },
  },
  // To the customer: the case is resolved, with how.
  'case.resolved': {
    en: {
      subject: 'Your case {reference} is resolved',
      body: 'Your case {reference} is resolved: {resolution}. If something is still not right, reply on the case.',
    },
    sv: {
      subject: 'Ditt ärende {reference} är löst',
      body: 'Ditt ärende {reference} är löst: {resolution}. Om något fortfarande inte stämmer kan du svara i ärendet.',
    },
    it: {
      subject: 'La sua pratica {reference} è stata risolta',
      body: 'La sua pratica {reference} è stata risolta: {resolution}. Se qualcosa non è ancora a posto, può rispondere sulla pratica.',
    },
  },
  // To the customer: the case is withdrawn (by them, or for them by staff).
  'case.withdrawn': {
    en: { subject: 'Case {reference} withdrawn', body: 'Your case {reference} has been withdrawn: {reason}' },
    sv: {
      subject: 'Ärende {reference} återkallat',
      body: 'Ditt ärende {reference} har återkallats: {reason}',
    },
    it: {
      subject: 'Pratica {reference} ritirata',
      body: 'La sua pratica {reference} è stata ritirata: {reason}',
    },
  },
  // To the customer: the late payment has been made, and the case closes by itself.
  'case.payment_settled': {
    en: {
      subject: 'Claim {claimNumber} has been paid',
      body: 'The payment for claim {claimNumber} has been made, so your case {reference} about the delay is now closed.',
    },
    sv: {
      subject: 'Ersättningen för {claimNumber} är utbetald',
      body: 'Utbetalningen för {claimNumber} är gjord, så ditt ärende {reference} om förseningen är nu avslutat.',
    },
    it: {
      subject: 'Il sinistro {claimNumber} è stato pagato',
      body: 'Il pagamento per il sinistro {claimNumber} è stato effettuato, quindi la sua pratica {reference} sul ritardo è ora chiusa.',
    },
  },
} as const satisfies Record<string, Texts>;
