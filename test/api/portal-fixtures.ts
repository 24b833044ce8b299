import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Language } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { DELIVERY_JOB } from '../../src/modules/notifications/index.ts';
import { sendDeliveryJob } from '../../src/modules/outbound/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  randomCodiceFiscale,
} from '../support/factories.ts';
import { runJob } from '../support/run-job.ts';
import { testDatabase } from '../support/test-database.ts';
import { uniqueSuffix } from './api-helpers.ts';

// Shared by the portal's API and browser tests: a paid-up customer whose product needs a receipt
// and decides nothing straight through (so a person decides), a way to sign users in on a given
// app, and the decision's delivery (the job a worker would run) so that its letter exists.

export const PORTAL_CONFIG = {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
    },
  ],
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
};

export const PORTAL_PASSWORD = 'correct horse battery staple';

export async function insuredCustomer(language: Language = 'en') {
  const { db } = await testDatabase();
  const italian = language === 'it';
  const currency = italian ? 'EUR' : 'SEK';
  const customer = await makeCustomer(db, {
    givenName: italian ? 'Giulia' : 'Emma',
    familyName: italian ? 'Esposito' : 'Clarke',
    preferredLanguage: language,
    country: italian ? 'IT' : 'SE',
    ...(italian ? { nationalId: randomCodiceFiscale(), phone: '+390212345678' } : {}),
    email: `portal.${uniqueSuffix()}@example.com`,
  });
  const { product, version } = await makeProduct(db, {
    config: PORTAL_CONFIG,
    country: italian ? 'IT' : 'SE',
    currency,
  });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, currency, paidOn: ['2026-01-01'] });
  await db
    .insertInto('authority_limits')
    .values({
      id: newId(),
      role: 'representative',
      user_id: null,
      product_code: product.code,
      currency,
      max_amount_minor: 100_000_000,
      own_registration_max_minor: 100_000_000,
      causes: null,
    })
    .execute();
  return { customer, policy, product, currency };
}

/** A user with the role (a customer's login when customerId is given); returns the email. */
export async function portalUser(
  role: 'customer' | 'representative',
  displayName: string,
  customerId: string | null = null,
): Promise<{ email: string; userId: string }> {
  const { db } = await testDatabase();
  const email = `${role}-${newId()}@test.claimdesk.example`;
  const userId = await createUser({
    db,
    actor: systemActor('test'),
    user: { email, displayName, role, password: PORTAL_PASSWORD, customerId },
  });
  return { email, userId };
}

export async function bearer(app: FastifyInstance, email: string): Promise<{ authorization: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { email, password: PORTAL_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token}` };
}

/** The customer's claim body for their policy, with or without the receipt declared. */
export function portalClaimBody(
  customerId: string,
  policyId: string,
  currency: string,
  documents: string[] = ['receipt'],
) {
  return {
    customerId,
    policyId,
    incidentDate: '2026-02-15',
    channel: 'portal',
    description: 'Fell ill on holiday and saw a doctor',
    cause: 'illness',
    documents,
    lines: [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        description: 'Doctor visit',
        serviceDate: '2026-02-15',
        amountMinor: 125_000,
        currency,
      },
    ],
  };
}

/** A representative approves the claim, and the decision notice's delivery job runs (its letter is written). */
export async function approveAndDeliver(
  app: FastifyInstance,
  rep: { authorization: string },
  claimId: string,
): Promise<void> {
  const { db } = await testDatabase();
  const claim = await db
    .selectFrom('claims')
    .select('version')
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  const res = await app.inject({
    method: 'POST',
    url: `/claims/${claimId}/decision`,
    headers: { ...rep, 'idempotency-key': newId() },
    payload: { version: claim.version, outcome: 'approve' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const notice = await db
    .selectFrom('notifications')
    .select('id')
    .where('entity_id', '=', claimId)
    .where('kind', '=', 'claim.decided')
    .executeTakeFirstOrThrow();
  const job = await db
    .selectFrom('jobs')
    .select('payload')
    .where('unique_key', '=', `${DELIVERY_JOB}:${notice.id}`)
    .executeTakeFirstOrThrow();
  await runJob(
    sendDeliveryJob({ smtpUrl: undefined, mailFrom: 'Claimdesk <claims@claimdesk.example>' }),
    DELIVERY_JOB,
    job.payload as Record<string, unknown>,
  );
}
