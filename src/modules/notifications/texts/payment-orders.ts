import type { Texts } from '../notice-texts.ts';

// Notices about payment orders, in sv, it and en: the payment is scheduled (amount, execution date,
// the account masked to its last characters), or it waits for a bank account. A held payment tells
// the customer nothing: the hold is an internal check, and its outcome is either the scheduled
// notice or a person calling them.
export const PAYMENT_ORDER_TEXTS = {
  'payment.scheduled': {
    en: {
      subject: '{reference}: your payment of {amount} is on its way',
      body: 'We will pay {amount} for {reference} to your account {masked}. The payment leaves us on {date}; most banks show it the same or the next banking day. Payment number: {payment}.',
    },
    sv: {
      subject: '{reference}: din utbetalning på {amount} är på väg',
      body: 'Vi betalar ut {amount} för {reference} till ditt konto {masked}. Betalningen lämnar oss den {date}; de flesta banker visar den samma eller nästa bankdag. Betalningsnummer: {payment}.',
    },
    it: {
      subject: '{reference}: il pagamento di {amount} è in arrivo',
      body: 'Verseremo {amount} per {reference} sul vostro conto {masked}. Il pagamento parte il {date}; la maggior parte delle banche lo mostra lo stesso giorno lavorativo bancario o quello successivo. Numero di pagamento: {payment}.',
    },
  },
  'payment.awaiting_account': {
    en: {
      subject: '{reference}: tell us where to pay you {amount}',
      body: 'We have {amount} to pay you for {reference}, but we have no bank account for you. Please give us your account in the portal or call us; we pay as soon as it is registered. Payment number: {payment}.',
    },
    sv: {
      subject: '{reference}: berätta vart vi ska betala ut {amount}',
      body: 'Vi ska betala ut {amount} till dig för {reference}, men vi har inget bankkonto registrerat för dig. Lämna ditt kontonummer i kundportalen eller ring oss, så betalar vi så snart det är registrerat. Betalningsnummer: {payment}.',
    },
    it: {
      subject: '{reference}: indicateci dove versarvi {amount}',
      body: 'Dobbiamo versarvi {amount} per {reference}, ma non abbiamo un conto bancario a vostro nome. Indicateci il vostro conto nel portale o chiamateci: pagheremo non appena sarà registrato. Numero di pagamento: {payment}.',
    },
  },
} satisfies Record<string, Texts>;
