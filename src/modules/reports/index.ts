export { reportCsv } from './report-csv.ts';
export type { ReportDefinition } from './report-definition.ts';
export { type ReportQuery, ReportQuerySchema } from './report-filters.ts';
export { reportXlsx } from './report-xlsx.ts';
export { ALL_REPORTS, EXTRACTS, REPORTS } from './reports.ts';
export { reportRoutes } from './routes.ts';
export { type ReportResult, runReport } from './run-report.ts';
