import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../lib/pagination.ts';
import { IdempotencyHeaders, replyIdempotently, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import { ClaimSchema } from '../claims/claim-schemas.ts';
import type { ModuleDeps } from '../deps.ts';
import { appealClaim } from './appeal-claim.ts';
import { decideClaim } from './decide-claim.ts';
import {
  ClaimWithEscalationSchema,
  DecisionInputSchema,
  DecisionResultSchema,
  EscalationSchema,
  ReasonInputSchema,
  ReturnInputSchema,
} from './decision-schemas.ts';
import { escalateClaim } from './escalate-claim.ts';
import { listClaimEscalations, listOpenEscalations } from './find-escalations.ts';
import { returnEscalation } from './return-escalation.ts';
import { withdrawClaim } from './withdraw-claim.ts';

const Params = z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') });

export function decisionRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];

  r.post(
    '/claims/:ref/decision',
    {
      schema: {
        tags,
        summary: 'Decide a claim: approve, partly approve or deny (idempotent on Idempotency-Key)',
        description:
          'Within the decider’s authority the decision is made: **201** with `result: "decided"` and ' +
          'the decision. Beyond it (amount, cause, denial, four-eyes: own registration or a related ' +
          'customer) the claim is escalated to the decider’s supervisor with the proposal: **202** with ' +
          '`result: "escalated"` and the escalation. A retry with the same Idempotency-Key returns the ' +
          'first response body with **200** and header `idempotent-replayed: true`. An escalated claim ' +
          'is decided by a supervisor or administrator (403 forbidden for others; 403 authority_exceeded ' +
          'beyond their own authority). 409 version_conflict when `version` is stale, ' +
          'claim_already_decided when someone decided first, claim_transition_not_allowed from a status ' +
          'that is not in review, appealed or escalated. 422 decision_amount_invalid for a line amount ' +
          'above the claimed amount or the assessment’s benefit for the line.',
        params: Params,
        headers: IdempotencyHeaders,
        body: DecisionInputSchema,
        response: {
          201: DecisionResultSchema.describe('Decided'),
          202: DecisionResultSchema.describe('Escalated to a supervisor: beyond the decider’s authority'),
          200: DecisionResultSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await decideClaim({
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
    '/claims/:ref/escalation',
    {
      schema: {
        tags,
        summary: 'Escalate a claim to your supervisor, saying why',
        description:
          'From in review or appealed, with the claim `version` you read (409 version_conflict when it is ' +
          'stale). 409 escalation_target_missing when you have no supervisor. A retry with the same ' +
          'Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.',
        params: Params,
        headers: IdempotencyHeaders,
        body: ReasonInputSchema,
        response: {
          201: ClaimWithEscalationSchema,
          200: ClaimWithEscalationSchema.describe('A retry: the first response'),
        },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'claims.escalate', async (tx) => ({
        status: 201,
        body: await escalateClaim({ db: tx, actor: actorOf(req), ref: req.params.ref, input: req.body }),
      })),
  );
  r.post(
    '/claims/:ref/escalation/return',
    {
      schema: {
        tags,
        summary: 'Return an escalated claim to its representative with a comment',
        description:
          'The claim goes back to in review and the representative is notified. Send the claim `version` ' +
          'you read (the escalation’s `claimVersion`): 409 version_conflict when it is stale.',
        params: Params,
        body: ReturnInputSchema,
        response: {
          200: z.object({ claim: ClaimSchema, escalation: EscalationSchema.nullable() }),
        },
      },
    },
    async (req) => returnEscalation({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/claims/:ref/appeal',
    {
      schema: {
        tags,
        summary: 'Appeal the decision on a claim',
        description:
          'From approved, partially approved, denied, paid or closed, with the claim `version` you read ' +
          '(409 version_conflict when it is stale). The claim reopens as appealed; the current decision ' +
          'is superseded (kept) when the new one is made.',
        params: Params,
        body: ReasonInputSchema,
        response: { 200: ClaimSchema },
      },
    },
    async (req) => appealClaim({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.post(
    '/claims/:ref/withdrawal',
    {
      schema: {
        tags,
        summary: 'Withdraw an undecided claim',
        description:
          'Cancels an open information request and leaves every queue. 409 claim_already_decided for a ' +
          'decided claim; version_conflict when the claim `version` you send is stale.',
        params: Params,
        body: ReasonInputSchema,
        response: { 200: ClaimSchema },
      },
    },
    async (req) => withdrawClaim({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
  r.get(
    '/escalations',
    {
      schema: {
        tags,
        summary: 'Open escalations handed to you, oldest first',
        querystring: PageQuerySchema,
        response: { 200: pageOf(EscalationSchema) },
      },
    },
    async (req) => {
      const { limit, offset } = req.query;
      return { ...(await listOpenEscalations({ db, actor: actorOf(req), limit, offset })), limit, offset };
    },
  );
  r.get(
    '/claims/:ref/escalations',
    {
      schema: {
        tags,
        summary: 'Every escalation of a claim, oldest first (staff only)',
        params: Params,
        response: { 200: z.object({ items: z.array(EscalationSchema) }) },
      },
    },
    async (req) => ({ items: await listClaimEscalations({ db, actor: actorOf(req), ref: req.params.ref }) }),
  );
}
