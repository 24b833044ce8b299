import type { Texts } from '../notice-texts.ts';

// Notices about late payments (the payments desk's warning, the customer's case), in sv, it and en.
// {reference} is the payment number (PAY-2026-000123); {amount} formatted money; dates YYYY-MM-DD
// (dd/mm/yyyy in Italian); {days} banking days since the execution date.
export const PAYMENT_DELAY_TEXTS = {
  // To the payments desk: a sent payment has not been confirmed by the bank in time.
  'payment.delay_warning': {
    en: {
      subject: '{reference} not settled after {days} banking days',
      body: '{reference} ({amount}, claim {claimNumber}) was executed on {executionDate} and the bank has not confirmed it yet. A payment-delay case opens on {caseOn} if it is still not settled.',
    },
    sv: {
      subject: '{reference} inte bokförd efter {days} bankdagar',
      body: '{reference} ({amount}, skadeärende {claimNumber}) utfördes {executionDate} och banken har ännu inte bekräftat den. Ett ärende om försenad utbetalning öppnas {caseOn} om den fortfarande inte är bokförd.',
    },
    it: {
      subject: '{reference} non regolato dopo {days} giorni lavorativi bancari',
      body: '{reference} ({amount}, pratica {claimNumber}) è stato eseguito il {executionDate} e la banca non lo ha ancora confermato. Se non sarà regolato, il {caseOn} si aprirà una pratica per pagamento in ritardo.',
    },
  },
  // To the customer: we noticed the delay ourselves and opened a case about it.
  'payment.delayed': {
    en: {
      subject: 'Your payment for claim {claimNumber} is delayed',
      body: 'We sent {amount} for claim {claimNumber} to your bank on {executionDate}, but the bank has not yet confirmed that it arrived. We are looking into it on case {caseNumber}; you do not need to do anything.',
    },
    sv: {
      subject: 'Din utbetalning för {claimNumber} är försenad',
      body: 'Vi skickade {amount} för skadeärende {claimNumber} till din bank {executionDate}, men banken har ännu inte bekräftat att pengarna kommit fram. Vi utreder det i ärende {caseNumber}; du behöver inte göra något.',
    },
    it: {
      subject: 'Il pagamento della pratica {claimNumber} è in ritardo',
      body: 'Il {executionDate} abbiamo inviato {amount} per la pratica {claimNumber} alla Sua banca, ma la banca non ha ancora confermato l’accredito. Stiamo verificando con la pratica {caseNumber}; non deve fare nulla.',
    },
  },
  // Not a notice: the subject and description of the payment-delay case the sweep opens (the
  // customer reads them on the case, so they are in the customer's language).
  'payment.delay_case': {
    en: {
      subject: 'Payment {reference} for claim {claimNumber} not confirmed by the bank',
      body: 'Payment {reference} of {amount} was executed on {executionDate} and had not been settled after {days} banking days. Opened automatically.',
    },
    sv: {
      subject: 'Utbetalning {reference} för {claimNumber} inte bekräftad av banken',
      body: 'Utbetalning {reference} på {amount} utfördes {executionDate} och var inte bokförd efter {days} bankdagar. Öppnat automatiskt.',
    },
    it: {
      subject: 'Pagamento {reference} della pratica {claimNumber} non confermato dalla banca',
      body: 'Il pagamento {reference} di {amount} è stato eseguito il {executionDate} e non risultava regolato dopo {days} giorni lavorativi bancari. Aperta automaticamente.',
    },
  },
} satisfies Record<string, Texts>;
