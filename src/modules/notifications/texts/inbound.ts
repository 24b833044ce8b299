import type { Texts } from '../notice-texts.ts';

// Notices to staff about inbound email and scanned letters (src/modules/inbound), in sv, it and en.
// {reference} is a claim number or, for triage, the message's reference (MSG-…); {from} the sender's
// address; {attachments} how many documents were kept.
export const INBOUND_TEXTS = {
  // To a team's supervisors: a message nobody could match waits in their triage queue.
  'inbound.triage': {
    en: {
      subject: '{reference}: a message to sort',
      body: 'A message could not be matched to a claim or case and waits in triage: "{summary}".',
    },
    sv: {
      subject: '{reference}: ett meddelande att sortera',
      body: 'Ett meddelande kunde inte kopplas till en skadeanmälan eller ett ärende och väntar i sorteringen: "{summary}".',
    },
    it: {
      subject: '{reference}: un messaggio da smistare',
      body: 'Un messaggio non è stato collegato a un sinistro o a una pratica ed è in attesa di smistamento: "{summary}".',
    },
  },
  // To the claim's owner: the customer emailed about the claim.
  'inbound.claim_email': {
    en: {
      subject: '{reference}: email from {from}',
      body: 'An email about {reference} arrived from {from} with {attachments} document(s), now on the claim.',
    },
    sv: {
      subject: '{reference}: e-post från {from}',
      body: 'Ett e-postmeddelande om {reference} har kommit från {from} med {attachments} dokument, som nu finns på skadeanmälan.',
    },
    it: {
      subject: '{reference}: email da {from}',
      body: 'È arrivata un’email su {reference} da {from} con {attachments} documento/i, ora sulla pratica.',
    },
  },
  // To the claim's owner: the same, while a request for information is open. The email is not
  // taken as the answer automatically: a person decides whether it answers the request.
  'inbound.claim_email_request_open': {
    en: {
      subject: '{reference}: email from {from} — does it answer your request?',
      body: 'An email about {reference} arrived from {from} with {attachments} document(s) while a request for information is open. Check it and record the answer if it is one.',
    },
    sv: {
      subject: '{reference}: e-post från {from} — besvarar det din begäran?',
      body: 'Ett e-postmeddelande om {reference} har kommit från {from} med {attachments} dokument medan en begäran om komplettering är öppen. Granska det och registrera svaret om det är ett.',
    },
    it: {
      subject: '{reference}: email da {from} — risponde alla sua richiesta?',
      body: 'È arrivata un’email su {reference} da {from} con {attachments} documento/i mentre una richiesta di informazioni è aperta. La verifichi e registri la risposta se lo è.',
    },
  },
} as const satisfies Record<string, Texts>;
