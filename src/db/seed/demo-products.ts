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
          limits: { perYearMinor: 50_000_000, per: 'insured_person', clause: '§7.1' }, // 500 000 kr
        },
        {
          benefitCode: 'TRIP_CANCELLATION',
          name: { sv: 'Avbeställningsskydd', it: 'Annullamento del viaggio', en: 'Trip cancellation' },
          clause: '§4.2',
          requiredDocuments: ['travel_booking', 'receipt', 'medical_certificate'],
          limits: { perClaimMinor: 3_000_000, per: 'insured_person', clause: '§7.2' }, // 30 000 kr
          // Cancellation cover starts 14 days after purchase, so a trip is not insured once the
          // reason to cancel is already known.
          waitingPeriod: { days: 14, clause: '§4.2.3' },
        },
        {
          benefitCode: 'LUGGAGE_DELAY',
          name: { sv: 'Försenat bagage', it: 'Ritardata consegna del bagaglio', en: 'Delayed luggage' },
          clause: '§4.3',
          requiredDocuments: ['travel_booking', 'receipt'],
          limits: { perClaimMinor: 300_000, per: 'insured_person', clause: '§7.3' }, // 3 000 kr
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
          limits: {
            perClaimMinor: 2_500_000,
            perYearMinor: 5_000_000,
            per: 'insured_person',
            clause: '§7.4',
          },
        },
      ],
      exclusions: [
        {
          code: 'extreme_sports',
          clause: '§8.1',
          text: {
            sv: 'Skador vid extremsporter (t.ex. basehopping, klättring över 5 000 m) ersätts inte.',
            it: 'Non sono indennizzabili i danni derivanti da sport estremi (es. base jumping, scalate oltre 5 000 m).',
            en: 'Injuries from extreme sports (e.g. base jumping, climbing above 5,000 m) are not covered.',
          },
          causes: ['extreme_sports'],
        },
        {
          code: 'travel_advisory_area',
          clause: '§8.2',
          text: {
            sv: 'Resor till områden som UD avråder från att resa till omfattas inte.',
            it: 'Non sono coperti i viaggi in aree sconsigliate dal Ministero degli Esteri svedese.',
            en: 'Travel to areas the Swedish Ministry for Foreign Affairs advises against is not covered.',
          },
          countries: ['AF', 'SY', 'YE', 'SO'],
        },
      ],
      deductible: { amountMinor: 50_000, per: 'claim', clause: '§6' }, // självrisk 500 kr
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
          limits: { perYearMinor: 300_000, per: 'insured_person', clause: '§9.1' }, // € 3 000
          coPayment: { sharePermille: 200, clause: '§8.1' }, // scoperto 20 %
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
          limits: { perYearMinor: 500_000, per: 'insured_person', clause: '§9.2' },
          coPayment: { sharePermille: 200, clause: '§8.1' },
        },
        {
          benefitCode: 'HOSPITAL_STAY',
          name: { sv: 'Sjukhusvistelse', it: 'Ricovero ospedaliero', en: 'Hospital stay' },
          clause: '§5.3',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: { perYearMinor: 5_000_000, per: 'insured_person', clause: '§9.3' },
          // Hospital stays are covered after a 30-day carenza from the policy start.
          waitingPeriod: { days: 30, clause: '§10.1' },
        },
        {
          benefitCode: 'DENTAL',
          name: { sv: 'Tandvård', it: 'Cure odontoiatriche', en: 'Dental care' },
          clause: '§5.4',
          requiredDocuments: ['receipt'],
          limits: { perYearMinor: 100_000, lifetimeMinor: 500_000, per: 'insured_person', clause: '§9.4' },
          coPayment: { sharePermille: 300, clause: '§8.2' },
          waitingPeriod: { days: 90, clause: '§10.2' },
        },
        {
          benefitCode: 'PHARMACY',
          name: { sv: 'Läkemedel', it: 'Spese farmaceutiche', en: 'Pharmacy expenses' },
          clause: '§5.5',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: { perYearMinor: 50_000, per: 'insured_person', clause: '§9.5' },
        },
      ],
      exclusions: [
        {
          code: 'pre_existing_condition',
          clause: '§11.1',
          text: {
            sv: 'Sjukdomar som fanns och var kända när försäkringen tecknades ersätts inte.',
            it: 'Sono escluse le malattie preesistenti, già note alla sottoscrizione del contratto.',
            en: 'Conditions that existed and were known when the policy was taken out are not covered.',
          },
          preExistingCondition: true,
        },
        {
          code: 'cosmetic_treatment',
          clause: '§11.2',
          text: {
            sv: 'Kosmetiska behandlingar utan medicinskt behov ersätts inte.',
            it: 'Sono esclusi i trattamenti estetici non resi necessari da malattia o infortunio.',
            en: 'Cosmetic treatment without medical need is not covered.',
          },
          causes: ['cosmetic'],
        },
      ],
      deductible: { amountMinor: 5_000, per: 'year', clause: '§8.3' }, // franchigia € 50 a year
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
      // Periods up to about two weeks are paid without a handler; longer ones are looked at.
      straightThroughLimitMinor: 2_000_000, // 20 000 kr
    },
  },
];

/** Share of declared income paid as sickness-insurance contribution: 3.55 %. */
export const SICKNESS_CONTRIBUTION_PER_10000 = 355;
