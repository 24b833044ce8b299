import {
  complaintRegisterRows,
  REGISTER_COLUMNS,
  type RegisterRow,
  RegisterRowSchema,
} from '../complaints/index.ts';
import type { ReportDefinition } from './report-definition.ts';

// Regulatory extract: the complaints register (IVASS Reg. ISVAP 24/2008, FFFS 2002:23), one row
// per complaint received in the period, exactly as the complaints module keeps it
// (GET /complaints/register.csv reads the same rows). Here it joins the other reports so that it
// comes as XLSX too and takes the reports page's filters. Its days are each jurisdiction's local
// days, as the register counts them. The register is the whole company's: teams do not apply.

export const complaintsRegisterReport: ReportDefinition<RegisterRow> = {
  name: 'complaints-register',
  summary: 'Regulatory extract: the complaints register',
  description:
    'Every complaint received in the period (each jurisdiction’s local days), oldest first, with its ' +
    'cause, IVASS area, dates, days taken, deadline and outcome. Filters: product, country (the ' +
    'jurisdiction). Teams do not apply: the register is the whole company’s.',
  // The same row and columns, in the same order, as GET /complaints/register and its CSV.
  row: RegisterRowSchema,
  columns: REGISTER_COLUMNS.map((column) => column.key),
  dateColumns: ['receivedOn', 'acknowledgedOn', 'finalAnswerOn', 'deadlineOn'],
  permission: 'complaints:register_export',
  async run(db, f) {
    // Complaints fall under Sweden's or Italy's rules only: another country has none to list.
    if (f.country !== null && f.country !== 'SE' && f.country !== 'IT') return [];
    const rows: RegisterRow[] = [];
    for await (const row of complaintRegisterRows(db, { from: f.from, to: f.to, jurisdiction: f.country })) {
      if (f.product === null || row.productCode === f.product) rows.push(row);
    }
    return rows;
  },
};
