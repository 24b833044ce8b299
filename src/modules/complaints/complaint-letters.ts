import type { Language } from '../../db/schema.ts';
import { businessCalendar, deadlineDay, localDate } from '../deadlines/index.ts';
import type { Jurisdiction } from './complaint-legal-texts.ts';
import { longDate } from './complaint-letter-parts.ts';

// How the complaint letters reach the customer and which dates they name (pure).

/**
 * Complaints are acknowledged and answered in writing (IVASS Reg. 24/2008; FFFS 2002:23): by email
 * when we have the customer's address, else by letter. Not a portal notice: the customer must be
 * able to keep the answer and attach it to a complaint to IVASS or ARN.
 */
export function letterChannel(email: string | null): 'email' | 'letter' {
  return email ? 'email' : 'letter';
}

/**
 * The day received and the last day to answer, in the jurisdiction's calendar (the rule's days are
 * counted there), written out in the customer's language. `dueDay` is the ISO date for the record.
 */
export function letterDates(opts: {
  jurisdiction: Jurisdiction;
  receivedAt: Date;
  dueAt: Date;
  language: Language;
}): { receivedOn: string; dueOn: string; dueDay: string } {
  const calendar = businessCalendar(opts.jurisdiction);
  const dueDay = deadlineDay(calendar, opts.dueAt);
  return {
    receivedOn: longDate(localDate(calendar, opts.receivedAt), opts.language),
    dueOn: longDate(dueDay, opts.language),
    dueDay,
  };
}
