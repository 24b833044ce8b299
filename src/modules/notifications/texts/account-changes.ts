import type { Texts } from '../notice-texts.ts';

// Notices about account information changes, in sv, it and en. The bank-account ones go to the
// contact details the customer had before the change (notifications.recipient), and show only the
// last characters of the account ({masked}): the point is that the real customer hears of a change
// they did not make, and whom to call ({phone}), without the notice giving the account away.
export const ACCOUNT_CHANGE_TEXTS = {
  'account_change.bank_account_requested': {
    en: {
      subject: 'We received a request to change your payout account',
      body: 'We received a request to pay you to the account {masked} from now on (case {reference}). Nothing changes until we have verified your identity and a second colleague has approved it. If you did not ask for this, call us on {phone}.',
    },
    sv: {
      subject: 'Vi har fått en begäran om att ändra ditt utbetalningskonto',
      body: 'Vi har fått en begäran om att framöver betala ut till kontot {masked} (ärende {reference}). Inget ändras förrän vi har kontrollerat din identitet och en andra kollega har godkänt ändringen. Om det inte var du som bad om detta, ring oss på {phone}.',
    },
    it: {
      subject: 'Abbiamo ricevuto una richiesta di modifica del conto per i pagamenti',
      body: 'Abbiamo ricevuto una richiesta di effettuare d’ora in poi i pagamenti sul conto {masked} (pratica {reference}). Nulla cambia finché non avremo verificato la vostra identità e un secondo collega non avrà approvato la modifica. Se non l’avete richiesta voi, chiamateci al {phone}.',
    },
  },
  'account_change.bank_account_changed': {
    en: {
      subject: 'The account for your payouts has changed',
      body: 'On {date} the bank account we pay you to was changed to the account {masked} (case {reference}). If you did not ask for this, call us at once on {phone}: we will stop payments to the new account.',
    },
    sv: {
      subject: 'Kontot för dina utbetalningar har ändrats',
      body: 'Den {date} ändrades bankkontot som vi betalar ut till, till kontot {masked} (ärende {reference}). Om det inte var du som bad om ändringen, ring oss genast på {phone}: vi stoppar då utbetalningar till det nya kontot.',
    },
    it: {
      subject: 'Il conto per i vostri pagamenti è stato modificato',
      body: 'Il {date} il conto bancario su cui effettuiamo i vostri pagamenti è stato sostituito con il conto {masked} (pratica {reference}). Se non avete richiesto voi questa modifica, chiamateci subito al {phone}: bloccheremo i pagamenti sul nuovo conto.',
    },
  },
  'account_change.bank_account_not_changed': {
    en: {
      subject: 'Your payout account was not changed',
      body: 'The requested change of your payout account (case {reference}) was not made; we keep paying to the account we had. Questions? Call us on {phone}.',
    },
    sv: {
      subject: 'Ditt utbetalningskonto har inte ändrats',
      body: 'Den begärda ändringen av ditt utbetalningskonto (ärende {reference}) har inte genomförts; vi fortsätter att betala ut till det konto vi hade. Frågor? Ring oss på {phone}.',
    },
    it: {
      subject: 'Il vostro conto per i pagamenti non è stato modificato',
      body: 'La modifica richiesta del conto per i pagamenti (pratica {reference}) non è stata effettuata; continuiamo a pagare sul conto precedente. Per domande chiamateci al {phone}.',
    },
  },
  'account_change.email_changed': {
    en: {
      subject: 'The email address on your account was changed',
      body: 'On {date} the email address we use to contact you was changed (case {reference}). From now on we write to the new address. If you did not ask for this, call us at once on {phone}.',
    },
    sv: {
      subject: 'E-postadressen på ditt konto har ändrats',
      body: 'Den {date} ändrades e-postadressen som vi använder för att kontakta dig (ärende {reference}). Från och med nu skriver vi till den nya adressen. Om det inte var du som bad om ändringen, ring oss genast på {phone}.',
    },
    it: {
      subject: 'L’indirizzo email del vostro profilo è stato modificato',
      body: 'Il {date} l’indirizzo email che usiamo per contattarvi è stato modificato (pratica {reference}). D’ora in poi scriveremo al nuovo indirizzo. Se non avete richiesto voi la modifica, chiamateci subito al {phone}.',
    },
  },
  'account_change.address_changed': {
    en: {
      subject: 'Your postal address was changed',
      body: 'On {date} the postal address we have for you was changed (case {reference}). From now on letters go to the new address. If you did not ask for this, call us at once on {phone}.',
    },
    sv: {
      subject: 'Din postadress har ändrats',
      body: 'Den {date} ändrades postadressen vi har registrerad för dig (ärende {reference}). Från och med nu skickas brev till den nya adressen. Om det inte var du som bad om ändringen, ring oss genast på {phone}.',
    },
    it: {
      subject: 'Il vostro indirizzo postale è stato modificato',
      body: 'Il {date} l’indirizzo postale registrato presso di noi è stato modificato (pratica {reference}). D’ora in poi le lettere saranno inviate al nuovo indirizzo. Se non avete richiesto voi la modifica, chiamateci subito al {phone}.',
    },
  },
  'account_change.contact_updated': {
    en: {
      subject: 'Your details have been updated',
      body: 'We have updated {what} as you asked (case {reference}).',
    },
    sv: {
      subject: 'Dina kunduppgifter har uppdaterats',
      body: 'Vi har uppdaterat {what} enligt din begäran (ärende {reference}).',
    },
    it: {
      subject: 'I vostri dati sono stati aggiornati',
      body: 'Abbiamo aggiornato {what} come richiesto (pratica {reference}).',
    },
  },
} as const satisfies Record<string, Texts>;
