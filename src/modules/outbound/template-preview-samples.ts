import type { Address, DecisionOutcome, Language } from '../../db/schema.ts';
import type { DecisionLetterData } from './decision-letter.ts';

// Made-up parameters for previewing the customer notice templates: every parameter any notice
// takes (as the use cases pass them), with the free texts written in the preview's language so a
// Swedish preview reads as a Swedish customer would get it. No real customer appears anywhere.

type Params = Record<string, string | number>;

const COMMON: Params = {
  reference: 'CLM-2026-000042',
  claimNumber: 'CLM-2026-000041',
  caseNumber: 'CASE-2026-000017',
  dueOn: '2026-04-30',
  answerBy: '2026-05-04',
  date: '2026-03-01',
  clause: '§9.1',
  masked: '•••• 1234',
  phone: '+46 8 465 004 00',
};

const LOCALIZED: Record<Language, Params> = {
  sv: {
    items: 'ett kvitto från kliniken',
    outcome: 'avslutat',
    subject: 'Försenad utbetalning',
    excerpt: 'Kan ni skicka fakturan?',
    resolution: 'Utbetalningen är gjord.',
    reason: 'På kundens begäran',
    receivedOn: '2 mars 2026',
    rule: 'Vi svarar inom 14 dagar.',
    answer: 'Vi har utrett ärendet.\n\nUtbetalningen var försenad och är nu gjord.',
    options: 'Dina möjligheter:\n1. ARN: en nämnd.\n2. Domstol: allmän domstol.',
    what: 'ditt telefonnummer',
    amount: '7 000,00 kr',
  },
  it: {
    items: 'una ricevuta della clinica',
    outcome: 'chiusa',
    subject: 'Pagamento in ritardo',
    excerpt: 'Potete inviare la fattura?',
    resolution: 'Il pagamento è stato eseguito.',
    reason: 'Su richiesta del cliente',
    receivedOn: '2 marzo 2026',
    rule: 'Rispondiamo entro 14 giorni.',
    answer: 'Abbiamo esaminato la pratica.\n\nIl pagamento era in ritardo ed è stato eseguito.',
    options: 'Le sue possibilità:\n1. IVASS: un reclamo.\n2. ABF: un arbitro.',
    what: 'il suo numero di telefono',
    amount: '700,00 €',
  },
  en: {
    items: 'a receipt from the clinic',
    outcome: 'closed',
    subject: 'Late payment',
    excerpt: 'Could you send the invoice?',
    resolution: 'The payment has been made.',
    reason: 'Asked by the customer',
    receivedOn: '2 March 2026',
    rule: 'We answer within 14 days.',
    answer: 'We have looked into it.\n\nThe payment was late and has now been made.',
    options: 'Your options:\n1. ARN: a board.\n2. Court: a court.',
    what: 'your phone number',
    amount: 'SEK 7,000.00',
  },
};

export const SAMPLE_CUSTOMER: Record<
  Language,
  { name: string; country: 'SE' | 'IT'; customerNumber: string; address: Address }
> = {
  sv: {
    name: 'Elin Exempel',
    country: 'SE',
    customerNumber: 'CUS-2026-000001',
    address: { street: 'Exempelgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' },
  },
  it: {
    name: 'Giulia Esempio',
    country: 'IT',
    customerNumber: 'CUS-2026-000002',
    address: { street: 'Via Esempio 2', postalCode: '20121', city: 'Milano', country: 'IT' },
  },
  en: {
    name: 'Alex Example',
    country: 'SE',
    customerNumber: 'CUS-2026-000003',
    address: { street: 'Exempelgatan 3', postalCode: '111 22', city: 'Stockholm', country: 'SE' },
  },
};

/** The letter's date in every preview, so two previews of one template are the same document. */
export const SAMPLE_DATE = '2026-03-05';

export function sampleParams(language: Language): Params {
  return { ...COMMON, ...LOCALIZED[language], name: SAMPLE_CUSTOMER[language].name };
}

const REASON_TEXT: Record<Language, { deductible: string; copay: string }> = {
  sv: {
    deductible: 'En självrisk på 500,00 kr har dragits av.',
    copay: 'Du betalar själv 10 % av kostnaden för medicin.',
  },
  it: {
    deductible: 'È stata applicata una franchigia di 50,00 €.',
    copay: 'Resta a suo carico il 10 % del costo dei medicinali.',
  },
  en: {
    deductible: 'A deductible of SEK 500.00 was taken.',
    copay: 'You pay 10 % of the cost of medicine yourself.',
  },
};

const LINE_TEXT: Record<Language, [string, string]> = {
  sv: ['Läkarbesök', 'Medicin'],
  it: ['Visita medica', 'Medicinali'],
  en: ['Clinic visit', 'Medicine'],
};

/** A decision of each outcome, with a calculation and a payment, in the preview's language and currency. */
export function sampleDecision(outcome: DecisionOutcome, language: Language): DecisionLetterData {
  const italian = SAMPLE_CUSTOMER[language].country === 'IT';
  // Swedish kronor in öre, euro in cents: the same amounts read plausibly in both.
  const scale = italian ? 10 : 100;
  const currency = italian ? 'EUR' : 'SEK';
  const [visit, medicine] = LINE_TEXT[language];
  const reasons = REASON_TEXT[language];
  const partial = outcome === 'partially_approved';
  const lines =
    outcome === 'denied'
      ? []
      : [
          {
            lineNo: 1,
            description: visit,
            claimedMinor: 8_000 * scale,
            eligibleMinor: 8_000 * scale,
            deductibleMinor: 500 * scale,
            copayMinor: 0,
            computedMinor: 7_500 * scale,
            payableMinor: 7_500 * scale,
          },
          {
            lineNo: 2,
            description: medicine,
            claimedMinor: 1_000 * scale,
            eligibleMinor: 1_000 * scale,
            deductibleMinor: 0,
            copayMinor: 100 * scale,
            computedMinor: 900 * scale,
            // A partial approval pays less than the terms give on the second line.
            payableMinor: partial ? 400 * scale : 900 * scale,
          },
        ];
  const payableMinor = lines.reduce((s, l) => s + l.payableMinor, 0);
  return {
    reference: String(COMMON.reference),
    outcome,
    currency,
    payableMinor,
    claimedMinor: outcome === 'denied' ? 9_000 * scale : lines.reduce((s, l) => s + l.claimedMinor, 0),
    lines,
    reasonCodes: outcome === 'denied' ? ['excluded'] : partial ? ['insufficient_evidence'] : [],
    clauses: outcome === 'denied' ? ['§7.2'] : [],
    assessmentReasons:
      outcome === 'denied'
        ? []
        : [
            {
              code: 'deductible_applied',
              clause: '§3.1',
              text: reasons.deductible,
              lineNo: 1,
              explains: true,
            },
            { code: 'copay_applied', clause: '§3.2', text: reasons.copay, lineNo: 2, explains: true },
          ],
    jurisdiction: italian ? 'IT' : 'SE',
    payment:
      outcome === 'denied'
        ? null
        : {
            principalMinor: payableMinor,
            interestMinor: 0,
            executionDate: '2026-03-10',
            masked: '**** 1234',
            instalments: 1,
            alreadyPaidMinor: 0,
            recoveryMinor: 0,
            interest: null,
          },
  };
}
