import type { Language } from '../../db/schema.ts';

// Why a customer complains: one fixed list, the same in both countries, so that the register and
// the statistics count like with like. Each cause names the area of IVASS's complaint statistics it
// is reported under (the insurer's semi-annual complaint report and the published statistics split
// complaints by the company function concerned: claims settlement, contract administration,
// sales/distribution, other). The split is our reading of the IVASS template; check it against the
// template in force before filing. Sweden's FFFS 2002:23 asks for complaints to be registered and
// analysed but prescribes no categories, so the same list serves the Swedish register.

export type IvassArea = 'sinistri' | 'gestione_contratto' | 'commerciale' | 'altro';

export const IVASS_AREA_LABELS: Record<IvassArea, string> = {
  sinistri: 'Area sinistri (liquidazione)',
  gestione_contratto: 'Area gestione del contratto (amministrativa)',
  commerciale: 'Area commerciale (vendita e informativa)',
  altro: 'Altro',
};

type Cause = { label: Record<Language, string>; ivassArea: IvassArea };

export const COMPLAINT_CAUSES = {
  claim_handling: {
    label: {
      sv: 'Handläggning av skadeärende',
      it: 'Gestione del sinistro',
      en: 'Claim handling',
    },
    ivassArea: 'sinistri',
  },
  claim_decision: {
    label: {
      sv: 'Beslut i skadeärende (avslag eller belopp)',
      it: 'Esito del sinistro (rifiuto o importo)',
      en: 'Claim decision (refusal or amount)',
    },
    ivassArea: 'sinistri',
  },
  delay: {
    label: {
      sv: 'Dröjsmål med handläggning eller utbetalning',
      it: 'Ritardo nella gestione o nel pagamento',
      en: 'Delay in handling or payment',
    },
    ivassArea: 'sinistri',
  },
  premium_and_renewal: {
    label: {
      sv: 'Premie, betalning och förnyelse',
      it: 'Premio, pagamenti e rinnovo',
      en: 'Premium, billing and renewal',
    },
    ivassArea: 'gestione_contratto',
  },
  contract_terms: {
    label: {
      sv: 'Villkor, omfattning och uppsägning',
      it: 'Condizioni, coperture e recesso',
      en: 'Policy terms, cover and cancellation',
    },
    ivassArea: 'gestione_contratto',
  },
  sales_and_information: {
    label: {
      sv: 'Försäljning och information före köp',
      it: 'Vendita e informativa precontrattuale',
      en: 'Sales and pre-contract information',
    },
    ivassArea: 'commerciale',
  },
  customer_service: {
    label: {
      sv: 'Kundservice och bemötande',
      it: 'Servizio clienti e comportamento del personale',
      en: 'Customer service and conduct',
    },
    ivassArea: 'altro',
  },
  privacy: {
    label: {
      sv: 'Personuppgifter och integritet',
      it: 'Privacy e trattamento dei dati personali',
      en: 'Privacy and personal data',
    },
    ivassArea: 'altro',
  },
  other: {
    label: { sv: 'Övrigt', it: 'Altro', en: 'Other' },
    ivassArea: 'altro',
  },
} as const satisfies Record<string, Cause>;

export type ComplaintCause = keyof typeof COMPLAINT_CAUSES;

export const COMPLAINT_CAUSE_CODES = Object.keys(COMPLAINT_CAUSES) as [ComplaintCause, ...ComplaintCause[]];

export function isComplaintCause(code: string): code is ComplaintCause {
  return Object.hasOwn(COMPLAINT_CAUSES, code);
}

/** The label of a stored cause; a code no longer in the list (kept in old rows) shows as itself. */
export function causeLabel(code: string, language: Language): string {
  return isComplaintCause(code) ? COMPLAINT_CAUSES[code].label[language] : code;
}

export function causeIvassArea(code: string): IvassArea {
  return isComplaintCause(code) ? COMPLAINT_CAUSES[code].ivassArea : 'altro';
}
