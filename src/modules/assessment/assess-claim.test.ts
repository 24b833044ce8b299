import { describe, expect, it } from 'vitest';
import { assessClaim } from './assess-claim.ts';
import type { AssessmentInput } from './assessment-types.ts';
import { ENGINE_VERSION } from './assessment-types.ts';
import { accumulatorKey, assessClaim as fromIndex } from './index.ts';
import { makeInput } from './test-fixtures.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('assessClaim end to end', () => {
  it('Swedish travel: a clean low-value claim goes straight through', () => {
    const result = assessClaim(makeInput('travel', { language: 'sv' }));
    expect(result).toEqual({
      engineVersion: ENGINE_VERSION,
      productVersionId: 'pv-travel-se-1',
      recommendation: 'approve',
      currency: 'SEK',
      totals: {
        submittedMinor: 100_000,
        eligibleMinor: 100_000,
        deductibleMinor: 50_000,
        copayMinor: 0,
        benefitMinor: 50_000,
      },
      lines: [
        {
          lineNo: 1,
          benefitCode: 'MEDICAL_EXPENSES',
          submittedMinor: 100_000,
          eligibleMinor: 100_000,
          deductibleMinor: 50_000,
          copayMinor: 0,
          benefitMinor: 50_000,
          reasons: [
            {
              code: 'deductible_applied',
              clause: '§3.1',
              params: { amountMinor: 50_000, deductibleMinor: 50_000, per: 'claim' },
            },
          ],
        },
      ],
      missing: [],
      riskFlags: [],
      reasons: [{ code: 'straight_through', clause: null, params: { limitMinor: 1_000_000 } }],
      explanation: [
        { code: 'straight_through', clause: null, text: 'Ersättningen regleras automatiskt.', lineNo: null },
        {
          code: 'deductible_applied',
          clause: '§3.1',
          text: expect.stringContaining('Självrisk'),
          lineNo: 1,
        },
      ],
      accumulatorDeltas: [
        { key: 'limit_year|policy-1|person-1|MEDICAL_EXPENSES|2025-01-01', amountMinor: 100_000 },
        { key: 'limit_lifetime|policy-1|person-1|MEDICAL_EXPENSES|*', amountMinor: 100_000 },
      ],
      straightThrough: true,
    });
  });

  it('Italian health: several benefits, franchigia once, scoperto per line', () => {
    const result = assessClaim(
      makeInput('health', {
        language: 'it',
        lines: [
          { amountMinor: 8_000 }, // visita specialistica 80 €
          { benefitCode: 'DIAGNOSTICS', amountMinor: 25_000 }, // ecografia 250 €
          { benefitCode: 'PHARMACY', amountMinor: 1_999 }, // farmaci 19,99 €
        ],
      }),
    );
    // franchigia 100 €: 80 € from line 1, 20 € from line 2
    expect(
      result.lines.map((l) => [l.eligibleMinor, l.deductibleMinor, l.copayMinor, l.benefitMinor]),
    ).toEqual([
      [8_000, 8_000, 0, 0],
      [25_000, 2_000, 4_600, 18_400],
      [1_999, 0, 400, 1_599], // 19,99 × 20 % = 3,998 → 4,00
    ]);
    expect(result.totals).toEqual({
      submittedMinor: 34_999,
      eligibleMinor: 34_999,
      deductibleMinor: 10_000,
      copayMinor: 5_000,
      benefitMinor: 19_999,
    });
    expect(result.recommendation).toBe('approve');
    expect(result.straightThrough).toBe(true);
    expect(result.accumulatorDeltas).toEqual([
      { key: 'limit_year|policy-1|person-1|SPECIALIST_VISIT|2025-03-01', amountMinor: 8_000 },
      { key: 'limit_lifetime|policy-1|person-1|SPECIALIST_VISIT|*', amountMinor: 8_000 },
      { key: 'limit_year|policy-1|*|DIAGNOSTICS|2025-03-01', amountMinor: 25_000 },
      { key: 'limit_lifetime|policy-1|*|DIAGNOSTICS|*', amountMinor: 25_000 },
      { key: 'limit_year|policy-1|person-1|PHARMACY|2025-03-01', amountMinor: 1_999 },
      { key: 'limit_lifetime|policy-1|person-1|PHARMACY|*', amountMinor: 1_999 },
      { key: 'deductible_year|policy-1|person-1|*|2025-03-01', amountMinor: 10_000 },
    ]);
    expect(plain(result.explanation.map((e) => e.text).join('\n'))).toContain(
      'Franchigia di 100,00 € per anno assicurativo: sono stati detratti 80,00 €',
    );
  });

  it('Swedish sickness benefit: 80 % of income a day, one karensdag, paid days accumulated', () => {
    const result = assessClaim(makeInput('sickness', { language: 'sv', lines: [{ days: 14 }] }));
    expect(result.totals).toEqual({
      submittedMinor: 1_120_000,
      eligibleMinor: 1_040_000,
      deductibleMinor: 0,
      copayMinor: 0,
      benefitMinor: 1_040_000,
    });
    // The karensdag is the programme working as agreed, like a deductible: not a partial approval.
    expect(result.recommendation).toBe('approve');
    expect(result.accumulatorDeltas).toContainEqual({
      key: 'benefit_days_year|policy-1|person-1|SICKNESS_DAILY|2025-01-01',
      amountMinor: 13,
    });
    expect(plain(result.explanation.find((e) => e.code === 'daily_benefit_computed')?.text ?? '')).toBe(
      'Dagersättning: 13 av 14 dagar ersätts med 800,00 kr per dag (se §4.1 i försäkringsvillkoren).',
    );
  });

  it('an extension certificate (starting the day after the first period) takes no second waiting day', () => {
    const base = makeInput('sickness', { lines: [{ days: 14 }] });
    const first = base.claim.lines[0];
    if (!first) throw new Error('fixture has a line');
    const day = (iso: string, n: number) =>
      new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
    const lines = [
      first,
      { ...first, lineNo: 2, serviceDate: day(first.serviceDate, 14), days: 10 },
      { ...first, lineNo: 3, serviceDate: day(first.serviceDate, 30), days: 5 },
    ];
    const claim = { ...base.claim, lines, registeredOn: day(first.serviceDate, 40) };
    const result = assessClaim({ ...base, claim });
    const waiting = result.lines.map((l) => l.reasons.some((r) => r.code === 'daily_benefit_waiting_days'));
    // line 2 continues line 1; line 3 starts after a gap, so it is a new sickness period
    expect(waiting).toEqual([true, false, true]);
    expect(result.recommendation).toBe('approve');
  });

  it('a sickness claim cut by the yearly maximum of days is partial', () => {
    const input = makeInput('sickness', { lines: [{ days: 14 }] });
    const daysKey = 'benefit_days_year|policy-1|person-1|SICKNESS_DAILY|2025-01-01';
    const result = assessClaim({ ...input, accumulators: { [daysKey]: 360 } });
    expect(result.recommendation).toBe('partial');
    expect(result.lines[0]?.reasons.map((r) => r.code)).toContain('daily_benefit_max_days');
  });

  it('returns the lines in lineNo order', () => {
    const input = makeInput('travel', {
      lines: [
        { lineNo: 3, amountMinor: 1 },
        { lineNo: 1, amountMinor: 2 },
        { lineNo: 2, amountMinor: 3 },
      ],
    });
    expect(assessClaim(input).lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
  });

  it('does not change its input, and gives the same result twice', () => {
    const input = makeInput('health', { lines: [{}, { benefitCode: 'DENTAL' }] });
    const copy = structuredClone(input);
    const first = assessClaim(input);
    expect(input).toEqual(copy);
    expect(assessClaim(input)).toEqual(first);
    expect(assessClaim(copy)).toEqual(first); // a different but equal config object
  });

  it('is exported from the index', () => {
    expect(fromIndex).toBe(assessClaim);
    expect(
      accumulatorKey('limit_year', {
        policyId: 'p',
        insuredPersonId: null,
        benefitCode: 'X',
        periodStart: null,
      }),
    ).toBe('limit_year|p|*|X|*');
  });
});

describe('assessClaim never throws', () => {
  const base = makeInput('travel');
  const cases: [string, (i: AssessmentInput) => unknown][] = [
    [
      'NaN amount',
      (i) => ({ ...i, claim: { ...i.claim, lines: [{ ...i.claim.lines[0], amountMinor: Number.NaN }] } }),
    ],
    [
      'fractional amount',
      (i) => ({ ...i, claim: { ...i.claim, lines: [{ ...i.claim.lines[0], amountMinor: 1.5 }] } }),
    ],
    ['Infinity total', (i) => ({ ...i, claim: { ...i.claim, totalClaimedMinor: Number.POSITIVE_INFINITY } })],
    ['unsafe total', (i) => ({ ...i, claim: { ...i.claim, totalClaimedMinor: 2 ** 60 } })],
    ['no lines', (i) => ({ ...i, claim: { ...i.claim, lines: undefined } })],
    ['empty lines', (i) => ({ ...i, claim: { ...i.claim, lines: [] } })],
    [
      'repeated line number',
      (i) => ({ ...i, claim: { ...i.claim, lines: [i.claim.lines[0], i.claim.lines[0]] } }),
    ],
    ['line is null', (i) => ({ ...i, claim: { ...i.claim, lines: [null] } })],
    ['bad date', (i) => ({ ...i, claim: { ...i.claim, incidentDate: '2025-02-30' } })],
    ['date as Date object', (i) => ({ ...i, claim: { ...i.claim, incidentDate: new Date() } })],
    ['no claim', (i) => ({ ...i, claim: null })],
    ['no policy', (i) => ({ ...i, policy: undefined })],
    ['unknown premium state', (i) => ({ ...i, policy: { ...i.policy, premiumState: 'maybe' } })],
    ['negative income', (i) => ({ ...i, policy: { ...i.policy, declaredAnnualIncomeMinor: -1 } })],
    ['no product', (i) => ({ ...i, product: null })],
    ['config without covers', (i) => ({ ...i, product: { ...i.product, config: {} } })],
    ['accumulators null', (i) => ({ ...i, accumulators: null })],
    [
      'accumulator not a number',
      (i) => ({ ...i, accumulators: { 'limit_year|policy-1|person-1|MEDICAL_EXPENSES|2025-01-01': 'lots' } }),
    ],
    ['prior claims not a list', (i) => ({ ...i, priorClaims: {} })],
    ['prior claim garbage', (i) => ({ ...i, priorClaims: [42] })],
    ['unknown language', (i) => ({ ...i, language: 'de' })],
    ['documents not a list', (i) => ({ ...i, claim: { ...i.claim, documents: 'receipt' } })],
    ['input undefined', () => undefined],
    ['input a string', () => 'claim'],
  ];

  it.each(cases)('%s → refer with engine_error', (_name, corrupt) => {
    const result = assessClaim(corrupt(base) as AssessmentInput);
    expect(result.recommendation).toBe('refer');
    expect(result.reasons.map((r) => r.code)).toEqual(['engine_error']);
    expect(result.totals.benefitMinor).toBe(0);
    expect(result.accumulatorDeltas).toEqual([]);
    expect(result.straightThrough).toBe(false);
    expect(result.explanation).toHaveLength(1);
    expect(result.explanation[0]?.text.length).toBeGreaterThan(10);
  });

  it('explains an engine error in the customer’s language', () => {
    const input = makeInput('health', { language: 'it', lines: [{ amountMinor: Number.NaN }] });
    const result = assessClaim(input);
    expect(result.productVersionId).toBe('pv-health-it-1');
    expect(result.currency).toBe('EUR');
    expect(result.explanation[0]?.text).toBe(
      'La pratica non ha potuto essere valutata automaticamente ed è affidata a un liquidatore.',
    );
  });

  it('survives input whose getters throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    const result = assessClaim(hostile as AssessmentInput);
    expect(result.recommendation).toBe('refer');
    expect(result.productVersionId).toBe('');
  });
});
