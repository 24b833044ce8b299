import type { ProductConfigInput } from '../products/product-config-schema.ts';
import { ProductConfigSchema } from '../products/product-config-schema.ts';
import type {
  AssessmentClaim,
  AssessmentClaimLine,
  AssessmentInput,
  AssessmentPolicy,
  AssessmentProductVersion,
} from './assessment-types.ts';

// Test fixtures: three products like the demo ones, validated by the real schema (so the engine
// sees the zod output type with defaults applied), and a builder for assessment inputs.

function version(id: string, config: ProductConfigInput): AssessmentProductVersion {
  return { id, version: 1, config: ProductConfigSchema.parse(config) };
}

/** Swedish travel insurance (SEK). */
export const travelProduct = version('pv-travel-se-1', {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt', 'medical_certificate'],
      limits: { perYearMinor: 5_000_000, clause: '§4.3' },
    },
    {
      benefitCode: 'TRIP_CANCELLATION',
      name: { sv: 'Avbeställningsskydd', it: 'Annullamento viaggio', en: 'Trip cancellation' },
      clause: '§5.1',
      requiredDocuments: ['travel_booking'],
      limits: { perClaimMinor: 3_000_000, clause: '§5.3' },
      waitingPeriod: { days: 14, clause: '§5.2' },
    },
    {
      benefitCode: 'LUGGAGE_DELAY',
      name: { sv: 'Försenat bagage', it: 'Ritardata consegna del bagaglio', en: 'Luggage delay' },
      clause: '§6.1',
      requiredDocuments: ['property_irregularity_report'],
      limits: { perClaimMinor: 200_000, clause: '§6.2' },
    },
    {
      benefitCode: 'LUGGAGE_LOSS',
      name: { sv: 'Förlorat bagage', it: 'Perdita del bagaglio', en: 'Lost luggage' },
      clause: '§7.1',
      requiredDocuments: ['receipt'],
      limits: { perLineMinor: 1_000_000, clause: '§7.3' },
      coPayment: { sharePermille: 100, clause: '§7.4' },
    },
  ],
  exclusions: [
    {
      code: 'war_zone',
      clause: '§9.1',
      text: {
        sv: 'skador i länder där det råder krig eller krigsliknande tillstånd',
        it: 'sinistri avvenuti in paesi in stato di guerra',
        en: 'losses in countries at war',
      },
      countries: ['SY', 'AF'],
    },
    {
      code: 'extreme_sports',
      clause: '§9.2',
      text: {
        sv: 'skador vid extremsporter',
        it: 'sinistri durante la pratica di sport estremi',
        en: 'losses during extreme sports',
      },
      causes: ['extreme_sports'],
      benefitCodes: ['MEDICAL_EXPENSES', 'LUGGAGE_LOSS'],
    },
  ],
  deductible: { amountMinor: 50_000, per: 'claim', clause: '§3.1' },
  premiumTerms: { graceDays: 14, lapseAfterDays: 45, clause: '§2.3' },
  straightThroughLimitMinor: 1_000_000,
});

/** Italian health reimbursement (EUR). */
export const healthProduct = version('pv-health-it-1', {
  covers: [
    {
      benefitCode: 'SPECIALIST_VISIT',
      name: { sv: 'Specialistbesök', it: 'Visite specialistiche', en: 'Specialist visits' },
      clause: '§3.1',
      requiredDocuments: ['receipt'],
      limits: { perYearMinor: 150_000, clause: '§3.1.2' },
      coPayment: { sharePermille: 200, clause: '§6.1' },
    },
    {
      benefitCode: 'DIAGNOSTICS',
      name: { sv: 'Diagnostik', it: 'Accertamenti diagnostici', en: 'Diagnostics' },
      clause: '§3.2',
      requiredDocuments: ['receipt', 'medical_certificate'],
      limits: { perYearMinor: 300_000, per: 'policy', clause: '§3.2.2' },
      coPayment: { sharePermille: 200, clause: '§6.1' },
    },
    {
      benefitCode: 'DENTAL',
      name: { sv: 'Tandvård', it: 'Cure odontoiatriche', en: 'Dental care' },
      clause: '§3.3',
      requiredDocuments: ['receipt'],
      limits: { lifetimeMinor: 500_000, clause: '§3.3.2' },
      coPayment: { sharePermille: 200, clause: '§6.1' },
      waitingPeriod: { days: 180, clause: '§3.3.1' },
    },
    {
      benefitCode: 'PHARMACY',
      name: { sv: 'Läkemedel', it: 'Spese farmaceutiche', en: 'Pharmacy' },
      clause: '§3.4',
      requiredDocuments: ['receipt'],
      coPayment: { sharePermille: 200, clause: '§6.1' },
    },
  ],
  exclusions: [
    {
      code: 'pre_existing',
      clause: '§7.1',
      text: {
        sv: 'sjukdomar och tillstånd som fanns före försäkringens början',
        it: 'malattie e condizioni preesistenti alla stipulazione del contratto',
        en: 'conditions that existed before the policy started',
      },
      preExistingCondition: true,
    },
  ],
  deductible: { amountMinor: 10_000, per: 'year', clause: '§6.2' },
  premiumTerms: { graceDays: 14, lapseAfterDays: 60, clause: '§2.4' },
  straightThroughLimitMinor: 50_000,
});

/** Swedish sickness benefit programme (SEK). */
export const sicknessProduct = version('pv-sickness-se-1', {
  covers: [
    {
      benefitCode: 'SICKNESS_DAILY',
      name: { sv: 'Sjukpenning', it: 'Indennità di malattia', en: 'Sickness benefit' },
      clause: '§3.1',
      requiredDocuments: ['medical_certificate'],
    },
  ],
  dailyBenefit: {
    benefitCode: 'SICKNESS_DAILY',
    incomeSharePermille: 800,
    dailyCapMinor: 125_000,
    waitingDays: 1,
    maxDaysPerPeriod: 364,
    clause: '§4.1',
  },
  premiumTerms: { graceDays: 30, lapseAfterDays: 90, clause: '§2.1' },
  straightThroughLimitMinor: 2_000_000,
});

export const PRODUCTS = { travel: travelProduct, health: healthProduct, sickness: sicknessProduct };
export type ProductName = keyof typeof PRODUCTS;

type Defaults = {
  currency: string;
  startsOn: string;
  endsOn: string;
  incidentDate: string;
  registeredOn: string;
  documents: AssessmentClaim['documents'];
  benefitCode: string;
  cause: string | null;
  incidentCountry: string | null;
  income: number | null;
};

export const DEFAULTS: Record<ProductName, Defaults> = {
  travel: {
    currency: 'SEK',
    startsOn: '2025-01-01',
    endsOn: '2026-01-01',
    incidentDate: '2025-06-10',
    registeredOn: '2025-06-20',
    documents: ['receipt', 'medical_certificate', 'travel_booking', 'property_irregularity_report'],
    benefitCode: 'MEDICAL_EXPENSES',
    cause: 'illness',
    incidentCountry: 'ES',
    income: null,
  },
  health: {
    currency: 'EUR',
    startsOn: '2024-03-01',
    endsOn: '2026-03-01',
    incidentDate: '2025-05-10',
    registeredOn: '2025-05-20',
    documents: ['receipt', 'medical_certificate'],
    benefitCode: 'SPECIALIST_VISIT',
    cause: 'illness',
    incidentCountry: 'IT',
    income: null,
  },
  sickness: {
    currency: 'SEK',
    startsOn: '2025-01-01',
    endsOn: '2030-01-01',
    incidentDate: '2025-03-03',
    registeredOn: '2025-03-20',
    documents: ['medical_certificate'],
    benefitCode: 'SICKNESS_DAILY',
    cause: 'illness',
    incidentCountry: 'SE',
    income: 36_500_000, // 365 000 kr → 80 % / 365 = 800 kr a day
  },
};

export type LineSpec = Partial<AssessmentClaimLine>;

export type InputSpec = {
  claim?: Partial<Omit<AssessmentClaim, 'lines'>>;
  policy?: Partial<AssessmentPolicy>;
  /** Lines; unspecified fields take the product's defaults; total is their sum unless given. */
  lines?: LineSpec[];
  accumulators?: AssessmentInput['accumulators'];
  priorClaims?: AssessmentInput['priorClaims'];
  language?: AssessmentInput['language'];
};

/** A clean input for the product, changed by `spec`. */
export function makeInput(name: ProductName, spec: InputSpec = {}): AssessmentInput {
  const d = DEFAULTS[name];
  const product = PRODUCTS[name];
  const dailyCode = product.config.dailyBenefit?.benefitCode;
  const lineSpecs = spec.lines ?? [{}];
  const lines: AssessmentClaimLine[] = lineSpecs.map((l, i) => {
    const benefitCode = l.benefitCode ?? d.benefitCode;
    const isDaily = benefitCode === dailyCode;
    return {
      lineNo: i + 1,
      benefitCode,
      serviceDate: d.incidentDate,
      amountMinor: isDaily ? 0 : 100_000,
      currency: d.currency,
      provider: isDaily ? null : 'Provider AB',
      days: isDaily ? 10 : null,
      ...l,
    };
  });
  let total = 0;
  for (const l of lines) if (l.benefitCode !== dailyCode) total += l.amountMinor;
  const claim: AssessmentClaim = {
    id: 'claim-1',
    customerId: 'customer-1',
    insuredPersonId: 'person-1',
    insuredBirthDate: '1985-04-02',
    incidentDate: d.incidentDate,
    registeredOn: d.registeredOn,
    currency: d.currency,
    totalClaimedMinor: total,
    cause: d.cause,
    incidentCountry: d.incidentCountry,
    preExistingCondition: false,
    documents: d.documents,
    lines,
    ...spec.claim,
  };
  const policy: AssessmentPolicy = {
    id: 'policy-1',
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    status: 'active',
    currency: d.currency,
    premiumState: 'paid',
    declaredAnnualIncomeMinor: d.income,
    ...spec.policy,
  };
  return {
    claim,
    policy,
    product,
    accumulators: spec.accumulators ?? {},
    priorClaims: spec.priorClaims ?? [],
    language: spec.language ?? 'en',
  };
}
