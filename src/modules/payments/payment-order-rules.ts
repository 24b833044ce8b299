import type { PaymentHoldReason } from '../../db/schema.ts';
import { civilFromDay, daysFromCivil, formatIsoDay, parseIsoDayOrThrow } from '../../lib/day-number.ts';
import { type BankingCalendar, bankingDayOnOrAfter } from './banking-calendar.ts';
import { laterDate } from './execution-date.ts';

// The rules of a new payment order (pure): why it must wait for a person, what the customer reads
// on their bank statement, the end-to-end id the bank echoes back, how a benefit is cut into
// monthly instalments, and what an appeal's new decision still owes or claws back.

export function holdReasonsFor(o: {
  accountRecentlyChanged: boolean;
  totalMinor: number;
  /** null: the insurer has no payment settings for the currency. */
  singleApprovalLimitMinor: number | null;
  interestRateMissing: boolean;
}): { holdReasons: PaymentHoldReason[]; needsSecondApproval: boolean } {
  const holdReasons: PaymentHoldReason[] = [];
  if (o.singleApprovalLimitMinor === null) holdReasons.push('currency_not_configured');
  // Account takeover changes the payout account just before a payment: a person looks first.
  if (o.accountRecentlyChanged) holdReasons.push('bank_account_recently_changed');
  const aboveLimit = o.singleApprovalLimitMinor !== null && o.totalMinor > o.singleApprovalLimitMinor;
  if (aboveLimit) holdReasons.push('above_single_limit');
  if (o.interestRateMissing) holdReasons.push('interest_rate_missing');
  return { holdReasons, needsSecondApproval: aboveLimit };
}

/**
 * The unstructured remittance (pain.001 RmtInf/Ustrd, at most 140 characters): the claim number
 * the customer quotes when they call, and n/N for an instalment. Language-neutral on purpose: the
 * bank prints it as is.
 */
export function remittanceText(o: { claimNumber: string; instalment?: { no: number; of: number } }): string {
  const text = `Claimdesk ${o.claimNumber}${o.instalment && o.instalment.of > 1 ? ` ${o.instalment.no}/${o.instalment.of}` : ''}`;
  if (text.length > 140) throw new RangeError(`remittance text longer than 140 characters: ${text}`);
  return text;
}

// Max35Text in the EPC's restricted Latin character set, which every SEPA bank must carry unchanged.
const END_TO_END = /^[A-Za-z0-9/\-?:().,'+ ]{1,35}$/;

/** The end-to-end id is the payment number: unique, speakable, and what camt.054 matches on. */
export function endToEndIdOf(paymentNumber: string): string {
  if (!END_TO_END.test(paymentNumber) || paymentNumber.startsWith('/') || paymentNumber.includes('//')) {
    throw new RangeError(`not a valid end-to-end id: ${paymentNumber}`);
  }
  return paymentNumber;
}

export type BenefitPeriod = { startDate: string; days: number };
export type Instalment = {
  instalmentNo: number;
  /** `YYYY-MM`: the calendar month whose benefit days it pays. */
  month: string;
  days: number;
  principalMinor: number;
  executionDate: string;
};

/** The fixed payment day of a benefit month (like the Swedish social insurance's 25th). */
export const BENEFIT_PAYMENT_DAY = 25;

/**
 * A daily benefit cut into one instalment per calendar month of benefit days. Each month's share of
 * the decided total is proportional to its days, rounded by cumulative floors so that the shares
 * always sum to the total exactly. A month is paid on its 25th (rolled forward to a banking day),
 * or on `earliest` when that is later: months already over are paid at once. Months whose share
 * rounds to zero are dropped and the rest renumbered.
 */
export function instalmentSchedule(o: {
  totalMinor: number;
  periods: readonly BenefitPeriod[];
  earliest: string;
  calendar: BankingCalendar;
}): Instalment[] {
  const daysByMonth = new Map<string, number>();
  for (const p of o.periods) {
    const start = parseIsoDayOrThrow(p.startDate);
    for (let d = start; d < start + p.days; d++) {
      const month = formatIsoDay(d).slice(0, 7);
      daysByMonth.set(month, (daysByMonth.get(month) ?? 0) + 1);
    }
  }
  const months = [...daysByMonth.keys()].sort();
  const totalDays = months.reduce((s, m) => s + (daysByMonth.get(m) ?? 0), 0);
  if (totalDays === 0 || o.totalMinor <= 0) return [];
  const total = BigInt(o.totalMinor);
  let cumulative = 0;
  let paid = 0n;
  const out: Instalment[] = [];
  for (const month of months) {
    const days = daysByMonth.get(month) ?? 0;
    cumulative += days;
    const upTo = (total * BigInt(cumulative)) / BigInt(totalDays);
    const share = upTo - paid;
    paid = upTo;
    if (share === 0n) continue;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const payDay = bankingDayOnOrAfter(o.calendar, formatIsoDay(daysFromCivil(y, m, BENEFIT_PAYMENT_DAY)));
    out.push({
      instalmentNo: out.length + 1,
      month,
      days,
      principalMinor: Number(share),
      executionDate: laterDate(payDay, o.earliest),
    });
  }
  return out;
}

/**
 * What a (new) decision still has to pay, given what already went to the customer's bank for the
 * claim: the difference when it is more, a recovery item when it is less — never a negative
 * payment.
 */
export function settleAgainstPaid(o: { decidedMinor: number; paidMinor: number }): {
  payMinor: number;
  recoverMinor: number;
} {
  const diff = o.decidedMinor - o.paidMinor;
  return { payMinor: Math.max(diff, 0), recoverMinor: Math.max(-diff, 0) };
}

/** `YYYY-MM-DD` of the day after `date`. */
export function dayAfter(date: string): string {
  return formatIsoDay(parseIsoDayOrThrow(date) + 1);
}

export function monthOf(date: string): { year: number; month: number } {
  const { year, month } = civilFromDay(parseIsoDayOrThrow(date));
  return { year, month };
}
