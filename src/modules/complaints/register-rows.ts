import type { CaseStatus, ComplaintOutcome, ContactChannel } from '../../db/schema.ts';
import { parseIsoDayOrThrow } from '../../lib/day-number.ts';
import { businessCalendar, deadlineDay, localDate } from '../deadlines/index.ts';
import { causeIvassArea, causeLabel } from './complaint-causes.ts';
import type { Jurisdiction } from './complaint-legal-texts.ts';
import { decimalAmount, OUTCOME_LABELS_EN } from './complaint-letter-parts.ts';

// One line of the complaints register per complaint (pure). What a supervisor asks for: IVASS's
// register of complaints (Reg. ISVAP 24/2008: date received, cause, outcome, time taken) and the
// registration FFFS 2002:23 asks of a Swedish insurer. Dates are calendar dates in the
// jurisdiction's time zone; days are calendar days from the day received (day 0). The customer is
// named by number only: the register goes to people who do not need the name.

export type RegisterSource = {
  caseNumber: string;
  receivedAt: Date;
  channel: ContactChannel;
  jurisdiction: Jurisdiction;
  customerNumber: string;
  productCode: string | null;
  causeCategory: string;
  requestedRemedy: string;
  acknowledgedAt: Date | null;
  finalAnswerAt: Date | null;
  /** The due instant of the complaint's answer clock (the first one, if it was ever reopened). */
  dueAt: Date | null;
  outcome: ComplaintOutcome | null;
  compensationMinor: number | null;
  compensationCurrency: string | null;
  status: CaseStatus;
};

export type RegisterRow = {
  caseNumber: string;
  receivedOn: string;
  channel: ContactChannel;
  jurisdiction: Jurisdiction;
  customerNumber: string;
  productCode: string | null;
  causeCategory: string;
  causeCategoryLabel: string;
  ivassArea: string;
  requestedRemedy: string;
  acknowledgedOn: string | null;
  daysToAcknowledge: number | null;
  finalAnswerOn: string | null;
  daysToAnswer: number | null;
  deadlineOn: string | null;
  answeredWithinDeadline: 'yes' | 'no' | 'open';
  outcome: string | null;
  compensationAmount: string | null;
  compensationCurrency: string | null;
  status: CaseStatus;
};

/** The CSV columns, in order, with their header names (snake case: stable for spreadsheets and scripts). */
export const REGISTER_COLUMNS: readonly { key: keyof RegisterRow; header: string }[] = [
  { key: 'caseNumber', header: 'case_number' },
  { key: 'receivedOn', header: 'received_date' },
  { key: 'channel', header: 'channel' },
  { key: 'jurisdiction', header: 'jurisdiction' },
  { key: 'customerNumber', header: 'customer_number' },
  { key: 'productCode', header: 'product_code' },
  { key: 'causeCategory', header: 'cause_category' },
  { key: 'causeCategoryLabel', header: 'cause_category_label' },
  { key: 'ivassArea', header: 'ivass_area' },
  { key: 'requestedRemedy', header: 'requested_remedy' },
  { key: 'acknowledgedOn', header: 'acknowledged_date' },
  { key: 'daysToAcknowledge', header: 'days_to_acknowledge' },
  { key: 'finalAnswerOn', header: 'final_answer_date' },
  { key: 'daysToAnswer', header: 'days_to_answer' },
  { key: 'deadlineOn', header: 'deadline_date' },
  { key: 'answeredWithinDeadline', header: 'answered_within_deadline' },
  { key: 'outcome', header: 'outcome' },
  { key: 'compensationAmount', header: 'compensation_amount' },
  { key: 'compensationCurrency', header: 'compensation_currency' },
  { key: 'status', header: 'status' },
];

function daysBetween(from: string, to: string): number {
  return parseIsoDayOrThrow(to) - parseIsoDayOrThrow(from);
}

/**
 * Answered within the deadline when the final answer was given before the clock's due instant (the
 * end of the last day); `open` while there is no final answer, however late it already is (the
 * deadline column and the status say that).
 */
export function answeredWithin(finalAnswerAt: Date | null, dueAt: Date | null): 'yes' | 'no' | 'open' {
  if (!finalAnswerAt) return 'open';
  if (!dueAt) return 'no';
  return finalAnswerAt.getTime() < dueAt.getTime() ? 'yes' : 'no';
}

export function registerRow(s: RegisterSource): RegisterRow {
  const calendar = businessCalendar(s.jurisdiction);
  const receivedOn = localDate(calendar, s.receivedAt);
  const acknowledgedOn = s.acknowledgedAt ? localDate(calendar, s.acknowledgedAt) : null;
  const finalAnswerOn = s.finalAnswerAt ? localDate(calendar, s.finalAnswerAt) : null;
  const compensation = s.compensationMinor !== null && s.compensationCurrency !== null;
  return {
    caseNumber: s.caseNumber,
    receivedOn,
    channel: s.channel,
    jurisdiction: s.jurisdiction,
    customerNumber: s.customerNumber,
    productCode: s.productCode,
    causeCategory: s.causeCategory,
    causeCategoryLabel: causeLabel(s.causeCategory, 'en'),
    ivassArea: causeIvassArea(s.causeCategory),
    requestedRemedy: s.requestedRemedy,
    acknowledgedOn,
    daysToAcknowledge: acknowledgedOn ? daysBetween(receivedOn, acknowledgedOn) : null,
    finalAnswerOn,
    daysToAnswer: finalAnswerOn ? daysBetween(receivedOn, finalAnswerOn) : null,
    deadlineOn: s.dueAt ? deadlineDay(calendar, s.dueAt) : null,
    answeredWithinDeadline: answeredWithin(s.finalAnswerAt, s.dueAt),
    outcome: s.outcome ? OUTCOME_LABELS_EN[s.outcome] : null,
    compensationAmount: compensation
      ? decimalAmount(s.compensationMinor as number, s.compensationCurrency as string)
      : null,
    compensationCurrency: compensation ? s.compensationCurrency : null,
    status: s.status,
  };
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula;
 * the customer writes the requested remedy, so it must not reach Excel as one (OWASP "CSV
 * injection"). A leading apostrophe makes the cell text and shows nothing.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The row as CSV cells, in REGISTER_COLUMNS order: empty for nothing, free text defused. */
export function registerCells(row: RegisterRow): string[] {
  return REGISTER_COLUMNS.map(({ key }) => {
    const value = row[key];
    if (value === null) return '';
    if (key === 'requestedRemedy' || key === 'productCode') return spreadsheetSafe(String(value));
    return String(value);
  });
}
