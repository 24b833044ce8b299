export { reportCsv } from './report-csv.ts';
export type { ReportDefinition } from './report-definition.ts';
export { type ReportQuery, ReportQuerySchema } from './report-filters.ts';
export { REPORTS } from './reports.ts';
export { reportRoutes } from './routes.ts';
export { type ReportResult, runReport } from './run-report.ts';
