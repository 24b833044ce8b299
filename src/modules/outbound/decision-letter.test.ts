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
