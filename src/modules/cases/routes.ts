import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  CaseAssignmentSchema,
  CaseListQuerySchema,
  CasePageSchema,
  CaseStatusChangeSchema,
  CaseViewSchema,
  NewCaseMessageSchema,
  NewCaseSchema,
} from './case-schemas.ts';
import { changeCaseStatus } from './change-case-status.ts';
import { getCase, listCases } from './list-cases.ts';
import { openCase } from './open-case.ts';
import { postCaseMessage } from './post-case-message.ts';
import { reassignCase } from './reassign-case.ts';

const Ref = z.object({ ref: z.string().max(64).describe('UUID or CASE-YYYY-NNNNNN') });

const AssignedItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['claim', 'service_case', 'referral', 'triage']),
    subjectId: z.uuid(),
    reference: z.string(),
    status: z.string(),
    ownerId: z.uuid().nullable(),
    team: z.string().nullable(),
    dueAt: z.string().nullable(),
    deadlineState: z.enum(['none', 'on_track', 'warning', 'breached', 'paused']),
    version: z.number().int(),
  })
  .describe("The case's work item after the change");

export function caseRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service cases'];

  r.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a service case: payment delay, renewal problem, general inquiry (idempotent)',
        description:
          'Staff open a case for any customer (`customerId` required); a customer opens one for themself ' +
          '(`customerId` omitted or their own; another customer’s id is a 404). payment_delay needs `claimId` ' +
          '(the claim whose payment is late), renewal_problem needs `policyId`; a linked claim or policy must be ' +
          'the customer’s (422 case_link_invalid). account_change is accepted, but contact-detail and bank-account ' +
          'changes are normally requested through the account-change endpoint, which opens its case itself. ' +
          'complaint is refused with 422 case_kind_mismatch: use POST /complaints. The case is routed to its ' +
          'country’s team, its answer clock starts, and the customer gets an acknowledgement with the case ' +
          'number and the answer-by date. **201** with the case; a retry with the same Idempotency-Key returns ' +
          'the first response with **200** and `idempotent-replayed: true`.',
        headers: IdempotencyHeaders,
        body: NewCaseSchema,
        response: {
          201: CaseViewSchema.describe('Opened'),
          200: CaseViewSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await openCase({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );
  r.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Service cases, newest first (keyset pagination); a customer sees only their own',
        description:
          'Filters: customerId, status, kind. Customers get their own cases whatever filter they send ' +
          '(this is the portal’s “my cases” list). Follow `nextCursor` for the next page.',
        querystring: CaseListQuerySchema,
        response: { 200: CasePageSchema },
      },
    },
    async (req) => listCases({ db, actor: actorOf(req), ...req.query }),
  );
  r.get(
    '/cases/:ref',
    {
      schema: {
        tags,
        summary: 'One service case: its messages, work item (staff) and what its kind needs',
        description:
          'Customers see their own cases only (404 otherwise) and never internal notes or the work item. ' +
          'payment_delay: the claim’s status, its current decision and the payment state (derived from the ' +
          'claim until the payments issue adds payment records). renewal_problem: the policy period, the ' +
          'renewal date, the premium status and the latest premium payments.',
        params: Ref,
        response: { 200: CaseViewSchema },
      },
    },
    async (req) => getCase({ db, actor: actorOf(req), ref: req.params.ref }),
  );
  r.post(
    '/cases/:ref/status',
    {
      schema: {
        tags,
        summary: 'Move a case: in progress, ask the customer, resolve, close, withdraw',
        description:
          'Staff who handle cases make any move the transition table allows (409 case_transition_not_allowed ' +
          'lists the allowed targets); a customer may only withdraw their own case. resolved needs `resolution` ' +
          '(400 with the field path); a complaint is resolved or closed only after its final answer (409 ' +
          'complaint_final_answer_missing). awaiting_customer pauses the answer clock, leaving it resumes it; ' +
          'resolved, closed and withdrawn take the case out of the queues; in_progress from resolved reopens it ' +
          'with a fresh clock. 409 version_conflict when `version` is stale.',
        params: Ref,
        body: CaseStatusChangeSchema,
        response: { 200: CaseViewSchema },
      },
    },
    async (req) => changeCaseStatus({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/cases/:ref/messages',
    {
      schema: {
        tags,
        summary: 'Write on a case: the customer, a staff reply or question, or an internal note (idempotent)',
        description:
          'A customer writes on their own case (always visible to the customer): a case awaiting them goes ' +
          'back to in progress and its clock resumes; a resolved one is reopened; the owner is notified. Staff ' +
          'reply (the customer is notified) or leave an internal note (`visibility: internal`, never shown to ' +
          'the customer); `awaitingCustomer: true` makes the reply a question the case waits for (its clock ' +
          'pauses). `documentIds` must be documents of the same customer (422 case_link_invalid). 409 case_closed ' +
          'on a closed or withdrawn case. **201** with the case; a retry with the same Idempotency-Key returns ' +
          'the first response with **200**.',
        params: Ref,
        headers: IdempotencyHeaders,
        body: NewCaseMessageSchema,
        response: {
          201: CaseViewSchema.describe('Posted'),
          200: CaseViewSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await postCaseMessage({
          db,
          actor: actorOf(req),
          ref: req.params.ref,
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );
  r.post(
    '/cases/:ref/assignment',
    {
      schema: {
        tags,
        summary: 'Reassign the case (supervisor), or take an unassigned one (representative, for yourself)',
        description:
          'The same rules as claims. `version` is the work item’s version (GET /cases/{ref} → workItem.version); ' +
          '409 version_conflict when stale, 404 work_item_not_found when the case is out of every queue.',
        params: Ref,
        body: CaseAssignmentSchema,
        response: { 200: AssignedItemSchema },
      },
    },
    async (req) => reassignCase({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
}
