import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import { bankAccountRoutes } from '../bank-accounts/index.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  AccountChangeRequestInputSchema,
  AccountChangeSchema,
  RejectInputSchema,
  VerificationInputSchema,
  VersionInputSchema,
} from './account-change-schemas.ts';
import { approveAccountChange } from './approve-account-change.ts';
import { cancelAccountChange } from './cancel-account-change.ts';
import { getAccountChange, listCaseAccountChanges } from './find-account-changes.ts';
import { rejectAccountChange } from './reject-account-change.ts';
import { requestAccountChange } from './request-account-change.ts';
import { verifyAccountChange } from './verify-account-change.ts';

const IdParams = z.object({ id: z.uuid() });

export function accountChangeRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['account changes'];
  bankAccountRoutes(app, deps);

  r.post(
    '/customers/:id/account-changes',
    {
      schema: {
        tags,
        summary: 'Ask to change an address, phone, email, language or the payout bank account',
        description:
          'Recorded on an account_change case (a new one, or `caseRef`). Contact details apply at once ' +
          '(**201**, status `applied`; the old email or address is told). A bank account waits for identity ' +
          'verification and a second person’s approval (status `pending_verification`). A retry with the ' +
          'same Idempotency-Key returns the first response with **200**. 404 for another customer (a customer ' +
          'asks only for themself); 409 account_change_pending while a change of the same field is pending; ' +
          '422 bank_account_invalid with the field path (e.g. newValue.iban) and the rule that failed; 400 ' +
          'validation_failed for a value in the wrong form or the value already on file (code unchanged).',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AccountChangeRequestInputSchema,
        response: {
          201: AccountChangeSchema.describe('Recorded (and applied, for a contact detail)'),
          200: AccountChangeSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) => {
      return sendIdempotent(
        reply,
        await requestAccountChange({
          db,
          actor: actorOf(req),
          customerId: req.params.id,
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );

  r.post(
    '/account-changes/:id/verification',
    {
      schema: {
        tags,
        summary: 'Record how the customer’s identity was verified (staff)',
        description:
          'BankID and identity documents need their reference. The change moves to pending_approval and the ' +
          'case gets an internal message. 409 account_change_already_verified, account_change_closed, ' +
          'version_conflict.',
        params: IdParams,
        body: VerificationInputSchema,
        response: { 200: AccountChangeSchema },
      },
    },
    async (req) => verifyAccountChange({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.post(
    '/account-changes/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a verified bank-account change: it applies at once (four eyes)',
        description:
          '403 four_eyes_required for the person who asked for it or verified it; 409 ' +
          'account_change_not_verified before verification. On success the old account is kept with ' +
          'validTo, the new one is current, the case resolves and the customer’s old email and address get ' +
          'a notice with the account masked.',
        params: IdParams,
        body: VersionInputSchema,
        response: { 200: AccountChangeSchema },
      },
    },
    async (req) => approveAccountChange({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.post(
    '/account-changes/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a pending change (staff); the reason stays internal',
        params: IdParams,
        body: RejectInputSchema,
        response: { 200: AccountChangeSchema },
      },
    },
    async (req) => rejectAccountChange({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.post(
    '/account-changes/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Take back your own pending change',
        description: '403 forbidden for anyone but the person who asked for it.',
        params: IdParams,
        body: VersionInputSchema,
        response: { 200: AccountChangeSchema },
      },
    },
    async (req) => cancelAccountChange({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.get(
    '/account-changes/:id',
    {
      schema: {
        tags,
        summary: 'Read one account change',
        params: IdParams,
        response: { 200: AccountChangeSchema },
      },
    },
    async (req) => getAccountChange({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.get(
    '/cases/:ref/account-changes',
    {
      schema: {
        tags,
        summary: 'The account changes recorded on a case',
        params: z.object({ ref: z.string().max(64).describe('UUID or CASE-YYYY-NNNNNN') }),
        response: { 200: z.object({ items: z.array(AccountChangeSchema) }) },
      },
    },
    async (req) => ({
      items: await listCaseAccountChanges({ db, actor: actorOf(req), ref: req.params.ref }),
    }),
  );
}
