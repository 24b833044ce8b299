import type { ProductConfigInput } from '../../modules/products/index.ts';

// The demo organisation's three products. They are ordinary configuration documents, saved
// through createProduct/createProductVersion and validated by ProductConfigSchema like any
// administrator's. The date each version is in force from depends on the demo's anchor date, so
// planDemo() sets it (ProductPlan).

export type DemoProductKey = 'travel' | 'health' | 'sickness';

export type DemoProduct = {
  key: DemoProductKey;
  code: string;
  kind: 'insurance' | 'benefit_programme';
  name: { sv: string; it: string; en: string };
  country: 'SE' | 'IT';
  currency: 'SEK' | 'EUR';
  config: ProductConfigInput;
};

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    key: 'travel',
    code: 'SE-TRAVEL',
    kind: 'insurance',
    name: { sv: 'Reseförsäkring', it: 'Assicurazione viaggio', en: 'Travel insurance' },
    country: 'SE',
    currency: 'SEK',
    config: {
      covers: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          name: {
            sv: 'Vårdkostnader vid akut sjukdom eller olycksfall',
            it: 'Spese mediche per malattia improvvisa o infortunio',
            en: 'Medical expenses for sudden illness or accident',
          },
          clause: '§4.1',
          requiredDocuments: ['receipt', 'medical_certificate'],
        },
        {
          benefitCode: 'TRIP_CANCELLATION',
          name: { sv: 'Avbeställningsskydd', it: 'Annullamento del viaggio', en: 'Trip cancellation' },
          clause: '§4.2',
          requiredDocuments: ['travel_booking', 'receipt', 'medical_certificate'],
        },
        {
          benefitCode: 'LUGGAGE_DELAY',
          name: { sv: 'Försenat bagage', it: 'Ritardata consegna del bagaglio', en: 'Delayed luggage' },
          clause: '§4.3',
          requiredDocuments: ['travel_booking', 'receipt'],
        },
        {
          benefitCode: 'LUGGAGE_LOSS',
          name: {
            sv: 'Förlorat eller skadat bagage',
            it: 'Smarrimento o danneggiamento del bagaglio',
            en: 'Lost or damaged luggage',
          },
          clause: '§4.4',
          requiredDocuments: ['travel_booking', 'police_report', 'receipt'],
        },
      ],
      premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
      straightThroughLimitMinor: 150_000, // 1 500 kr
    },
  },
  {
    key: 'health',
    code: 'IT-HEALTH',
    kind: 'insurance',
    name: {
      sv: 'Ersättning för sjukvårdskostnader',
      it: 'Rimborso spese sanitarie',
      en: 'Health expense reimbursement',
    },
    country: 'IT',
    currency: 'EUR',
    config: {
      covers: [
        {
          benefitCode: 'SPECIALIST_VISIT',
          name: { sv: 'Specialistbesök', it: 'Visite specialistiche', en: 'Specialist visits' },
          clause: '§5.1',
          requiredDocuments: ['receipt', 'medical_certificate'],
        },
        {
          benefitCode: 'DIAGNOSTICS',
          name: {
            sv: 'Diagnostiska undersökningar',
            it: 'Accertamenti diagnostici',
            en: 'Diagnostic tests',
          },
          clause: '§5.2',
          requiredDocuments: ['receipt', 'medical_certificate'],
        },
        {
          benefitCode: 'HOSPITAL_STAY',
          name: { sv: 'Sjukhusvistelse', it: 'Ricovero ospedaliero', en: 'Hospital stay' },
          clause: '§5.3',
          requiredDocuments: ['receipt', 'medical_certificate'],
        },
        {
          benefitCode: 'DENTAL',
          name: { sv: 'Tandvård', it: 'Cure odontoiatriche', en: 'Dental care' },
          clause: '§5.4',
          requiredDocuments: ['receipt'],
        },
        {
          benefitCode: 'PHARMACY',
          name: { sv: 'Läkemedel', it: 'Spese farmaceutiche', en: 'Pharmacy expenses' },
          clause: '§5.5',
          requiredDocuments: ['receipt', 'medical_certificate'],
        },
      ],
      // Codice civile art. 1901: cover is suspended from the 15th day after an unpaid due date,
      // and the contract is terminated if the insurer does not collect within six months.
      premiumTerms: { graceDays: 15, lapseAfterDays: 180 },
      straightThroughLimitMinor: 25_000, // € 250
    },
  },
  {
    key: 'sickness',
    code: 'SE-SICKNESS',
    kind: 'benefit_programme',
    name: { sv: 'Sjukpenning', it: 'Indennità di malattia', en: 'Sickness benefit' },
    country: 'SE',
    currency: 'SEK',
    config: {
      covers: [
        {
          benefitCode: 'SICKNESS_BENEFIT',
          name: {
            sv: 'Sjukpenning vid nedsatt arbetsförmåga',
            it: 'Indennità giornaliera per ridotta capacità lavorativa',
            en: 'Daily benefit for reduced capacity to work',
          },
          clause: '§3.1',
          requiredDocuments: ['medical_certificate', 'employer_statement', 'income_statement'],
        },
      ],
      // Contributions (the sickness-insurance part of employer and self-employed charges).
      premiumTerms: { graceDays: 30, lapseAfterDays: 90 },
      dailyBenefit: {
        benefitCode: 'SICKNESS_BENEFIT',
        incomeSharePermille: 800,
        // Income is capped at 10 price base amounts (2026: 10 × 59 200 kr); 80 % of 97 % of
        // that over 365 days is about 1 259 kr a day.
        dailyCapMinor: 125_900,
        waitingDays: 1, // karensdag: the first day of each sick period is not paid
        maxDaysPerPeriod: 364,
        clause: '§3.2',
      },
    },
  },
];

/** Share of declared income paid as sickness-insurance contribution: 3.55 %. */
export const SICKNESS_CONTRIBUTION_PER_10000 = 355;
