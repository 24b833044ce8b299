// The reader's own calendar day as YYYY-MM-DD, `plusDays` from today. A representative or customer
// in Sweden or Italy runs a browser on local time: between local midnight and 01:00 (02:00 in
// summer) the UTC date (`toISOString().slice(0, 10)`) is still yesterday, so a date of loss, a
// period's end or an effective-from day proposed from it was a day off. Days are stepped on the
// local calendar (setDate), so a DST change in between does not skip or repeat a day.
export function localDay(plusDays = 0, now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + plusDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
