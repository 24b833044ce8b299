import type { Language } from '../src/db/schema.ts';
import { accumulatorKey } from '../src/modules/assessment/accumulator-keys.ts';
import type {
  AssessmentClaimLine,
  AssessmentInput,
  AssessmentPolicy,
  AssessmentProductVersion,
  PriorClaim,
} from '../src/modules/assessment/assessment-types.ts';
import {
  type Cover,
  type DocumentKind,
  type ProductConfig,
  type ProductConfigInput,
  ProductConfigSchema,
} from '../src/modules/products/product-config-schema.ts';

// Deterministic synthetic data for the benchmarks: a few products, N policies held in memory, and a
// stream of claims as `AssessmentInput`s. Nothing here reads the clock or Math.random: policies come
// from one seeded PRNG, and claim i from a PRNG seeded with (seed, i), so `claimAt(i)` is the same
// claim whether it is generated alone (a sample) or in the stream, and generating 1M claims is a loop
// over constant memory.
//
// Every claim has a `kind`: ~80 % `clean` (valid, documents complete, premium paid, within limits,
// under the straight-through threshold) and the rest one deliberate deviation each. The kinds tell
// the benchmark what outcome to expect and which claims the peers (which encode only eligibility,
// cover, limits and the deductible) can decide; see `PEER_DECIDABLE_KINDS`.
//
// Each claim is assessed on its own: its accumulators (amounts used so far this policy year) and
// prior claims are synthesised with it, not accumulated from earlier claims in the stream.

// ---------------------------------------------------------------------------------------------
// PRNG and dates

/** mulberry32: tiny, fast, good enough for synthetic data. Returns floats in [0, 1). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-mixed 32-bit seed for stream position `i` (murmur3 finaliser). */
function mixSeed(seed: number, i: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(i | 0, 0x85ebca6b) ^ Math.floor(i / 4294967296)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

// Day numbers (days since 1970-01-01, UTC). ISO strings come from a table built once.
const FIRST_DAY = Date.UTC(1940, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2035, 11, 31) / 86_400_000;
const ISO_BY_DAY: string[] = [];
for (let d = FIRST_DAY; d <= LAST_DAY; d++)
  ISO_BY_DAY.push(new Date(d * 86_400_000).toISOString().slice(0, 10));

export function isoOfDay(day: number): string {
  const s = ISO_BY_DAY[day - FIRST_DAY];
  if (s === undefined) throw new Error(`day ${day} outside the synthetic calendar`);
  return s;
}

function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// Products

const L = (sv: string, it: string, en: string) => ({ sv, it, en });

type ProductSpec = {
  code: string;
  currency: 'SEK' | 'EUR';
  languages: readonly Language[];
  /** Policy term in years (the policy year restarts on each anniversary). */
  termYears: number;
  /** Claims on this product fall at least this many days after the policy start (waiting periods). */
  minIncidentOffset: number;
  /** Max days between the incident and a line's service date. */
  serviceSpread: number;
  /** Clean line amounts per benefit, [lo, hi] minor units: 5 lines of `hi` stay within every limit. */
  cleanRanges: Record<string, readonly [number, number]>;
  /** One line above the straight-through threshold but within the limits. */
  bigLine: { benefitCode: string; range: readonly [number, number] };
  /** Benefits of other products, for not-covered lines. */
  foreignBenefits: readonly string[];
  causes: Record<string, readonly string[]>;
  countries: readonly string[];
  providers: readonly string[];
  config: ProductConfigInput;
};

const PRODUCT_SPECS: readonly ProductSpec[] = [
  {
    code: 'TRAVEL_SE',
    currency: 'SEK',
    languages: ['sv', 'sv', 'sv', 'en'],
    termYears: 1,
    minIncidentOffset: 0,
    serviceSpread: 14,
    cleanRanges: {
      MEDICAL_EXPENSES: [60_000, 400_000],
      TRIP_CANCELLATION: [60_000, 400_000],
      BAGGAGE_DELAY: [60_000, 100_000],
      BAGGAGE_THEFT: [60_000, 300_000],
    },
    bigLine: { benefitCode: 'MEDICAL_EXPENSES', range: [2_100_000, 4_500_000] },
    foreignBenefits: ['DENTAL', 'PHYSIOTHERAPY'],
    causes: {
      MEDICAL_EXPENSES: ['illness', 'accident'],
      TRIP_CANCELLATION: ['illness'],
      BAGGAGE_DELAY: ['delay'],
      BAGGAGE_THEFT: ['theft'],
    },
    countries: ['ES', 'IT', 'TH', 'US', 'GR', 'PT', 'FR', 'HR'],
    providers: [
      'Hospital Costa del Sol',
      'Bangkok Hospital',
      'SAS',
      'Apollonia Resor',
      'Mount Sinai',
      'Ving',
    ],
    config: {
      covers: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          name: L('Vårdkostnader', 'Spese mediche', 'Medical expenses'),
          clause: '§4.1',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: {
            perLineMinor: 5_000_000,
            perClaimMinor: 10_000_000,
            perYearMinor: 50_000_000,
            per: 'insured_person',
            clause: '§4.1.2',
          },
        },
        {
          benefitCode: 'TRIP_CANCELLATION',
          name: L('Avbeställning', 'Annullamento viaggio', 'Trip cancellation'),
          clause: '§5.1',
          requiredDocuments: ['travel_booking', 'receipt'],
          limits: { perClaimMinor: 3_000_000, perYearMinor: 3_000_000, clause: '§5.3' },
        },
        {
          benefitCode: 'BAGGAGE_DELAY',
          name: L('Försenat bagage', 'Ritardo bagaglio', 'Baggage delay'),
          clause: '§6.1',
          requiredDocuments: ['property_irregularity_report', 'receipt'],
          limits: { perLineMinor: 300_000, perClaimMinor: 600_000, perYearMinor: 1_200_000, clause: '§6.2' },
        },
        {
          benefitCode: 'BAGGAGE_THEFT',
          name: L('Stöld av bagage', 'Furto bagaglio', 'Baggage theft'),
          clause: '§7.1',
          requiredDocuments: ['police_report', 'receipt'],
          limits: { perLineMinor: 1_500_000, perYearMinor: 2_500_000, per: 'policy', clause: '§7.3' },
        },
      ],
      exclusions: [
        {
          code: 'extreme_sports',
          clause: '§9.1',
          text: L('Extremsporter', 'Sport estremi', 'Extreme sports'),
          benefitCodes: ['MEDICAL_EXPENSES'],
          causes: ['extreme_sports'],
        },
        {
          code: 'war_zone',
          clause: '§9.2',
          text: L('Krigsområde', 'Zona di guerra', 'War zone'),
          countries: ['SY', 'AF', 'YE'],
        },
      ],
      deductible: { amountMinor: 50_000, per: 'claim', clause: '§3.1' },
      premiumTerms: { graceDays: 30, lapseAfterDays: 90, clause: '§2.4' },
      straightThroughLimitMinor: 2_000_000,
    },
  },
  {
    code: 'TRAVEL_IT',
    currency: 'EUR',
    languages: ['it', 'it', 'it', 'en'],
    termYears: 1,
    minIncidentOffset: 0,
    serviceSpread: 14,
    cleanRanges: {
      MEDICAL_EXPENSES: [6_000, 30_000],
      TRIP_CANCELLATION: [6_000, 30_000],
      BAGGAGE_DELAY: [6_000, 12_000],
    },
    bigLine: { benefitCode: 'MEDICAL_EXPENSES', range: [160_000, 900_000] },
    foreignBenefits: ['BAGGAGE_THEFT', 'OUTPATIENT'],
    causes: {
      MEDICAL_EXPENSES: ['illness', 'accident'],
      TRIP_CANCELLATION: ['illness'],
      BAGGAGE_DELAY: ['delay'],
    },
    countries: ['ES', 'FR', 'GR', 'US', 'EG', 'JP', 'MA'],
    providers: ['Hospital Clínic', 'ITA Airways', 'Hôpital Pasteur', 'Alpitour', 'Ryanair', 'Tokyo Medical'],
    config: {
      covers: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          name: L('Vårdkostnader', 'Spese mediche', 'Medical expenses'),
          clause: '§3.1',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: { perLineMinor: 1_000_000, perYearMinor: 10_000_000, clause: '§3.2' },
        },
        {
          benefitCode: 'TRIP_CANCELLATION',
          name: L('Avbeställning', 'Annullamento viaggio', 'Trip cancellation'),
          clause: '§4.1',
          requiredDocuments: ['travel_booking', 'receipt'],
          limits: { perClaimMinor: 300_000, perYearMinor: 300_000, clause: '§4.2' },
        },
        {
          benefitCode: 'BAGGAGE_DELAY',
          name: L('Försenat bagage', 'Ritardo bagaglio', 'Baggage delay'),
          clause: '§5.1',
          requiredDocuments: ['property_irregularity_report'],
          limits: { perLineMinor: 30_000, perClaimMinor: 60_000, clause: '§5.2' },
        },
      ],
      exclusions: [
        {
          code: 'extreme_sports',
          clause: '§8.1',
          text: L('Extremsporter', 'Sport estremi', 'Extreme sports'),
          benefitCodes: ['MEDICAL_EXPENSES'],
          causes: ['extreme_sports'],
        },
      ],
      deductible: { amountMinor: 5_000, per: 'claim', clause: '§2.3' },
      premiumTerms: { graceDays: 15, lapseAfterDays: 60, clause: '§2.5' },
      straightThroughLimitMinor: 150_000,
    },
  },
  {
    code: 'HEALTH_EU',
    currency: 'EUR',
    languages: ['it', 'en', 'sv'],
    termYears: 3,
    minIncidentOffset: 200, // past the 180-day dental waiting period
    serviceSpread: 30,
    cleanRanges: {
      OUTPATIENT: [4_000, 30_000],
      INPATIENT: [10_000, 30_000],
      PHYSIOTHERAPY: [3_000, 8_000],
      DENTAL: [5_000, 15_000],
      PRESCRIPTION_DRUGS: [1_000, 10_000],
    },
    bigLine: { benefitCode: 'INPATIENT', range: [220_000, 1_500_000] },
    foreignBenefits: ['BAGGAGE_DELAY', 'TRIP_CANCELLATION'],
    causes: {
      OUTPATIENT: ['illness'],
      INPATIENT: ['illness', 'accident'],
      PHYSIOTHERAPY: ['accident', 'illness'],
      DENTAL: ['illness'],
      PRESCRIPTION_DRUGS: ['illness'],
    },
    countries: ['IT', 'SE', 'DE', 'FR'],
    providers: [
      'Ospedale San Raffaele',
      'Policlinico Gemelli',
      'Karolinska Universitetssjukhuset',
      'Farmacia Centrale',
      'Studio Dentistico Rossi',
      'FisioCenter Milano',
    ],
    config: {
      covers: [
        {
          benefitCode: 'OUTPATIENT',
          name: L('Öppenvård', 'Cure ambulatoriali', 'Outpatient care'),
          clause: '§4.1',
          requiredDocuments: ['receipt'],
          limits: { perLineMinor: 50_000, perYearMinor: 300_000, clause: '§4.1.3' },
        },
        {
          benefitCode: 'INPATIENT',
          name: L('Slutenvård', 'Ricovero', 'Inpatient care'),
          clause: '§4.2',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: {
            perClaimMinor: 2_000_000,
            perYearMinor: 5_000_000,
            lifetimeMinor: 50_000_000,
            clause: '§4.2.4',
          },
        },
        {
          benefitCode: 'PHYSIOTHERAPY',
          name: L('Fysioterapi', 'Fisioterapia', 'Physiotherapy'),
          clause: '§4.3',
          requiredDocuments: ['receipt', 'medical_certificate'],
          limits: { perLineMinor: 8_000, perYearMinor: 120_000, clause: '§4.3.2' },
          coPayment: { sharePermille: 200, clause: '§4.3.3' },
        },
        {
          benefitCode: 'DENTAL',
          name: L('Tandvård', 'Cure dentarie', 'Dental care'),
          clause: '§4.4',
          requiredDocuments: ['receipt'],
          limits: { perYearMinor: 100_000, per: 'policy', clause: '§4.4.2' },
          waitingPeriod: { days: 180, clause: '§4.4.1' },
        },
        {
          benefitCode: 'PRESCRIPTION_DRUGS',
          name: L('Läkemedel', 'Farmaci', 'Prescription drugs'),
          clause: '§4.5',
          requiredDocuments: ['receipt'],
          limits: { perYearMinor: 150_000, clause: '§4.5.1' },
        },
      ],
      exclusions: [
        {
          code: 'cosmetic',
          clause: '§6.1',
          text: L('Kosmetisk behandling', 'Trattamento estetico', 'Cosmetic treatment'),
          benefitCodes: ['DENTAL'],
          causes: ['cosmetic'],
        },
        {
          code: 'pre_existing',
          clause: '§6.2',
          text: L('Tidigare känd sjukdom', 'Malattia preesistente', 'Pre-existing condition'),
          benefitCodes: ['INPATIENT'],
          preExistingCondition: true,
        },
      ],
      deductible: { amountMinor: 15_000, per: 'year', clause: '§3.2' },
      premiumTerms: { graceDays: 14, lapseAfterDays: 60, clause: '§2.3' },
      straightThroughLimitMinor: 200_000,
    },
  },
];

export type SyntheticProduct = Omit<ProductSpec, 'config'> & {
  version: AssessmentProductVersion;
  config: ProductConfig;
  coverByCode: ReadonlyMap<string, Cover>;
  benefitCodes: readonly string[];
};

/** The products, their configurations validated with ProductConfigSchema (throws if one is invalid). */
export function createProducts(): SyntheticProduct[] {
  return PRODUCT_SPECS.map((spec) => {
    const config = ProductConfigSchema.parse(spec.config);
    const coverByCode = new Map(config.covers.map((c) => [c.benefitCode, c] as const));
    for (const code of Object.keys(spec.cleanRanges)) {
      if (!coverByCode.has(code)) throw new Error(`${spec.code}: clean range for unknown benefit ${code}`);
    }
    return {
      ...spec,
      config,
      version: { id: `pv-${spec.code.toLowerCase().replace('_', '-')}-1`, version: 1, config },
      coverByCode,
      benefitCodes: Object.keys(spec.cleanRanges),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Policies

export type SyntheticPolicy = {
  index: number;
  productIndex: number;
  productCode: string;
  /** Policy holder = the insured person in this data set. */
  customerId: string;
  insuredPersonId: string;
  birthDate: string;
  language: Language;
  /** Anniversary days (first day of each policy year), as day numbers; [0] is the start. */
  yearStarts: number[];
  startsOn: string;
  endsOn: string;
  startDay: number;
  endDay: number;
  status: AssessmentPolicy['status'];
  currency: string;
  id: string;
};

/** The "today" of the data set: policies that ended before it are `expired`. */
export const REFERENCE_DAY = dayOf(2026, 6, 30);

// An id as a database driver hands it over: one flat string. Built with += and a template literal,
// V8 keeps it as a tree of concatenations ("cons string") until something reads it, and the first
// engine to search it (ours: the benchmark runs it first) would pay for flattening 100,000 ids.
function uuid(rng: Rng): string {
  const chars: string[] = [];
  const hex = (n: number) => {
    for (let k = 0; k < n; k++) chars.push(Math.floor(rng() * 16).toString(16));
  };
  hex(8);
  chars.push('-');
  hex(4);
  chars.push('-', '4');
  hex(3);
  chars.push('-', '89ab'[Math.floor(rng() * 4)] as string);
  hex(3);
  chars.push('-');
  hex(12);
  return chars.join('');
}

function createPolicies(
  products: readonly SyntheticProduct[],
  count: number,
  seed: number,
): SyntheticPolicy[] {
  const rng = mulberry32(mixSeed(seed, 0x7011c1e5));
  const policies: SyntheticPolicy[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const r = rng();
    const productIndex = r < 0.45 ? 0 : r < 0.7 ? 1 : 2; // travel SE 45 %, travel IT 25 %, health 30 %
    const product = products[productIndex] as SyntheticProduct;
    // Start on day 1–28 of a month (no 29 Feb anniversaries), 2022-07 … 2025-12.
    const sy = int(rng, 2022, 2025);
    const sm = sy === 2022 ? int(rng, 7, 12) : int(rng, 1, 12);
    const sd = int(rng, 1, 28);
    const yearStarts: number[] = [];
    for (let y = 0; y < product.termYears; y++) yearStarts.push(dayOf(sy + y, sm, sd));
    const startDay = yearStarts[0] as number;
    const endDay = dayOf(sy + product.termYears, sm, sd);
    const cancelled = rng() < 0.01;
    const customerId = uuid(rng);
    policies[i] = {
      index: i,
      productIndex,
      productCode: product.code,
      customerId,
      insuredPersonId: customerId,
      birthDate: isoOfDay(dayOf(int(rng, 1945, 2004), int(rng, 1, 12), int(rng, 1, 28))),
      language: pick(rng, product.languages),
      yearStarts,
      startsOn: isoOfDay(startDay),
      endsOn: isoOfDay(endDay),
      startDay,
      endDay,
      status: cancelled ? 'cancelled' : endDay <= REFERENCE_DAY ? 'expired' : 'active',
      currency: product.currency,
      id: uuid(rng),
    };
  }
  return policies;
}

// ---------------------------------------------------------------------------------------------
// Claims

export const CLAIM_KINDS = [
  'clean',
  'missing_documents',
  'not_covered',
  'premium',
  'not_in_force',
  'limits',
  'over_threshold',
  'duplicate',
  'processing_error',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Share of each kind, in permille. */
export const KIND_PERMILLE: Readonly<Record<ClaimKind, number>> = {
  clean: 800,
  missing_documents: 30,
  not_covered: 25,
  premium: 25,
  not_in_force: 20,
  limits: 30,
  over_threshold: 20,
  duplicate: 25,
  processing_error: 25,
};

/**
 * Variants that only the fuller engine decides: our engine must send these to a person
 * (`request_information` or `refer`), and the peers, which do not encode documents, duplicates or
 * input validation, cannot decide them. Every other claim is decidable by the peers' rules.
 */
export const MANUAL_VARIANTS: ReadonlySet<string> = new Set([
  'missing_documents',
  'duplicate_claim',
  'processing_error:date_in_future',
  'processing_error:date_before_birth',
  'processing_error:negative_amount',
  'processing_error:amounts_do_not_sum',
  'processing_error:currency_mismatch',
  'processing_error:line_outside_incident',
]);

export type SyntheticClaim = {
  index: number;
  kind: ClaimKind;
  /** The kind and how it was produced, e.g. `limits:per_year_exhausted`. */
  variant: string;
  input: AssessmentInput;
};

const KIND_TABLE: ClaimKind[] = [];
for (const k of CLAIM_KINDS) for (let n = 0; n < KIND_PERMILLE[k]; n++) KIND_TABLE.push(k);
if (KIND_TABLE.length !== 1000) throw new Error('claim kind shares must add up to 1000 permille');

const PROCESSING_ERRORS = [
  'date_in_future',
  'date_before_birth',
  'negative_amount',
  'amounts_do_not_sum',
  'currency_mismatch',
  'line_outside_incident',
] as const;

const LINE_TEXT: Record<string, string> = {
  MEDICAL_EXPENSES: 'Emergency room visit and treatment',
  TRIP_CANCELLATION: 'Non-refundable flight and hotel',
  BAGGAGE_DELAY: 'Clothes and toiletries while baggage delayed',
  BAGGAGE_THEFT: 'Stolen suitcase and contents',
  OUTPATIENT: 'Specialist consultation',
  INPATIENT: 'Hospital stay',
  PHYSIOTHERAPY: 'Physiotherapy session',
  DENTAL: 'Dental treatment',
  PRESCRIPTION_DRUGS: 'Prescribed medication',
};

export type SyntheticWorld = {
  seed: number;
  products: readonly SyntheticProduct[];
  policies: readonly SyntheticPolicy[];
  /** Claim number `index` of the stream (pure function of seed and index). */
  claimAt(index: number): SyntheticClaim;
  /** Claims `start` … `start + count − 1`, generated one at a time. */
  claims(count: number, start?: number): Generator<SyntheticClaim>;
};

export type WorldOptions = { seed?: number; policyCount?: number };

export function createSyntheticWorld(options: WorldOptions = {}): SyntheticWorld {
  const seed = options.seed ?? 20_240_601;
  const policyCount = options.policyCount ?? 100_000;
  const products = createProducts();
  const policies = createPolicies(products, policyCount, seed);
  const usable = policies.filter((p) => p.status !== 'cancelled');
  const cancelled = policies.filter((p) => p.status === 'cancelled');
  if (usable.length === 0 || cancelled.length === 0) throw new Error('too few policies for every claim kind');

  function claimAt(index: number): SyntheticClaim {
    const rng = mulberry32(mixSeed(seed, index));
    const kind = KIND_TABLE[Math.floor(rng() * 1000)] as ClaimKind;
    let variant: string = kind;
    let premiumState: AssessmentPolicy['premiumState'] = 'paid';

    let policy = pick(rng, usable);
    const notInForce =
      kind === 'not_in_force' ? pick(rng, ['before_start', 'after_end', 'cancelled'] as const) : null;
    if (notInForce === 'cancelled') policy = pick(rng, cancelled);
    const product = products[policy.productIndex] as SyntheticProduct;
    const currency = product.currency;

    // Incident date: inside the policy period (after any waiting period), or just outside it.
    let incident: number;
    if (notInForce === 'before_start') incident = policy.startDay - int(rng, 1, 90);
    else if (notInForce === 'after_end') incident = policy.endDay + int(rng, 0, 60);
    else incident = int(rng, policy.startDay + product.minIncidentOffset, policy.endDay - 1);

    // Lines.
    const n = int(rng, 1, 5);
    const lines: AssessmentClaimLine[] = [];
    const providers = product.providers;
    for (let k = 0; k < n; k++) {
      const benefitCode = pick(rng, product.benefitCodes);
      const [lo, hi] = product.cleanRanges[benefitCode] as readonly [number, number];
      lines.push({
        lineNo: k + 1,
        benefitCode,
        serviceDate: '', // set below
        amountMinor: int(rng, lo / 100, hi / 100) * 100,
        currency,
        provider: rng() < 0.1 ? null : pick(rng, providers),
        days: null,
      });
    }
    const serviceDays: number[] = lines.map(() => incident + int(rng, 0, product.serviceSpread));
    const first = lines[0] as AssessmentClaimLine;
    const cause = pick(rng, product.causes[first.benefitCode] ?? ['illness']);
    const incidentCountry = pick(rng, product.countries);
    let birthDate = policy.birthDate;
    let registeredOn = -1; // computed from the service dates unless a variant sets it
    let totalDelta = 0;
    let useAccumulators: 'clean' | string = 'clean';
    let limitLine = 0;

    switch (kind) {
      case 'clean':
      case 'missing_documents':
      case 'duplicate':
      case 'not_in_force':
        break;
      case 'premium':
        premiumState = pick(rng, ['overdue', 'lapsed', 'grace_period'] as const);
        variant = `premium:${premiumState}`;
        break;
      case 'not_covered': {
        // One line (or the only line) becomes a benefit the product does not cover.
        const k = Math.floor(rng() * n);
        (lines[k] as AssessmentClaimLine).benefitCode = pick(rng, product.foreignBenefits);
        variant = n === 1 ? 'not_covered:all_lines' : 'not_covered:one_line';
        break;
      }
      case 'over_threshold': {
        const k = Math.floor(rng() * n);
        const line = lines[k] as AssessmentClaimLine;
        line.benefitCode = product.bigLine.benefitCode;
        line.amountMinor = int(rng, product.bigLine.range[0] / 100, product.bigLine.range[1] / 100) * 100;
        break;
      }
      case 'limits': {
        limitLine = Math.floor(rng() * n);
        const line = lines[limitLine] as AssessmentClaimLine;
        const limits = product.coverByCode.get(line.benefitCode)?.limits;
        const options: string[] = [];
        if (limits?.perLineMinor !== undefined) options.push('per_line');
        if (limits?.perClaimMinor !== undefined) options.push('per_claim');
        if (limits?.perYearMinor !== undefined) options.push('per_year_partly_used', 'per_year_exhausted');
        if (limits?.lifetimeMinor !== undefined) options.push('lifetime_partly_used');
        const how = options.length > 0 ? pick(rng, options) : 'per_year_partly_used';
        if (how === 'per_line' && limits?.perLineMinor !== undefined) {
          line.amountMinor = limits.perLineMinor + int(rng, 1, Math.max(1, limits.perLineMinor / 200)) * 100;
        } else if (how === 'per_claim' && limits?.perClaimMinor !== undefined) {
          // This benefit's lines exceed the per-claim limit, none of them its per-line limit: the
          // line takes up to the per-line limit and further lines of the benefit carry the rest.
          const perLine = limits.perLineMinor ?? Number.MAX_SAFE_INTEGER;
          let others = 0;
          for (const l of lines)
            if (l !== line && l.benefitCode === line.benefitCode) others += l.amountMinor;
          let rest =
            Math.max(100, limits.perClaimMinor - others) +
            int(rng, 1, Math.max(1, limits.perClaimMinor / 400)) * 100;
          line.amountMinor = Math.min(perLine, rest);
          rest -= line.amountMinor;
          while (rest > 0) {
            const amountMinor = Math.min(perLine, rest);
            lines.push({ ...line, lineNo: lines.length + 1, amountMinor });
            serviceDays.push(serviceDays[limitLine] as number);
            rest -= amountMinor;
          }
        }
        useAccumulators = how;
        variant = `limits:${how}`;
        break;
      }
      case 'processing_error': {
        const what = pick(rng, PROCESSING_ERRORS);
        variant = `processing_error:${what}`;
        const k = Math.floor(rng() * n);
        const line = lines[k] as AssessmentClaimLine;
        if (what === 'date_in_future') {
          serviceDays[k] = incident + product.serviceSpread + 30; // after registeredOn (set below)
          registeredOn = incident + product.serviceSpread + int(rng, 0, 20);
        } else if (what === 'date_before_birth') {
          birthDate = isoOfDay(incident + int(rng, 1, 400));
        } else if (what === 'negative_amount') {
          line.amountMinor = -line.amountMinor;
        } else if (what === 'amounts_do_not_sum') {
          totalDelta = int(rng, 1, 500) * 100;
        } else if (what === 'currency_mismatch') {
          line.currency = currency === 'SEK' ? 'EUR' : 'USD';
        } else {
          serviceDays[k] = incident - int(rng, 1, 30);
        }
        break;
      }
    }

    for (let k = 0; k < lines.length; k++)
      (lines[k] as AssessmentClaimLine).serviceDate = isoOfDay(serviceDays[k] as number);
    if (registeredOn < 0) {
      let last = incident;
      for (const d of serviceDays) if (d > last) last = d;
      registeredOn = last + int(rng, 0, 20);
    }
    let total = totalDelta;
    for (const l of lines) total += l.amountMinor;

    // Documents: everything the covered lines require (then one removed for missing_documents).
    const documents: DocumentKind[] = [];
    for (const l of lines) {
      const cover = product.coverByCode.get(l.benefitCode);
      if (cover) for (const d of cover.requiredDocuments) if (!documents.includes(d)) documents.push(d);
    }
    if (kind === 'missing_documents') {
      documents.splice(Math.floor(rng() * documents.length), 1);
    }

    // Accumulators: this policy year's usage so far, leaving room for this claim unless the variant
    // is about limits.
    let yearIdx = 0;
    for (let y = 1; y < policy.yearStarts.length; y++)
      if (incident >= (policy.yearStarts[y] as number)) yearIdx = y;
    const periodStart = isoOfDay(policy.yearStarts[yearIdx] as number);
    const accumulators: Record<string, number> = {};
    const claimedBy = new Map<string, number>();
    for (const l of lines) {
      if (product.coverByCode.has(l.benefitCode))
        claimedBy.set(l.benefitCode, (claimedBy.get(l.benefitCode) ?? 0) + l.amountMinor);
    }
    const limitBenefit = (lines[limitLine] as AssessmentClaimLine).benefitCode;
    for (const [code, claimed] of claimedBy) {
      const limits = product.coverByCode.get(code)?.limits;
      if (!limits) continue;
      const person = limits.per === 'policy' ? null : policy.insuredPersonId;
      const scope = { policyId: policy.id, insuredPersonId: person, benefitCode: code };
      const targeted = kind === 'limits' && code === limitBenefit;
      if (limits.perYearMinor !== undefined) {
        let used: number;
        if (targeted && useAccumulators === 'per_year_exhausted') used = limits.perYearMinor;
        else if (targeted && useAccumulators === 'per_year_partly_used')
          used = Math.max(0, limits.perYearMinor - Math.floor(claimed / 200) * 100);
        else
          used =
            rng() < 0.4
              ? 0
              : Math.floor((rng() * 0.6 * Math.max(0, limits.perYearMinor - claimed)) / 100) * 100;
        if (used > 0) accumulators[accumulatorKey('limit_year', { ...scope, periodStart })] = used;
      }
      if (limits.lifetimeMinor !== undefined) {
        let used: number;
        if (targeted && useAccumulators === 'lifetime_partly_used')
          used = Math.max(0, limits.lifetimeMinor - Math.floor(claimed / 200) * 100);
        else
          used =
            rng() < 0.5
              ? 0
              : Math.floor((rng() * 0.5 * Math.max(0, limits.lifetimeMinor - claimed)) / 100) * 100;
        if (used > 0) accumulators[accumulatorKey('limit_lifetime', { ...scope, periodStart: null })] = used;
      }
    }
    const deductible = product.config.deductible;
    if (deductible?.per === 'year') {
      const key = accumulatorKey('deductible_year', {
        policyId: policy.id,
        insuredPersonId: policy.insuredPersonId,
        benefitCode: null,
        periodStart,
      });
      const r = rng();
      let used =
        r < 0.4 ? 0 : r < 0.7 ? int(rng, 0, deductible.amountMinor / 100) * 100 : deductible.amountMinor;
      // A clean claim must pay something: if the rest of the deductible would take it all, the
      // deductible has already been met this year.
      let covered = 0;
      for (const v of claimedBy.values()) covered += v;
      if (covered <= deductible.amountMinor - used) used = deductible.amountMinor;
      if (used > 0) accumulators[key] = used;
    }

    // Prior claims on the same policy: unrelated ones for a quarter of the claims, and the
    // duplicates for that kind.
    const priorClaims: PriorClaim[] = [];
    const claimProviders: string[] = [];
    for (const l of lines)
      if (l.provider !== null && !claimProviders.includes(l.provider)) claimProviders.push(l.provider);
    if (rng() < 0.25) {
      const count = int(rng, 1, 2);
      for (let k = 0; k < count; k++) {
        const d = incident + (rng() < 0.5 ? -1 : 1) * int(rng, 30, 300);
        priorClaims.push({
          id: `prior-${index}-${k}`,
          claimNumber: `CLM-2025-${String((index * 3 + k) % 1_000_000).padStart(6, '0')}`,
          insuredPersonId: policy.insuredPersonId,
          incidentDate: isoOfDay(d),
          totalClaimedMinor: int(rng, 100, 100_000) * 100,
          providers: [pick(rng, providers)],
          serviceDates: [isoOfDay(d)],
        });
      }
    }
    if (kind === 'duplicate') {
      const exact = rng() < 0.5;
      variant = exact ? 'duplicate_claim' : 'possible_duplicate';
      const d = exact ? incident : incident + (rng() < 0.5 ? -1 : 1) * int(rng, 1, 7);
      priorClaims.push({
        id: `prior-${index}-dup`,
        claimNumber: `CLM-2025-${String((index * 7 + 5) % 1_000_000).padStart(6, '0')}`,
        insuredPersonId: policy.insuredPersonId,
        incidentDate: isoOfDay(d),
        totalClaimedMinor: total,
        providers: exact ? claimProviders.slice(0, 1) : ['Another Provider Ltd'],
        serviceDates: lines.map((l) => l.serviceDate),
      });
    }

    const input: AssessmentInput = {
      claim: {
        id: `claim-${index}`,
        customerId: policy.customerId,
        insuredPersonId: policy.insuredPersonId,
        insuredBirthDate: birthDate,
        incidentDate: isoOfDay(incident),
        registeredOn: isoOfDay(registeredOn),
        currency,
        totalClaimedMinor: total,
        cause,
        incidentCountry,
        preExistingCondition: false,
        documents,
        lines,
      },
      policy: {
        id: policy.id,
        startsOn: policy.startsOn,
        endsOn: policy.endsOn,
        status: policy.status,
        currency: policy.currency,
        premiumState,
        declaredAnnualIncomeMinor: null,
      },
      product: product.version,
      accumulators,
      priorClaims,
      language: policy.language,
    };
    if (notInForce) variant = `not_in_force:${notInForce}`;
    return { index, kind, variant, input };
  }

  function* claims(count: number, start = 0): Generator<SyntheticClaim> {
    for (let i = start; i < start + count; i++) yield claimAt(i);
  }

  return { seed, products, policies, claimAt, claims };
}

// ---------------------------------------------------------------------------------------------
// Rendering for the end-to-end bench

export type NewClaimJson = {
  customerId: string;
  policyId: string;
  incidentDate: string;
  description: string;
  channel: 'import';
  lines: {
    benefitCode: string;
    description: string;
    serviceDate: string;
    amountMinor: number;
    currency: string;
    provider?: string;
  }[];
  externalRef: string;
  cause: string | null;
  incidentCountry: string | null;
  documents: DocumentKind[];
};

/**
 * A claim as a `NewClaim`-like JSON object (the registration API's shape plus cause, incident
 * country and documents). Claims of kind `processing_error` may carry values the API rejects
 * (negative amounts, a foreign currency); filter on `kind` when only valid requests are wanted.
 */
export function toNewClaimJson(c: SyntheticClaim): NewClaimJson {
  const claim = c.input.claim;
  return {
    customerId: claim.customerId,
    policyId: c.input.policy.id,
    incidentDate: claim.incidentDate,
    description: `Synthetic ${c.kind.replaceAll('_', ' ')} claim ${c.index}: ${claim.cause ?? 'unspecified'} in ${claim.incidentCountry ?? 'unknown country'}`,
    channel: 'import',
    lines: claim.lines.map((l) => {
      const line: NewClaimJson['lines'][number] = {
        benefitCode: l.benefitCode,
        description: LINE_TEXT[l.benefitCode] ?? l.benefitCode,
        serviceDate: l.serviceDate,
        amountMinor: l.amountMinor,
        currency: l.currency,
      };
      if (l.provider !== null) line.provider = l.provider;
      return line;
    }),
    externalRef: `synthetic-${c.index}`,
    cause: claim.cause,
    incidentCountry: claim.incidentCountry,
    documents: [...claim.documents],
  };
}
