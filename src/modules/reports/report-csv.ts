import type { ReportCell } from './report-definition.ts';

// A report as CSV for Excel: UTF-8 with a byte-order mark, a header row of the column names,
// CRLF records, fields quoted when they hold a comma, quote or line break. A cell that starts
// like a formula is prefixed with an apostrophe so that a spreadsheet shows it as text.

function field(value: ReportCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function reportCsv(columns: readonly string[], rows: Record<string, ReportCell>[]): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? null)).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
