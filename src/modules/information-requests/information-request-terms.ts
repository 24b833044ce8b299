import { Temporal } from 'temporal-polyfill';
import type { InformationItem, Language } from '../../db/schema.ts';
import {
  DEFAULT_INFORMATION_REQUEST_TERMS,
  type DocumentKind,
  type ProductConfig,
} from '../products/product-config-schema.ts';

// Pure rules of a request for information: its final date, when reminders go out, and how the
// items read to the customer. Dates are the customer's calendar days; instants are computed in
// their time zone, so "by 15 March" means the end of 15 March where they live, DST included.

export type InformationTerms = {
  answerDays: number;
  reminderDaysBefore: readonly number[];
  onNoAnswer: 'close' | 'deny';
  clause: string | null;
};

export function informationTerms(config: Pick<ProductConfig, 'informationRequests'>): InformationTerms {
  return config.informationRequests ?? DEFAULT_INFORMATION_REQUEST_TERMS;
}

/** The final day to answer: `answerDays` after today in the customer's calendar. */
export function finalAnswerDay(today: string, terms: InformationTerms): string {
  return Temporal.PlainDate.from(today).add({ days: terms.answerDays }).toString();
}

/** Reminders at 09:00 local on each "days before" day still in the future; numbered from 1. */
export function reminderInstants(
  dueOn: string,
  terms: InformationTerms,
  timeZone: string,
  now: Date,
): { n: number; at: Date }[] {
  return terms.reminderDaysBefore
    .map((days, i) => ({
      n: i + 1,
      at: new Date(
        Temporal.PlainDate.from(dueOn).subtract({ days }).toZonedDateTime({ timeZone, plainTime: '09:00' })
          .epochMilliseconds,
      ),
    }))
    .filter((r) => r.at > now);
}

/** The answer window closes at the start of the day after the final day, customer's time zone. */
export function expiryInstant(dueOn: string, timeZone: string): Date {
  return new Date(
    Temporal.PlainDate.from(dueOn).add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
  );
}

const DOCUMENT_NAMES: Record<DocumentKind, Record<Language, string>> = {
  receipt: { en: 'the receipt', sv: 'kvittot', it: 'la ricevuta' },
  medical_certificate: { en: 'a medical certificate', sv: 'ett läkarintyg', it: 'un certificato medico' },
  police_report: { en: 'the police report', sv: 'polisanmälan', it: 'la denuncia alle autorità' },
  employer_statement: {
    en: "your employer's statement",
    sv: 'arbetsgivarintyget',
    it: 'la dichiarazione del datore di lavoro',
  },
  travel_booking: { en: 'the travel booking', sv: 'resebokningen', it: 'la prenotazione del viaggio' },
  income_statement: {
    en: 'the income statement',
    sv: 'inkomstuppgiften',
    it: 'la dichiarazione dei redditi',
  },
  property_irregularity_report: {
    en: 'the property irregularity report (PIR)',
    sv: 'bagageanmälan (PIR)',
    it: 'il rapporto di irregolarità bagaglio (PIR)',
  },
};

/** "the receipt; a medical certificate; <question>", in the customer's language. */
export function describeItems(items: readonly InformationItem[], language: Language): string {
  return items
    .map((item) =>
      item.kind === 'document'
        ? (DOCUMENT_NAMES[item.document as DocumentKind]?.[language] ?? item.document)
        : item.text,
    )
    .join('; ');
}
