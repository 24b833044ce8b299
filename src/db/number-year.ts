// Readable numbers carry the year of registration in the organisation's home time zone, so a
// claim registered at 00:30 on 1 January in Stockholm is a new-year number.
const ORG_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' });

export function numberYear(at: Date = new Date()): number {
  return Number(ORG_YEAR.format(at));
}
