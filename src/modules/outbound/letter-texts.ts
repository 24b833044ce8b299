import type { Language } from '../../db/schema.ts';

// The words every letter shares, in sv, it and en: greeting, closing, the labels of the reference
// block and the footer, and the company's letterhead per country. The organisation numbers are
// placeholders (marked so in the letter) until the operator puts in the real ones.

type Localized = Record<Language, string>;

export const GREETING: Localized = { sv: 'Hej {name},', it: 'Gentile {name},', en: 'Dear {name},' };

export const CLOSING: Record<Language, string[]> = {
  sv: ['Med vänliga hälsningar', '{company}', 'Kundservice'],
  it: ['Cordiali saluti', '{company}', 'Servizio Clienti'],
  en: ['Kind regards', '{company}', 'Customer Service'],
};

export const LABELS: Record<
  Language,
  { date: string; claim: string; case: string; page: string; customerNumber: string; placeholder: string }
> = {
  sv: {
    date: 'Datum',
    claim: 'Skadenummer',
    case: 'Ärendenummer',
    page: 'Sida {page} av {pages}',
    customerNumber: 'Kundnummer',
    placeholder: 'platshållare',
  },
  it: {
    date: 'Data',
    claim: 'Numero sinistro',
    case: 'Numero pratica',
    page: 'Pagina {page} di {pages}',
    customerNumber: 'Codice cliente',
    placeholder: 'segnaposto',
  },
  en: {
    date: 'Date',
    claim: 'Claim number',
    case: 'Case number',
    page: 'Page {page} of {pages}',
    customerNumber: 'Customer number',
    placeholder: 'placeholder',
  },
};

/** Asks the customer to quote the number when they answer (replies thread back by it). */
export const QUOTE_REFERENCE: Localized = {
  sv: 'Ange alltid {reference} när du kontaktar oss. Du kan svara direkt på det här brevet eller mejlet.',
  it: 'Vi preghiamo di indicare sempre il numero {reference} quando ci contattate. Potete rispondere direttamente a questa lettera o email.',
  en: 'Please quote {reference} whenever you contact us. You can reply to this letter or email directly.',
};

export type Letterhead = {
  company: string;
  street: string;
  postalCity: string;
  country: string;
  phone: string;
  email: string;
  web: string;
  /** Organisation number (a placeholder until the operator sets the real one). */
  registration: string;
};

export const LETTERHEADS: Record<'SE' | 'IT', Letterhead> = {
  SE: {
    company: 'Claimdesk Försäkring AB',
    street: 'Box 1234',
    postalCity: '111 22 Stockholm',
    country: 'Sverige',
    phone: '+46 8 465 004 00',
    email: 'kundservice@claimdesk.example',
    web: 'www.claimdesk.example',
    registration: 'Org.nr 556000-0000',
  },
  IT: {
    company: 'Claimdesk Assicurazioni S.p.A.',
    street: 'Via Esempio 1',
    postalCity: '20121 Milano (MI)',
    country: 'Italia',
    phone: '+39 02 0000 0000',
    email: 'servizioclienti@claimdesk.example',
    web: 'www.claimdesk.example',
    registration: 'P.IVA 00000000000',
  },
};

/** The letterhead of the country whose rules the customer falls under (Sweden unless Italy). */
export function letterheadFor(country: string | null | undefined): Letterhead {
  return country === 'IT' ? LETTERHEADS.IT : LETTERHEADS.SE;
}
