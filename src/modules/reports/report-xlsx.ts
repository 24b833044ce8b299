import ExcelJS from 'exceljs';
import type { ReportCell } from './report-definition.ts';

// A report as an Excel workbook (exceljs): one sheet, a bold frozen header row of the column
// names, numbers stored as numbers and the report's date columns as real dates (so that a
// spreadsheet sums, filters and sorts them without "convert to number"). Text stays text: a cell
// written as a string is never evaluated as a formula in XLSX, unlike in CSV.

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function cellValue(value: ReportCell, isDate: boolean): string | number | Date | null {
  if (value === null) return null;
  // A calendar date has no time zone: midnight UTC is the serial date Excel shows as that day.
  if (isDate && typeof value === 'string' && ISO_DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

export async function reportXlsx(opts: {
  sheetName: string;
  columns: readonly string[];
  dateColumns?: readonly string[];
  rows: readonly Record<string, ReportCell>[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Claimdesk';
  // Sheet names: at most 31 characters, none of []:*?/\.
  const sheet = workbook.addWorksheet(opts.sheetName.replace(/[[\]:*?/\\]/g, '-').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const dates = new Set(opts.dateColumns ?? []);
  sheet.columns = opts.columns.map((key) => ({
    header: key,
    key,
    width: Math.max(12, key.length + 2),
    ...(dates.has(key) ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of opts.rows) {
    sheet.addRow(opts.columns.map((c) => cellValue(row[c] ?? null, dates.has(c))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
