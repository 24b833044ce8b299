// Readable numbers carry the year of registration in the organisation's home time zone, so a
// claim registered at 00:30 on 1 January in Stockholm is a new-year number.
const ORG_TIME_ZONE = 'Europe/Stockholm';

export function numberYear(at: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: ORG_TIME_ZONE, year: 'numeric' }).format(at));
}
