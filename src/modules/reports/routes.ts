import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { reportCsv } from './report-csv.ts';
import { PeriodSchema, ReportQuerySchema } from './report-filters.ts';
import { reportXlsx } from './report-xlsx.ts';
import { ALL_REPORTS } from './reports.ts';
import { runReport } from './run-report.ts';

// Each report three times: GET /reports/<name> (JSON, for the reports page), GET
// /reports/<name>.csv and GET /reports/<name>.xlsx (the same rows for Excel). Supervisors,
// administrators and auditors. An empty period is a file with its header row, never an error.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  for (const report of ALL_REPORTS) {
    r.get(
      `/reports/${report.name}`,
      {
        schema: {
          tags,
          summary: report.summary,
          description: `${report.description} Supervisors, administrators and auditors.`,
          querystring: ReportQuerySchema,
          response: { 200: z.object({ period: PeriodSchema, rows: z.array(report.row) }) },
        },
      },
      async (req) => runReport({ db, actor: actorOf(req), report, query: req.query }),
    );
    r.get(
      `/reports/${report.name}.csv`,
      {
        schema: {
          tags,
          summary: `${report.summary} (CSV)`,
          description: `The rows of GET /reports/${report.name} as CSV: UTF-8 with BOM, header row ${report.columns.join(',')}, CRLF records.`,
          querystring: ReportQuerySchema,
          response: {
            200: {
              description: 'The report as CSV',
              content: { 'text/csv': { schema: z.string().describe(report.columns.join(',')) } },
            },
          },
        },
      },
      async (req, reply) => {
        const { period, rows } = await runReport({ db, actor: actorOf(req), report, query: req.query });
        const name = `${report.name}_${period.from}_${period.to}.csv`;
        // The typed reply expects the schema's string; the text is sent as it is.
        return (reply as FastifyReply)
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(reportCsv(report.columns, rows));
      },
    );
    r.get(
      `/reports/${report.name}.xlsx`,
      {
        schema: {
          tags,
          summary: `${report.summary} (XLSX)`,
          description: `The rows of GET /reports/${report.name} as an Excel workbook: one sheet, header row ${report.columns.join(',')}, numbers as numbers${report.dateColumns?.length ? `, ${report.dateColumns.join(', ')} as dates` : ''}.`,
          querystring: ReportQuerySchema,
          response: {
            200: {
              description: 'The report as an XLSX workbook',
              content: { [XLSX_TYPE]: { schema: z.string().describe('XLSX (Office Open XML) bytes') } },
            },
          },
        },
      },
      async (req, reply) => {
        const { period, rows } = await runReport({ db, actor: actorOf(req), report, query: req.query });
        const file = await reportXlsx({
          sheetName: report.name,
          columns: report.columns,
          dateColumns: report.dateColumns,
          rows,
        });
        const name = `${report.name}_${period.from}_${period.to}.xlsx`;
        return (reply as FastifyReply)
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(file);
      },
    );
  }
}
