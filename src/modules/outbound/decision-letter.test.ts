import { describe, expect, it } from 'vitest';
import { type DecisionLetterData, decisionLetter, decisionReasons } from './decision-letter.ts';
import type { LetterBlock } from './letter-content.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (blocks: LetterBlock[]) => plain(JSON.stringify(blocks));

const base: DecisionLetterData = {
  reference: 'CLM-2026-000123',
  outcome: 'approved',
  currency: 'SEK',
  payableMinor: 700_000,
  claimedMinor: 800_000,
  lines: [
    {
      lineNo: 1,
      description: 'Clinic visit',
      claimedMinor: 800_000,
      eligibleMinor: 800_000,
      deductibleMinor: 50_000,
      copayMinor: 50_000,
      computedMinor: 700_000,
      payableMinor: 700_000,
    },
  ],
  reasonCodes: [],
  clauses: [],
  assessmentReasons: [
    {
      code: 'deductible_applied',
      clause: '§3.1',
      text: 'A deductible of SEK 500.00 was taken.',
      lineNo: 1,
      explains: true,
    },
    { code: 'straight_through', clause: null, text: 'Settled automatically.', lineNo: null, explains: false },
  ],
  jurisdiction: 'SE',
};

describe('the decision letter', () => {
  it('approval: the amount in the language, the calculation, no appeal section', () => {
    const letter = decisionLetter(base, 'sv');
    expect(letter.template).toBe('decision_approval');
    const text = textOf(letter.blocks);
    expect(text).toContain('Vi betalar ut 7 000,00 kr');
    expect(text).toContain('Självrisk');
    expect(text).toContain('500,00 kr');
    expect(text).toContain('A deductible of SEK 500.00 was taken.');
    expect(text).not.toContain('Settled automatically');
    expect(text).toContain('§3.1');
    expect(text).not.toContain('Allmänna reklamationsnämnden');
    expect(letter.formal).toBe(true);
  });

  it('partial approval: per line claimed, eligible, deductible, co-payment and payable; adjusted lines marked', () => {
    const partial: DecisionLetterData = {
      ...base,
      outcome: 'partially_approved',
      currency: 'EUR',
      payableMinor: 500_000,
      claimedMinor: 1_300_000,
      lines: [
        base.lines[0] as DecisionLetterData['lines'][number],
        {
          lineNo: 2,
          description: 'Medicine',
          claimedMinor: 500_000,
          eligibleMinor: 400_000,
          deductibleMinor: 0,
          copayMinor: 80_000,
          computedMinor: 320_000,
          payableMinor: 0,
        },
      ].map((l) => (l.lineNo === 1 ? { ...l, payableMinor: 500_000 } : l)),
      jurisdiction: 'IT',
    };
    const letter = decisionLetter(partial, 'it');
    expect(letter.template).toBe('decision_partial');
    const table = JSON.parse(plain(JSON.stringify(letter.blocks.find((b) => b.kind === 'table'))));
    expect(table).toMatchObject({
      columns: ['Voce', 'Richiesto', 'Ammissibile', 'Franchigia', 'Scoperto', 'Liquidato'],
      rows: [
        ['1. Clinic visit', '8.000,00 €', '8.000,00 €', '500,00 €', '500,00 €', '* 5.000,00 €'],
        ['2. Medicine', '5.000,00 €', '4.000,00 €', '0,00 €', '800,00 €', '* 0,00 €'],
      ],
      total: ['Totale', '13.000,00 €', '12.000,00 €', '500,00 €', '1.300,00 €', '5.000,00 €'],
    });
    const text = textOf(letter.blocks);
    expect(text).toContain('Dei 13.000,00 € richiesti Vi verseremo 5.000,00 €');
    expect(text).toContain('stabilito dal liquidatore');
    // A partial refusal carries the appeal rights: ours first, then the Italian bodies.
    expect(text).toContain('riesaminare la decisione');
    expect(text).toContain('IVASS');
    expect(text).toContain('Arbitro Assicurativo');
  });

  it('denial: the reasons, the clauses cited and the appeal rights, in English', () => {
    const letter = decisionLetter(
      {
        ...base,
        outcome: 'denied',
        payableMinor: 0,
        lines: [],
        reasonCodes: ['not_covered', 'deductible_applied', 'odd_code'],
        clauses: ['§2.10', '§2.4'],
      },
      'en',
    );
    expect(letter.template).toBe('decision_denial');
    expect(letter.subject).toBe('Decision on claim CLM-2026-000123: denied');
    const text = textOf(letter.blocks);
    expect(text).toContain('The loss is not covered by the policy.');
    expect(text).toContain('A deductible of SEK 500.00 was taken.');
    expect(text).toContain('Other reason (odd_code)');
    expect(text).toContain('The decision rests on these clauses of your policy terms: §2.4, §2.10, §3.1.');
    expect(text).toContain('You can ask us to review the decision');
    expect(text).toContain('Allmänna reklamationsnämnden');
    expect(letter.blocks.some((b) => b.kind === 'table')).toBe(false);
  });

  it('a denial without any reason is refused', () => {
    expect(() =>
      decisionLetter({ ...base, outcome: 'denied', lines: [], assessmentReasons: [] }, 'sv'),
    ).toThrow(/without reasons/);
  });

  it('reasons: the assessment’s sentence for a code it has, else the code’s own text, each once', () => {
    const r = decisionReasons(
      {
        outcome: 'denied',
        reasonCodes: ['no_answer', 'no_answer'],
        clauses: ['§9.1'],
        assessmentReasons: [],
      },
      'sv',
    );
    expect(r.sentences).toEqual([
      'Vi fick inte de uppgifter vi behövde för att pröva skadeanmälan inom den tid vi angav.',
    ]);
    expect(r.clauses).toEqual(['§9.1']);
  });
});

describe('the decision letter states the payment (issue 7)', () => {
  const payment = {
    principalMinor: 700_000,
    interestMinor: 0,
    executionDate: '2026-03-16',
    masked: '**** 7466',
    instalments: 1,
    alreadyPaidMinor: 0,
    recoveryMinor: 0,
    interest: null,
  };
  it('says where and when the money goes', () => {
    const text = textOf(decisionLetter({ ...base, payment }, 'en').blocks);
    expect(text).toContain(
      'We will pay SEK 7,000.00 to your account **** 7466. The payment will be made on 16 March 2026.',
    );
    expect(text).not.toContain('Interest for late payment');
  });
  it('asks for an account when there is none', () => {
    const text = textOf(decisionLetter({ ...base, payment: { ...payment, masked: null } }, 'sv').blocks);
    expect(text).toContain('Vi har inget bankkonto registrerat för dig');
    expect(text).toContain('7 000,00 kr');
  });
  it('explains late interest: räntelagen 6 §, reference rate + 8 points, days late and the amount', () => {
    // 7 000 SEK, 10 days at 2 % + 8 = 10 %: 7 000 × 0.10 × 10 / 365 = 19.18 SEK.
    const late = {
      ...payment,
      interestMinor: 1_918,
      interest: {
        legalDueDate: '2026-03-06',
        daysLate: 10,
        marginPercentagePoints: 8,
        annualRatesPercent: [10],
      },
    };
    const sv = textOf(decisionLetter({ ...base, payment: late }, 'sv').blocks);
    expect(sv).toContain('Dröjsmålsränta');
    expect(sv).toContain('senast den 6 mars 2026');
    expect(sv).toContain('10 dagar senare');
    expect(sv).toContain('6 § räntelagen');
    expect(sv).toContain('referensränta (2 %) plus åtta procentenheter, alltså 10 % per år');
    expect(sv).toContain('Räntan är 19,18 kr');
    expect(sv).toContain('totalt 7 019,18 kr');
    const it_ = textOf(decisionLetter({ ...base, payment: late }, 'it').blocks);
    expect(it_).toContain('Interessi di mora');
    expect(it_).toContain('10 giorni dopo');
    const en = textOf(decisionLetter({ ...base, payment: late }, 'en').blocks);
    expect(en).toContain('section 6 of the Swedish Interest Act');
    expect(en).toContain('reference rate (2%) plus eight percentage points, that is 10% a year');
  });
  it('after an appeal: what was already paid, and the difference paid now or to be paid back', () => {
    const more = textOf(
      decisionLetter(
        { ...base, payment: { ...payment, principalMinor: 200_000, alreadyPaidMinor: 500_000 } },
        'en',
      ).blocks,
    );
    expect(more).toContain('Of this amount, SEK 5,000.00 has already been paid to you; we now pay the rest.');
    expect(more).toContain('We will pay SEK 2,000.00 to your account');
    const none = { ...payment, principalMinor: 0, instalments: 0, executionDate: null };
    const less = textOf(
      decisionLetter(
        { ...base, payment: { ...none, alreadyPaidMinor: 800_000, recoveryMinor: 100_000 } },
        'sv',
      ).blocks,
    );
    expect(less).toContain('Vi har redan betalat ut 8 000,00 kr');
    expect(less).toContain('mellanskillnaden på 1 000,00 kr');
    const same = textOf(
      decisionLetter({ ...base, payment: { ...none, alreadyPaidMinor: 700_000 } }, 'it').blocks,
    );
    expect(same).toContain('L’importo Vi è già stato versato (7.000,00');
  });
});
