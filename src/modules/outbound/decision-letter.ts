import type { DecisionOutcome, Language } from '../../db/schema.ts';
import { FURTHER_OPTIONS, type Jurisdiction } from '../complaints/index.ts';
import {
  ADJUSTED,
  APPEAL,
  APPEAL_HEADING,
  CALCULATION,
  CLAUSES,
  COLUMNS,
  DECISION_TEXTS,
  DENIAL_REASONS,
  FURTHER,
  INTEREST_EXPLAINED,
  INTEREST_HEADING,
  OTHER_REASON,
  PAYMENT,
  PAYMENT_ALREADY_PAID,
  PAYMENT_INSTALMENTS,
  PAYMENT_NO_ACCOUNT,
  PAYMENT_PART_PAID,
  PAYMENT_RECOVERY,
  PAYMENT_SCHEDULED,
  REASONS_HEADING,
  TOTAL,
} from './decision-letter-texts.ts';
import { fill, type LetterBlock, type LetterContent } from './letter-content.ts';
import { formatLetterDate, formatLetterMoney } from './letter-format.ts';

// The decision letter: approval with the amount, partial approval with the calculation per line
// (claimed, eligible, deductible, co-payment, payable), denial with the reasons, the clauses cited
// and the appeal rights. Pure: decision-letter-data.ts loads what it needs from the decision and
// its assessment.

export type DecisionLine = {
  lineNo: number;
  description: string;
  claimedMinor: number;
  eligibleMinor: number;
  deductibleMinor: number;
  copayMinor: number;
  /** What the terms give (the assessment's benefit). */
  computedMinor: number;
  /** What the decision pays. */
  payableMinor: number;
};

/**
 * A reason from the assessment, already written in the letter's language (with its clause cited).
 * `explains`: it tells the customer how the amount was reached (a deductible, a limit, an
 * exclusion); internal ones (straight-through, duplicates checked) are quoted only when a decision
 * names their code.
 */
export type RenderedReason = {
  code: string;
  clause: string | null;
  text: string;
  lineNo: number | null;
  explains: boolean;
};

export type DecisionLetterData = {
  reference: string;
  outcome: DecisionOutcome;
  currency: string;
  payableMinor: number;
  claimedMinor: number;
  lines: DecisionLine[];
  /** The codes the decision gives (a denial has at least one). */
  reasonCodes: string[];
  /** The clauses the decision names. */
  clauses: string[];
  /** Reasons from the assessment the decision rests on (customer-facing ones only). */
  assessmentReasons: RenderedReason[];
  /** Whose appeal bodies to name: the product's country. */
  jurisdiction: Jurisdiction;
  /** The payment the decision made (absent: none yet, or an older letter): stated with any late interest. */
  payment?: DecisionLetterPayment | null;
};

/**
 * The decision's payment orders, summed: what, where, when, and the late interest explained. After
 * an appeal only the difference to what was already paid is new (or a recovery when it is less).
 */
export type DecisionLetterPayment = {
  /** What this decision's orders pay now (0: nothing new). */
  principalMinor: number;
  interestMinor: number;
  /** The first (or only) execution date; null when nothing new is paid. */
  executionDate: string | null;
  /** Masked account; null while the payment waits for one. */
  masked: string | null;
  /** Number of orders (monthly instalments for a daily benefit); 0 when nothing new is paid. */
  instalments: number;
  /** Paid for the claim under earlier decisions (an appeal). */
  alreadyPaidMinor: number;
  /** Paid beyond this decision's amount: to be paid back (a recovery item). */
  recoveryMinor: number;
  interest: {
    legalDueDate: string;
    daysLate: number;
    marginPercentagePoints: number;
    /** The annual rates applied (reference + margin), one per half-year the delay covers. */
    annualRatesPercent: number[];
  } | null;
};

/**
 * The reasons to state and the clauses to cite. For each code the decision gives, the assessment's
 * reasons with that code (they carry the figures) or else the code's own text; an approval or
 * partial approval also explains the calculation with the assessment's reasons.
 */
export function decisionReasons(
  d: Pick<DecisionLetterData, 'outcome' | 'reasonCodes' | 'clauses' | 'assessmentReasons'>,
  language: Language,
): { sentences: string[]; clauses: string[] } {
  const sentences: string[] = [];
  const clauses = new Set<string>(d.clauses);
  const used = new Set<RenderedReason>();
  for (const code of d.reasonCodes) {
    const fromAssessment = d.assessmentReasons.filter((r) => r.code === code);
    if (fromAssessment.length > 0) {
      for (const r of fromAssessment) used.add(r);
      continue;
    }
    const text = DENIAL_REASONS[language][code] ?? fill(OTHER_REASON[language], { code });
    sentences.push(`${text}.`);
  }
  // A denial rests on its own reasons; an approval also explains each step of the calculation.
  const explained = d.assessmentReasons.filter((r) => used.has(r) || (d.outcome !== 'denied' && r.explains));
  for (const r of explained) {
    sentences.push(r.text);
    if (r.clause) clauses.add(r.clause);
  }
  return { sentences: unique(sentences), clauses: [...clauses].sort(compareClauses) };
}

export function decisionLetter(d: DecisionLetterData, language: Language): LetterContent {
  const texts = DECISION_TEXTS[d.outcome];
  const money = (minor: number) => formatLetterMoney(minor, d.currency, language);
  const params = { reference: d.reference, payable: money(d.payableMinor), claimed: money(d.claimedMinor) };
  const blocks: LetterBlock[] = [{ kind: 'paragraph', text: fill(texts.intro[language], params) }];

  if (d.outcome !== 'denied') {
    if (d.lines.length > 0) {
      const adjusted = d.lines.some((l) => l.payableMinor !== l.computedMinor);
      blocks.push({ kind: 'heading', text: CALCULATION[language] });
      blocks.push({
        kind: 'table',
        columns: COLUMNS[language],
        rows: d.lines.map((l) => [
          `${l.lineNo}. ${l.description}`,
          money(l.claimedMinor),
          money(l.eligibleMinor),
          money(l.deductibleMinor),
          money(l.copayMinor),
          `${l.payableMinor !== l.computedMinor ? '* ' : ''}${money(l.payableMinor)}`,
        ]),
        total: [
          TOTAL[language],
          money(sum(d.lines, 'claimedMinor')),
          money(sum(d.lines, 'eligibleMinor')),
          money(sum(d.lines, 'deductibleMinor')),
          money(sum(d.lines, 'copayMinor')),
          money(d.payableMinor),
        ],
        amountsFrom: 1,
      });
      if (adjusted) blocks.push({ kind: 'note', text: ADJUSTED[language] });
    }
    blocks.push(...paymentBlocks(d, language));
  }

  const { sentences, clauses } = decisionReasons(d, language);
  if (d.outcome === 'denied' && sentences.length === 0) {
    throw new Error(`decision letter ${d.reference}: a denial without reasons`);
  }
  if (sentences.length > 0) {
    blocks.push({ kind: 'heading', text: REASONS_HEADING[language] });
    blocks.push({ kind: 'list', items: sentences });
  }
  if (clauses.length > 0) {
    blocks.push({ kind: 'paragraph', text: fill(CLAUSES[language], { clauses: clauses.join(', ') }) });
  }
  if (d.outcome !== 'approved') {
    blocks.push({ kind: 'heading', text: APPEAL_HEADING[language] });
    blocks.push({ kind: 'paragraph', text: fill(APPEAL[language], params) });
    blocks.push({ kind: 'paragraph', text: FURTHER[language] });
    blocks.push({
      kind: 'list',
      items: FURTHER_OPTIONS[d.jurisdiction].map((o) => `${o.title[language]}: ${o.text[language]}`),
      numbered: true,
    });
  }
  return {
    template:
      d.outcome === 'approved'
        ? 'decision_approval'
        : d.outcome === 'partially_approved'
          ? 'decision_partial'
          : 'decision_denial',
    language,
    subject: fill(texts.subject[language], params),
    title: texts.title[language],
    reference: d.reference,
    referenceKind: 'claim',
    blocks,
    formal: true,
  };
}

function paymentBlocks(d: DecisionLetterData, language: Language): LetterBlock[] {
  const p = d.payment;
  if (p === undefined) return [{ kind: 'paragraph', text: PAYMENT[language] }];
  if (p === null) return [];
  const money = (minor: number) => formatLetterMoney(minor, d.currency, language);
  const paid = { paid: money(p.alreadyPaidMinor), amount: money(p.recoveryMinor) };
  if (p.instalments === 0 || p.executionDate === null) {
    const text = p.recoveryMinor > 0 ? PAYMENT_RECOVERY : PAYMENT_ALREADY_PAID;
    return [{ kind: 'paragraph', text: fill(text[language], paid) }];
  }
  const params = {
    amount: money(p.principalMinor + p.interestMinor),
    masked: p.masked ?? '',
    date: formatLetterDate(p.executionDate, language),
    count: p.instalments,
  };
  const text =
    p.masked === null ? PAYMENT_NO_ACCOUNT : p.instalments > 1 ? PAYMENT_INSTALMENTS : PAYMENT_SCHEDULED;
  const blocks: LetterBlock[] = [
    {
      kind: 'paragraph',
      text: `${p.alreadyPaidMinor > 0 ? `${fill(PAYMENT_PART_PAID[language], paid)} ` : ''}${fill(text[language], params)}`,
    },
  ];
  if (p.interest && p.interestMinor > 0) {
    const i = p.interest;
    const percent = (values: number[]) => values.map((v) => formatPercent(v, language)).join(' / ');
    blocks.push({ kind: 'heading', text: INTEREST_HEADING[language] });
    blocks.push({
      kind: 'paragraph',
      text: fill(INTEREST_EXPLAINED[language], {
        due: formatLetterDate(i.legalDueDate, language),
        days: i.daysLate,
        reference: percent(i.annualRatesPercent.map((r) => r - i.marginPercentagePoints)),
        rate: percent(i.annualRatesPercent),
        interest: money(p.interestMinor),
        principal: money(p.principalMinor),
        total: money(p.principalMinor + p.interestMinor),
      }),
    });
  }
  return blocks;
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

function formatPercent(value: number, language: Language): string {
  let f = percentFormats.get(language);
  if (!f) {
    const locale = language === 'sv' ? 'sv-SE' : language === 'it' ? 'it-IT' : 'en-GB';
    f = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    });
    percentFormats.set(language, f);
  }
  // Rates are stored in percent with at most two decimals; /100 for the formatter, rounded back.
  return f.format(Math.round(value * 100) / 10_000);
}

function sum(lines: DecisionLine[], key: keyof DecisionLine): number {
  return lines.reduce((acc, l) => acc + (l[key] as number), 0);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** §4.10 after §4.9: clauses compare by their numbers, not as strings. */
function compareClauses(a: string, b: string): number {
  const pa = a.replace(/^§/, '').split('.').map(Number);
  const pb = b.replace(/^§/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (Number.isNaN(x) || Number.isNaN(y)) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  return 0;
}
