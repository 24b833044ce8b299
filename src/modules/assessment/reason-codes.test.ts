import { describe, expect, it } from 'vitest';
import type { Language } from '../../db/schema.ts';
import { accumulatorKey } from './accumulator-keys.ts';
import { assessClaim } from './assess-claim.ts';
import { REASON_CODES } from './assessment-texts.ts';
import type { Assessment, ReasonCode, Recommendation } from './assessment-types.ts';
import { compileProduct } from './compiled-product.ts';
import { renderReason } from './explain.ts';
import type { InputSpec, ProductName } from './test-fixtures.ts';
import { makeInput, PRODUCTS } from './test-fixtures.ts';

// Every reason code, produced by a real assessment of one of the fixture products, with its
// explanation checked in Swedish, Italian and English. The Record type makes a new reason code
// without a scenario a type error; the first test makes it a test failure too.

type Scenario = {
  product: ProductName;
  spec: InputSpec;
  recommendation: Recommendation;
  /** Clause the reason must cite (null: none). */
  clause: string | null;
  /** Where the code shows up: a claim/line reason (default) or only as a risk flag. */
  riskFlagOnly?: boolean;
  /** Real wording to find, per language (case-insensitive). */
  words?: Partial<Record<Language, string>>;
};

const prior = {
  id: 'claim-0',
  claimNumber: 'CD-2025-000123',
  insuredPersonId: 'person-1',
  incidentDate: '2025-06-10',
  totalClaimedMinor: 100_000,
  providers: ['Provider AB'],
  serviceDates: ['2025-06-10'],
};

const medicalYearKey = accumulatorKey('limit_year', {
  policyId: 'policy-1',
  insuredPersonId: 'person-1',
  benefitCode: 'MEDICAL_EXPENSES',
  periodStart: '2025-01-01',
});
const dentalLifetimeKey = accumulatorKey('limit_lifetime', {
  policyId: 'policy-1',
  insuredPersonId: 'person-1',
  benefitCode: 'DENTAL',
  periodStart: null,
});
const sicknessDaysKey = accumulatorKey('benefit_days_year', {
  policyId: 'policy-1',
  insuredPersonId: 'person-1',
  benefitCode: 'SICKNESS_DAILY',
  periodStart: '2025-01-01',
});

const SCENARIOS: Record<ReasonCode, Scenario> = {
  date_in_future: {
    product: 'travel',
    spec: { claim: { incidentDate: '2025-06-25' }, lines: [{ serviceDate: '2025-06-25' }] },
    recommendation: 'refer',
    clause: null,
  },
  date_before_birth: {
    product: 'travel',
    spec: { claim: { insuredBirthDate: '2025-07-01' } },
    recommendation: 'refer',
    clause: null,
  },
  negative_amount: {
    product: 'travel',
    spec: { lines: [{ amountMinor: -100 }] },
    recommendation: 'refer',
    clause: null,
  },
  amounts_do_not_sum: {
    product: 'health',
    spec: { claim: { totalClaimedMinor: 1 } },
    recommendation: 'refer',
    clause: null,
  },
  currency_mismatch: {
    product: 'health',
    spec: { lines: [{ currency: 'USD' }] },
    recommendation: 'refer',
    clause: null,
  },
  line_outside_incident: {
    product: 'travel',
    spec: { lines: [{ serviceDate: '2025-06-01' }] },
    recommendation: 'refer',
    clause: null,
  },
  document_missing: {
    product: 'travel',
    spec: { claim: { documents: ['receipt'] } },
    recommendation: 'request_information',
    clause: '§4.1',
    words: { sv: 'läkarintyg', it: 'certificato medico', en: 'medical certificate' },
  },
  duplicate_claim: {
    product: 'travel',
    spec: { priorClaims: [prior] },
    recommendation: 'refer',
    clause: null,
    words: { sv: 'dubblett', it: 'duplicato', en: 'duplicate' },
  },
  possible_duplicate: {
    product: 'travel',
    spec: { priorClaims: [{ ...prior, incidentDate: '2025-06-05' }] },
    recommendation: 'approve',
    clause: null,
    riskFlagOnly: true,
  },
  policy_not_in_force: {
    product: 'travel',
    spec: { policy: { endsOn: '2025-06-10' } },
    recommendation: 'deny',
    clause: null,
  },
  policy_cancelled: {
    product: 'health',
    spec: { policy: { status: 'cancelled' } },
    recommendation: 'deny',
    clause: null,
  },
  premium_grace_period: {
    product: 'health',
    spec: { policy: { premiumState: 'grace_period' } },
    recommendation: 'approve',
    clause: '§2.4',
    words: { it: 'periodo di tolleranza', sv: 'betalningsfristen', en: 'grace period' },
  },
  premium_overdue: {
    product: 'health',
    spec: { policy: { premiumState: 'overdue' } },
    recommendation: 'deny',
    clause: '§2.4',
    words: { it: 'sospesa' },
  },
  policy_lapsed: {
    product: 'travel',
    spec: { policy: { premiumState: 'lapsed' } },
    recommendation: 'deny',
    clause: '§2.3',
  },
  benefit_not_covered: {
    product: 'travel',
    spec: { lines: [{ benefitCode: 'DENTAL' }] },
    recommendation: 'deny',
    clause: null,
  },
  excluded: {
    product: 'travel',
    spec: { claim: { incidentCountry: 'SY' } },
    recommendation: 'deny',
    clause: '§9.1',
    words: { sv: 'krig', it: 'guerra', en: 'war' },
  },
  waiting_period: {
    product: 'health',
    spec: {
      claim: { incidentDate: '2024-05-10', registeredOn: '2024-05-20' },
      lines: [{ benefitCode: 'DENTAL', serviceDate: '2024-05-10' }],
    },
    recommendation: 'deny',
    clause: '§3.3.1',
    words: { it: 'periodo di carenza', sv: 'kvalificeringstid', en: 'waiting period' },
  },
  limit_per_line: {
    product: 'travel',
    spec: { lines: [{ benefitCode: 'LUGGAGE_LOSS', amountMinor: 1_500_000 }] },
    recommendation: 'partial',
    clause: '§7.3',
    words: { sv: 'ersättningstak', it: 'massimale', en: 'limit' },
  },
  limit_per_claim: {
    product: 'travel',
    spec: {
      lines: [
        { benefitCode: 'LUGGAGE_DELAY', amountMinor: 150_000 },
        { benefitCode: 'LUGGAGE_DELAY', amountMinor: 150_000 },
      ],
    },
    recommendation: 'partial',
    clause: '§6.2',
    words: { sv: 'ersättningstak', it: 'per sinistro', en: 'per claim' },
  },
  limit_per_year: {
    product: 'travel',
    spec: { lines: [{ amountMinor: 200_000 }], accumulators: { [medicalYearKey]: 4_900_000 } },
    recommendation: 'partial',
    clause: '§4.3',
    words: { sv: 'per försäkringsår', it: 'massimale annuo', en: 'per policy year' },
  },
  limit_lifetime: {
    product: 'health',
    spec: {
      lines: [{ benefitCode: 'DENTAL', amountMinor: 100_000 }],
      accumulators: { [dentalLifetimeKey]: 450_000 },
    },
    recommendation: 'partial',
    clause: '§3.3.2',
    words: { it: "l'intera durata della polizza" },
  },
  deductible_applied: {
    product: 'health',
    spec: {},
    recommendation: 'approve',
    clause: '§6.2',
    words: { sv: 'Självrisk', it: 'Franchigia', en: 'Excess' },
  },
  copayment_applied: {
    product: 'health',
    spec: {},
    recommendation: 'approve',
    clause: '§6.1',
    words: { sv: 'Egen andel', it: 'Scoperto del 20%', en: 'Co-payment' },
  },
  daily_benefit_computed: {
    product: 'sickness',
    spec: {},
    recommendation: 'approve',
    clause: '§4.1',
    words: { sv: 'Dagersättning', it: 'Indennità giornaliera', en: 'Daily benefit' },
  },
  daily_benefit_waiting_days: {
    product: 'sickness',
    spec: {},
    recommendation: 'approve',
    clause: '§4.1',
    words: { sv: 'Karensdag', it: 'carenza', en: 'Waiting day' },
  },
  daily_benefit_max_days: {
    product: 'sickness',
    spec: { accumulators: { [sicknessDaysKey]: 360 } },
    recommendation: 'partial',
    clause: '§4.1',
    words: { sv: '364', it: '364', en: '364' },
  },
  income_missing: {
    product: 'sickness',
    spec: { policy: { declaredAnnualIncomeMinor: null } },
    recommendation: 'refer',
    clause: '§4.1',
    words: { sv: 'årsinkomst', it: 'reddito', en: 'income' },
  },
  covered_in_full: {
    product: 'travel',
    spec: { lines: [{ amountMinor: 100_000 }, { amountMinor: 40_000 }] },
    recommendation: 'approve',
    clause: '§4.1',
    words: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
  },
  straight_through: { product: 'travel', spec: {}, recommendation: 'approve', clause: null },
  above_straight_through_limit: {
    product: 'travel',
    spec: { lines: [{ amountMinor: 2_000_000 }] },
    recommendation: 'approve',
    clause: null,
    words: { sv: '10 000,00 kr', it: '10.000,00 SEK', en: 'SEK 10,000.00' },
  },
  engine_error: {
    product: 'travel',
    spec: { lines: [{ amountMinor: Number.NaN }] },
    recommendation: 'refer',
    clause: null,
  },
};

const LANGUAGES: Language[] = ['sv', 'it', 'en'];

/** Intl separates groups and currency symbols with (narrow) no-break spaces; compare as plain. */
const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

function assess(s: Scenario, language: Language): Assessment {
  return assessClaim(makeInput(s.product, { ...s.spec, language }));
}

describe('every reason code is produced and explained in sv, it and en', () => {
  it('has a scenario for every reason code', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...REASON_CODES].sort());
  });

  it.each(Object.entries(SCENARIOS) as [ReasonCode, Scenario][])('%s', (code, s) => {
    const texts: string[] = [];
    for (const language of LANGUAGES) {
      const result = assess(s, language);
      expect(result.recommendation).toBe(s.recommendation);
      let text: string;
      if (s.riskFlagOnly) {
        const flag = result.riskFlags.find((f) => f.code === code);
        expect(flag).toBeDefined();
        expect(result.explanation.some((e) => e.code === code)).toBe(false);
        const reason = { code, clause: null, params: { claimNumber: flag?.claimNumber ?? '' } };
        text =
          plain(
            renderReason(reason, language, result.currency, compileProduct(PRODUCTS[s.product].config)),
          ) ?? '';
      } else {
        const entry = result.explanation.find((e) => e.code === code);
        expect(entry, `${code} in ${language}`).toBeDefined();
        expect(entry?.clause ?? null).toBe(s.clause);
        text = plain(entry?.text) ?? '';
      }
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/[{}]/);
      if (s.clause !== null) expect(text).toContain(s.clause);
      const word = s.words?.[language];
      if (word !== undefined) expect(text.toLowerCase()).toContain(word.toLowerCase());
      texts.push(text);
    }
    expect(new Set(texts).size).toBe(3);
  });
});

describe('explanations spot-checked', () => {
  it('Swedish travel claim: deductible, line limit and co-payment in insurance Swedish', () => {
    const result = assessClaim(
      makeInput('travel', {
        language: 'sv',
        lines: [{ amountMinor: 100_000 }, { benefitCode: 'LUGGAGE_LOSS', amountMinor: 1_234_567 }],
      }),
    );
    expect(result.explanation.map((e) => plain(e.text))).toEqual([
      'Självrisk på 500,00 kr per skada: 500,00 kr har dragits av (se §3.1 i försäkringsvillkoren).',
      'Ersättningen har begränsats till ersättningstaket 10 000,00 kr per kostnadspost (se §7.3 i försäkringsvillkoren).',
      'Egen andel: 10 % av det ersättningsbara beloppet, 1 000,00 kr, betalar du själv (se §7.4 i försäkringsvillkoren).',
    ]);
  });

  it('Italian health claim: franchigia and scoperto in euro', () => {
    const result = assessClaim(makeInput('health', { language: 'it' }));
    expect(result.explanation.map((e) => plain(e.text))).toEqual([
      "L'importo di 720,00 € supera la soglia di 500,00 € per la liquidazione automatica; la decisione spetta a un liquidatore.",
      'Franchigia di 100,00 € per anno assicurativo: sono stati detratti 100,00 € (rif. §6.2 delle Condizioni di Assicurazione).',
      "Scoperto del 20%: 180,00 € restano a carico dell'assicurato (rif. §6.1 delle Condizioni di Assicurazione).",
    ]);
  });

  it('English sickness claim: daily benefit and one waiting day (singular form)', () => {
    const result = assessClaim(makeInput('sickness', { language: 'en' }));
    expect(result.explanation.filter((e) => e.lineNo !== null).map((e) => plain(e.text))).toEqual([
      'Daily benefit: 9 of 10 days paid at SEK 800.00 per day (see §4.1 of the policy terms).',
      'Waiting day: the first day of the sickness period is not paid (see §4.1 of the policy terms).',
    ]);
  });

  it('a claim-level reason about one line is shown on that line', () => {
    const result = assessClaim(makeInput('travel', { lines: [{}, { amountMinor: -5 }] }));
    const entry = result.explanation.find((e) => e.code === 'negative_amount');
    expect(entry?.lineNo).toBe(2);
    expect(plain(entry?.text)).toBe('The amount -SEK 0.05 on line 2 is negative and must be corrected.');
  });

  it('dates are written the local way', () => {
    const spec: InputSpec = { claim: { insuredBirthDate: '2025-07-01' } };
    const text = (language: Language) =>
      assessClaim(makeInput('travel', { ...spec, language })).explanation.find(
        (e) => e.code === 'date_before_birth',
      )?.text;
    expect(text('sv')).toContain('2025-06-10');
    expect(text('it')).toContain('10/06/2025');
    expect(text('en')).toContain('01/07/2025');
  });

  it('the exclusion is explained with its own text from the product', () => {
    const result = assessClaim(makeInput('travel', { language: 'sv', claim: { cause: 'extreme_sports' } }));
    expect(plain(result.explanation[0]?.text)).toBe(
      'Vårdkostnader ersätts inte på grund av undantaget: skador vid extremsporter (se §9.2 i försäkringsvillkoren).',
    );
  });
});
