import { formatIsoDay, parseIsoDayOrThrow } from '../../lib/day-number.ts';
import { addBankingDays, type BankingCalendar, isBankingDay } from './banking-calendar.ts';

// When an unsettled payment is late (pure). The execution date is day 0; a payment still not
// settled on the Nth banking day after it is late. Credit transfers (SEPA, Bankgirot) reach the
// payee's bank on the execution date or the next banking day, and the bank's camt.054 follows a
// banking day later, so with the defaults (2 and 5) a warning means "should have been booked by
// now" and a case means "something is wrong": look into it before the customer has to ask.
// Banking days, not calendar days, on the currency's calendar (banking-calendar.ts: SEK Swedish
// bank days, EUR TARGET2): a payment sent before Easter is not late on Easter Monday.

export type DelayStage = 0 | 1 | 2;

export type DelaySettings = { delayWarningBankingDays: number; delayCaseBankingDays: number };

export type PaymentDelay = {
  /** 0 on time, 1 warn the payments desk, 2 open a payment-delay case. */
  stage: DelayStage;
  /** The banking day on which the warning falls due. */
  warningOn: string;
  /** The banking day on which the case falls due. */
  caseOn: string;
  /** Banking days after the execution date, up to and including today (0 on or before it). */
  bankingDaysElapsed: number;
};

/** Banking days in (from, to]; 0 when `to` is not after `from`. */
export function bankingDaysBetween(calendar: BankingCalendar, from: string, to: string): number {
  const end = parseIsoDayOrThrow(to);
  let n = 0;
  for (let day = parseIsoDayOrThrow(from) + 1; day <= end; day++) {
    if (isBankingDay(calendar, formatIsoDay(day))) n++;
  }
  return n;
}

export function paymentDelay(opts: {
  executionDate: string;
  today: string;
  calendar: BankingCalendar;
  settings: DelaySettings;
}): PaymentDelay {
  const { executionDate, today, calendar, settings } = opts;
  const warningOn = addBankingDays(calendar, executionDate, settings.delayWarningBankingDays);
  const caseOn = addBankingDays(calendar, executionDate, settings.delayCaseBankingDays);
  const stage: DelayStage = today >= caseOn ? 2 : today >= warningOn ? 1 : 0;
  return { stage, warningOn, caseOn, bankingDaysElapsed: bankingDaysBetween(calendar, executionDate, today) };
}

/**
 * The latest execution date whose stage (`n` banking days) has fallen due by `today`: every order
 * executed on or before it is due, every later one is not. Lets the sweep select exactly the due
 * orders with a range on an index instead of reading every sent order.
 */
export function latestDueExecutionDate(calendar: BankingCalendar, today: string, n: number): string {
  // addBankingDays is monotonic in the date, so walk back from the last candidate (`today` minus n
  // calendar days: n banking days are at least n days) until the stage is due.
  let day = parseIsoDayOrThrow(today) - n;
  while (addBankingDays(calendar, formatIsoDay(day), n) > today) day--;
  // Later execution dates may share the due day (a weekend before a banking day): step forward.
  while (addBankingDays(calendar, formatIsoDay(day + 1), n) <= today) day++;
  return formatIsoDay(day);
}
