// Premium status of a policy on a given date ("as of").
//
// How the status is worked out:
//
// 1. Which premium is owed: every instalment of the premium schedule whose due date is on or
//    before the "as of" date (and before the policy ends). Instalments not yet due are not owed.
// 2. Which payments count: only payments made on or before the "as of" date, and only in the
//    schedule's currency. A payment in another currency is not counted at all (it is a
//    processing error to be sorted out elsewhere, not a payment towards this premium).
// 3. How payments are applied: all counted payments together pay off the instalments oldest
//    first, whatever order they were recorded in. A payment can pay part of an instalment; the
//    rest is then still owed. Anything paid beyond what is due so far is kept as credit; it
//    pays future instalments automatically once they fall due, but never earlier.
// 4. The state, with d = the number of days from the due date of the oldest instalment that is
//    not fully paid to the "as of" date:
//    - nothing is owed                     -> paid          (cover in force)
//    - 0 <= d <= grace days                -> grace period  (premium is due, cover continues;
//                                                             this includes the due date itself)
//    - grace days < d <= lapse-after days  -> overdue       (cover suspended until paid; e.g.
//                                                             Italy's Codice civile art. 1901
//                                                             suspends cover from the 15th day
//                                                             after the due date)
//    - d > lapse-after days                -> lapsed
//    So an instalment due today and not paid gives "grace period" with d = 0.
// 5. Figures reported: the last due date up to which every instalment is fully paid
//    ("paid through"), the oldest unpaid due date, d ("days past due", 0 when nothing is owed),
//    the amount still owed ("outstanding") and the unallocated overpayment ("credit").
//
// Pure domain logic: no I/O and no clock. Money is in integer minor units (e.g. cents).
import { Temporal } from 'temporal-polyfill';
import type { PremiumSchedule } from './premium-schedule.ts';
import { installmentsDue } from './premium-schedule.ts';

export type PremiumPayment = { paidOn: string; amountMinor: number; currency: string };

/** Day counts from an instalment's due date; graceDays <= lapseAfterDays. */
export type PremiumTerms = { graceDays: number; lapseAfterDays: number };

export type PremiumState = 'paid' | 'grace_period' | 'overdue' | 'lapsed';

export type PremiumStatus = {
  state: PremiumState;
  asOf: string;
  /** Due date of the last fully covered instalment (all earlier ones are covered too). */
  paidThrough: string | null;
  oldestUnpaidDueDate: string | null;
  daysPastDue: number;
  outstandingMinor: number;
  /** Overpayment not yet allocated to an instalment. */
  creditMinor: number;
  currency: string;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(value: string, field: string): void {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new RangeError(`${field} must be a date in YYYY-MM-DD form, got ${JSON.stringify(value)}`);
  }
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw new RangeError(`${field} is not a valid calendar date: ${value}`);
  }
}

function assertDayCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative whole number of days, got ${value}`);
  }
}

function addMinor(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError('premium amounts exceed the safe integer range');
  }
  return sum;
}

/**
 * Derives the premium status as of `input.asOf` (see the rules at the top of this file).
 * Throws RangeError on malformed input.
 */
export function derivePremiumStatus(input: {
  schedule: PremiumSchedule;
  policy: { startsOn: string; endsOn: string };
  payments: PremiumPayment[];
  terms: PremiumTerms;
  asOf: string;
}): PremiumStatus {
  const { schedule, policy, payments, terms, asOf } = input;
  assertDayCount(terms.graceDays, 'terms.graceDays');
  assertDayCount(terms.lapseAfterDays, 'terms.lapseAfterDays');
  if (terms.graceDays > terms.lapseAfterDays) {
    throw new RangeError(
      `terms.graceDays (${terms.graceDays}) must not exceed terms.lapseAfterDays (${terms.lapseAfterDays})`,
    );
  }
  // Validates schedule, policy and asOf.
  const due = installmentsDue(schedule, policy, asOf);

  let available = 0;
  for (const [i, payment] of payments.entries()) {
    assertDate(payment.paidOn, `payments[${i}].paidOn`);
    if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor < 0) {
      throw new RangeError(
        `payments[${i}].amountMinor must be a non-negative safe integer, got ${payment.amountMinor}`,
      );
    }
    // Validated YYYY-MM-DD strings order the same way as the dates they denote.
    if (payment.paidOn > asOf) continue;
    if (payment.currency !== schedule.currency) continue;
    available = addMinor(available, payment.amountMinor);
  }

  // FIFO: the pooled payments cover instalments oldest first, so their order does not matter.
  let paidThrough: string | null = null;
  let oldestUnpaidDueDate: string | null = null;
  let outstandingMinor = 0;
  for (const installment of due) {
    const applied = Math.min(available, installment.amountMinor);
    available -= applied;
    const unpaid = installment.amountMinor - applied;
    if (unpaid === 0) {
      if (oldestUnpaidDueDate === null) paidThrough = installment.dueDate;
    } else {
      oldestUnpaidDueDate ??= installment.dueDate;
      outstandingMinor = addMinor(outstandingMinor, unpaid);
    }
  }

  let state: PremiumState = 'paid';
  let daysPastDue = 0;
  if (oldestUnpaidDueDate !== null) {
    daysPastDue = Temporal.PlainDate.from(oldestUnpaidDueDate).until(Temporal.PlainDate.from(asOf), {
      largestUnit: 'days',
    }).days;
    if (daysPastDue <= terms.graceDays) state = 'grace_period';
    else if (daysPastDue <= terms.lapseAfterDays) state = 'overdue';
    else state = 'lapsed';
  }

  return {
    state,
    asOf,
    paidThrough,
    oldestUnpaidDueDate,
    daysPastDue,
    outstandingMinor,
    creditMinor: available,
    currency: schedule.currency,
  };
}

// Cover applies while premium is paid or within grace; from "overdue" on it is suspended or ended.
export function isCoverInForce(status: PremiumStatus): boolean {
  return status.state === 'paid' || status.state === 'grace_period';
}
