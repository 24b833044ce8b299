import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { acceptReferral } from './accept-referral.ts';
import { answerReferral } from './answer-referral.ts';
import { cancelReferral } from './cancel-referral.ts';
import { getReferral, listCaseReferrals } from './find-referrals.ts';
import { referCase } from './refer-case.ts';
import {
  AcceptReferralSchema,
  AnswerReferralSchema,
  CancelReferralSchema,
  NewReferralSchema,
  ReferralSchema,
  ReturnReferralSchema,
} from './referral-schemas.ts';
import { returnReferral } from './return-referral.ts';

const CaseRef = z.object({ ref: z.string().max(64).describe('UUID or CASE-YYYY-NNNNNN') });
const ReferralRef = z.object({ ref: z.string().max(64).describe('UUID or RFR-YYYY-NNNNNN') });

export function referralRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];

  r.post(
    '/cases/:ref/referrals',
    {
      schema: {
        tags,
        summary: 'Refer a question on a case to a department (idempotent on Idempotency-Key)',
        description:
          'The referral gets its own item in the department queue (no owner until accepted) and its own ' +
          'deadline: 3 business days, or 4 business hours when `urgency` is urgent, on the customer’s ' +
          'calendar. The case waits in awaiting_department, and its owner keeps it. The department’s staff ' +
          'are told in the app. 422 department_not_found (unknown or inactive), department_unstaffed (nobody ' +
          'to answer), document_not_of_customer (an attachment of another customer); 409 ' +
          'case_transition_not_allowed for a resolved, closed or withdrawn case, referral_already_open ' +
          '(with `referralNumber`) when the case already has a live referral to that department. A retry ' +
          'with the same Idempotency-Key returns the first response with 200.',
        params: CaseRef,
        headers: IdempotencyHeaders,
        body: NewReferralSchema,
        response: {
          201: ReferralSchema.describe('Referred'),
          200: ReferralSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await referCase({
          db,
          actor: actorOf(req),
          caseRef: req.params.ref,
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );
  r.get(
    '/cases/:ref/referrals',
    {
      schema: {
        tags,
        summary: 'The referrals of a case, oldest first (staff; an agent sees their department’s)',
        params: CaseRef,
        response: { 200: z.object({ items: z.array(ReferralSchema) }) },
      },
    },
    async (req) => ({ items: await listCaseReferrals({ db, actor: actorOf(req), ref: req.params.ref }) }),
  );
  r.get(
    '/referrals/:ref',
    {
      schema: {
        tags,
        summary: 'One referral (staff; an agent only of their own department, 404 otherwise)',
        params: ReferralRef,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => getReferral({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.post(
    '/referrals/:ref/accept',
    {
      schema: {
        tags,
        summary: 'Take a referral: it becomes yours in the department queue',
        description:
          'An agent of the referral’s department, or its supervisor (403 otherwise). 409 ' +
          'referral_transition_not_allowed unless it is open; version_conflict when `version` is stale.',
        params: ReferralRef,
        body: AcceptReferralSchema,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => acceptReferral({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/referrals/:ref/answer',
    {
      schema: {
        tags,
        summary: 'Answer a referral: the answer lands on the case and its owner is told',
        description:
          'Stops the referral’s clock (met) and closes its queue item; the answer becomes an internal message ' +
          'on the case; the case owner is notified; the case goes back to in_progress when no other ' +
          'referral of it is live. From open or accepted (409 referral_transition_not_allowed otherwise).',
        params: ReferralRef,
        body: AnswerReferralSchema,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => answerReferral({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/referrals/:ref/return',
    {
      schema: {
        tags,
        summary: 'Return a referral without an answer, saying why',
        description:
          'Like an answer (clock met, item closed, case back to in_progress when nothing else is pending), ' +
          'with the reason on the case and in the owner’s notice.',
        params: ReferralRef,
        body: ReturnReferralSchema,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => returnReferral({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/referrals/:ref/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a live referral (the case owner, whoever referred it, or a supervisor)',
        description:
          'Its clock is cancelled and its item leaves the department queue; the department is told; the case ' +
          'goes back to in_progress when no other referral of it is live.',
        params: ReferralRef,
        body: CancelReferralSchema,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => cancelReferral({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
}
