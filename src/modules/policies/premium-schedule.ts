// Premium schedule: which instalments of a policy's premium have fallen due by a given date.
//
// Pure domain logic: no I/O and no clock. The "as of" date is always passed in.
// Dates are ISO calendar dates (YYYY-MM-DD). Money is an integer amount in minor units
// (e.g. cents) together with an ISO 4217 currency code.
//
// Rules:
// - The first instalment is due on `firstDueDate`; instalment n (1-based) is due
//   (n - 1) x 1/3/6/12 months after it, for monthly/quarterly/semiannual/annual.
// - Each due date is computed from `firstDueDate`, never from the previous instalment, and
//   falls on the last day of the month when that month is shorter: a schedule starting on
//   Jan 31 is due on Feb 28 (Feb 29 in leap years), then Mar 31, Apr 30, May 31, ...
// - Only instalments due strictly before the policy's end date exist.
// - Only instalments due on or before the "as of" date are returned: those are the ones
//   that can be owed on that date.
import { Temporal } from 'temporal-polyfill';

export type PremiumFrequency = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

export type PremiumSchedule = {
  frequency: PremiumFrequency;
  amountMinor: number;
  currency: string;
  firstDueDate: string;
};

export type Installment = {
  /** 1-based position in the schedule. */
  seq: number;
  dueDate: string;
  amountMinor: number;
  currency: string;
};

const MONTHS_BETWEEN_INSTALLMENTS: Record<PremiumFrequency, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;

function parseDate(value: string, field: string): Temporal.PlainDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new RangeError(`${field} must be a date in YYYY-MM-DD form, got ${JSON.stringify(value)}`);
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw new RangeError(`${field} is not a valid calendar date: ${value}`);
  }
}

/**
 * Instalments of `schedule` due on or before `asOf` (and strictly before `policy.endsOn`),
 * oldest first. Throws RangeError on malformed input (dates, amount, currency, frequency,
 * or a policy that does not end after it starts).
 */
export function installmentsDue(
  schedule: PremiumSchedule,
  policy: { startsOn: string; endsOn: string },
  asOf: string,
): Installment[] {
  const months = Object.hasOwn(MONTHS_BETWEEN_INSTALLMENTS, schedule.frequency)
    ? MONTHS_BETWEEN_INSTALLMENTS[schedule.frequency]
    : undefined;
  if (months === undefined) {
    throw new RangeError(`unknown premium frequency: ${JSON.stringify(schedule.frequency)}`);
  }
  if (!Number.isSafeInteger(schedule.amountMinor) || schedule.amountMinor <= 0) {
    throw new RangeError(
      `schedule.amountMinor must be a positive safe integer (minor units), got ${schedule.amountMinor}`,
    );
  }
  if (typeof schedule.currency !== 'string' || !CURRENCY_CODE.test(schedule.currency)) {
    throw new RangeError(
      `schedule.currency must be an ISO 4217 code, got ${JSON.stringify(schedule.currency)}`,
    );
  }
  const first = parseDate(schedule.firstDueDate, 'schedule.firstDueDate');
  const startsOn = parseDate(policy.startsOn, 'policy.startsOn');
  const endsOn = parseDate(policy.endsOn, 'policy.endsOn');
  const asOfDate = parseDate(asOf, 'asOf');
  if (Temporal.PlainDate.compare(startsOn, endsOn) >= 0) {
    throw new RangeError(
      `policy.endsOn (${policy.endsOn}) must be after policy.startsOn (${policy.startsOn})`,
    );
  }

  const installments: Installment[] = [];
  for (let n = 0; ; n++) {
    // Always from the first due date, so month-end clamping does not drift (Jan 31 -> Feb 28 -> Mar 31).
    const due = first.add({ months: n * months }, { overflow: 'constrain' });
    if (Temporal.PlainDate.compare(due, endsOn) >= 0) break;
    if (Temporal.PlainDate.compare(due, asOfDate) > 0) break;
    installments.push({
      seq: n + 1,
      dueDate: due.toString(),
      amountMinor: schedule.amountMinor,
      currency: schedule.currency,
    });
  }
  return installments;
}
