import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { answerComplaint } from './answer-complaint.ts';
import { exportComplaintRegister } from './complaint-register.ts';
import {
  ComplaintSchema,
  FinalAnswerSchema,
  NewComplaintSchema,
  RegisterRowSchema,
} from './complaint-schemas.ts';
import { getComplaint } from './load-complaint.ts';
import { openComplaint } from './open-complaint.ts';
import { registerCsvStream } from './register-csv.ts';
import { RegisterQuerySchema } from './register-period.ts';

const Params = z.object({ ref: z.string().max(64).describe('UUID or CASE-YYYY-NNNNNN') });

export function complaintRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['complaints'];

  r.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Register a complaint and acknowledge it in writing (idempotent on Idempotency-Key)',
        description:
          'A customer complains for themself (another customer’s id is 404); staff say whose complaint it ' +
          'is. Opens a complaint case with its answer clock (Italy: 45 days, IVASS; Sweden: the complaints ' +
          'policy’s days, CLAIMDESK_SE_COMPLAINT_DAYS) and writes the acknowledgement to the customer by ' +
          'email (or letter when there is no email) in their language, naming the case number and the day ' +
          'we answer by. The jurisdiction is the product’s country when a claim or policy is named, else ' +
          'the customer’s. 422 case_link_invalid for a claim, policy or product that is not the customer’s.',
        headers: IdempotencyHeaders,
        body: NewComplaintSchema,
        response: {
          201: ComplaintSchema.describe('Registered and acknowledged'),
          200: ComplaintSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await openComplaint({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );

  r.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'The complaints register of a period as JSON (the same rows as the CSV)',
        description:
          'Complaints received from `from` to `to` (both included), oldest first. Supervisors, ' +
          'administrators and auditors. 400 with field paths for a bad date or a period that ends before it starts.',
        querystring: RegisterQuerySchema,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            jurisdiction: z.enum(['SE', 'IT']).nullable(),
            items: z.array(RegisterRowSchema),
          }),
        },
      },
    },
    async (req) => {
      const { period, rows } = exportComplaintRegister({ db, actor: actorOf(req), query: req.query });
      const items = [];
      for await (const row of rows) items.push(row);
      return { ...period, items };
    },
  );

  r.get(
    '/complaints/register.csv',
    {
      schema: {
        tags,
        summary: 'Export the complaints register of a period as CSV (for the regulator and for Excel)',
        description:
          'UTF-8 with a byte-order mark, a header row, one record per complaint received in the period, ' +
          'oldest first, streamed. A period without complaints is the header alone. Columns: ' +
          'docs/complaints.md. Supervisors, administrators and auditors.',
        querystring: RegisterQuerySchema,
        response: {
          200: {
            description: 'The register as CSV (UTF-8 with BOM, header row, CRLF records)',
            content: {
              'text/csv': {
                schema: z.string().describe('case_number,received_date,channel,jurisdiction,… ,status'),
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const { period, rows } = exportComplaintRegister({ db, actor: actorOf(req), query: req.query });
      const name = `complaints-register_${period.from}_${period.to}${period.jurisdiction ? `_${period.jurisdiction}` : ''}.csv`;
      // The typed reply expects the schema's string; a stream is sent as it is (no serializer).
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(registerCsvStream(rows));
    },
  );

  r.get(
    '/complaints/:ref',
    {
      schema: {
        tags,
        summary: 'A complaint: its case, register entry, answer deadline and final answer',
        params: Params,
        response: { 200: ComplaintSchema },
      },
    },
    async (req) => getComplaint({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.post(
    '/complaints/:ref/final-answer',
    {
      schema: {
        tags,
        summary: 'Give a complaint its final answer (once); resolves the case and writes the letter',
        description:
          'Stores the answer and outcome, resolves the case (its answer clock stops) and writes the ' +
          'final-answer letter in the customer’s language with the further options of the complaint’s ' +
          'jurisdiction. 409 complaint_already_answered the second time; 409 version_conflict when ' +
          '`version` is stale; 422 case_kind_mismatch for a case that is not a complaint. A retry with the ' +
          'same Idempotency-Key returns the first response.',
        params: Params,
        headers: IdempotencyHeaders,
        body: FinalAnswerSchema,
        response: { 200: ComplaintSchema },
      },
    },
    async (req, reply) => {
      const { body, replayed } = await answerComplaint({
        db,
        actor: actorOf(req),
        ref: req.params.ref,
        input: req.body,
        idempotencyKey: req.headers['idempotency-key'],
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return body;
    },
  );
}
