import type { Texts } from '../notice-texts.ts';

// Notices about what the bank told us (settled, returned, rejected), in sv, it and en. {reference}
// is what the customer quotes: the claim for a settled payment, the service case for a returned one.
export const BANK_NOTIFICATION_TEXTS = {
  'payment.settled': {
    en: {
      subject: 'Claim {reference}: your payment has been made',
      body: 'We have paid {amount} for claim {reference} to your account {account}. The bank booked it on {date}; depending on your bank it may take a day before you see it.',
    },
    sv: {
      subject: 'Skadeanmälan {reference}: din utbetalning är gjord',
      body: 'Vi har betalat ut {amount} för {reference} till ditt konto {account}. Banken bokförde betalningen {date}; beroende på din bank kan det dröja en dag innan du ser den.',
    },
    it: {
      subject: 'Pratica {reference}: il pagamento è stato effettuato',
      body: 'Abbiamo pagato {amount} per la pratica {reference} sul Vostro conto {account}. La banca lo ha contabilizzato il {date}; a seconda della Vostra banca potrebbe servire un giorno prima di vederlo.',
    },
  },
  // The bank sent the money back and the fix is a payout account that works: we ask for one.
  'payment.returned': {
    en: {
      subject: 'Claim {claimNumber}: we could not pay to your account',
      body: 'Our payment of {amount} for claim {claimNumber} to the account {account} was sent back by the bank: {reason}. Please give us a new payout account (in the portal or by calling {phone}); we pay again as soon as it has been checked. Case {reference}.',
    },
    sv: {
      subject: 'Skadeanmälan {claimNumber}: vi kunde inte betala till ditt konto',
      body: 'Vår utbetalning på {amount} för {claimNumber} till kontot {account} skickades tillbaka av banken: {reason}. Lämna ett nytt utbetalningskonto till oss (i portalen eller på {phone}); vi betalar igen så snart det är kontrollerat. Ärende {reference}.',
    },
    it: {
      subject: 'Pratica {claimNumber}: non è stato possibile pagare sul Vostro conto',
      body: 'Il nostro pagamento di {amount} per la pratica {claimNumber} sul conto {account} è stato restituito dalla banca: {reason}. Vi preghiamo di indicarci un nuovo conto per i pagamenti (nel portale o al {phone}); pagheremo di nuovo appena sarà verificato. Pratica {reference}.',
    },
  },
  // The bank sent it back for a reason on our side (or one we must look into): nothing to do yet.
  'payment.returned_checking': {
    en: {
      subject: 'Claim {claimNumber}: your payment is delayed',
      body: 'Our payment of {amount} for claim {claimNumber} was sent back by the bank: {reason}. We are looking into it and will pay again; you do not need to do anything now. Case {reference}.',
    },
    sv: {
      subject: 'Skadeanmälan {claimNumber}: din utbetalning är försenad',
      body: 'Vår utbetalning på {amount} för {claimNumber} skickades tillbaka av banken: {reason}. Vi utreder saken och betalar igen; du behöver inte göra något nu. Ärende {reference}.',
    },
    it: {
      subject: 'Pratica {claimNumber}: il pagamento è in ritardo',
      body: 'Il nostro pagamento di {amount} per la pratica {claimNumber} è stato restituito dalla banca: {reason}. Stiamo verificando e pagheremo di nuovo; per ora non dovete fare nulla. Pratica {reference}.',
    },
  },
  // Not sent: the subject and description of the service case a returned payment opens, written in
  // the customer's language like every case (the representative reads it to them on the phone).
  'payment.returned_case': {
    en: {
      subject: 'Payment {paymentNumber} returned by the bank: {reason}',
      body: 'The bank returned payment {paymentNumber} of {amount} for claim {claimNumber} to the account {account} on {date} (reason {code}: {reason}).{details}',
    },
    sv: {
      subject: 'Utbetalning {paymentNumber} returnerad av banken: {reason}',
      body: 'Banken returnerade utbetalning {paymentNumber} på {amount} för {claimNumber} till kontot {account} den {date} (orsak {code}: {reason}).{details}',
    },
    it: {
      subject: 'Pagamento {paymentNumber} restituito dalla banca: {reason}',
      body: 'La banca ha restituito il pagamento {paymentNumber} di {amount} per la pratica {claimNumber} sul conto {account} il {date} (motivo {code}: {reason}).{details}',
    },
  },
} as const satisfies Record<string, Texts>;
