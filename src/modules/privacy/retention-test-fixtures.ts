import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { storeDocument } from '../documents/index.ts';
import { systemActor } from '../users/actor.ts';

// Back-dated rows for the retention sweep's tests (retention-sweep*.int.test.ts): the sweep goes
// by age, so the records it weighs are written straight into the database with the instants a
// test needs, as the claims and payments modules leave them.

const YEAR = 365.25 * 24 * 3600_000;
export const NOW = new Date();
/** `years` (fractions allowed) before NOW. */
export const ago = (years: number) => new Date(NOW.getTime() - years * YEAR);
/** The calendar day (UTC) of an instant, as a date column holds it. */
export const day = (d: Date) => d.toISOString().slice(0, 10);

export const retentionActor = systemActor('retention-test');

/** A PDF stored as the sweep finds documents: a row in documents and its file in the store. */
export async function storePdf(
  db: Kysely<DB>,
  input: Omit<Parameters<typeof storeDocument>[1], 'uploadedBy' | 'mediaType' | 'actor'>,
) {
  const stored = await db
    .transaction()
    .execute((trx) =>
      storeDocument(trx, { ...input, uploadedBy: null, mediaType: 'application/pdf', actor: retentionActor }),
    );
  return stored.document;
}

/**
 * A letter to the customer about `entityType`/`entityId`, made `at` (default: now): its
 * notification and one printed delivery, whose other columns (batch, document, …) `delivery` gives.
 */
export async function printedLetterRows(
  db: Kysely<DB>,
  o: {
    customerId: string;
    kind: string;
    subject: string;
    entityType: string;
    entityId: string;
    at?: Date;
    delivery: { id?: string } & Record<string, unknown>;
  },
) {
  const notificationId = newId();
  await db
    .insertInto('notifications')
    .values({
      id: notificationId,
      audience: 'customer',
      customer_id: o.customerId,
      channel: 'letter',
      kind: o.kind,
      language: 'sv',
      subject: o.subject,
      body: 'Hej',
      entity_type: o.entityType,
      entity_id: o.entityId,
      ...(o.at ? { created_at: o.at } : {}),
    } as never)
    .execute();
  const deliveryId = o.delivery.id ?? newId();
  await db
    .insertInto('deliveries')
    .values({
      notification_id: notificationId,
      customer_id: o.customerId,
      channel: 'letter',
      template: o.kind,
      language: 'sv',
      recipient: JSON.stringify({ name: 'Anna', address: { street: 'Storgatan 1' } }),
      subject: o.subject,
      status: 'printed',
      ...o.delivery,
      id: deliveryId,
    } as never)
    .execute();
  return { notificationId, deliveryId };
}

/** An approving assessment and decision on the claim, and a bank account of its customer to pay into. */
export async function decisionWithAccount(
  db: Kysely<DB>,
  c: { claimId: string; customerId: string; productVersionId: string },
) {
  const assessmentId = newId();
  await db
    .insertInto('claim_assessments')
    .values({
      id: assessmentId,
      claim_id: c.claimId,
      customer_id: c.customerId,
      seq: 99,
      engine_version: 'test',
      product_version_id: c.productVersionId,
      recommendation: 'approve',
      benefit_minor: 125_000,
      straight_through: false,
      result: JSON.stringify({}),
      input: JSON.stringify({}),
      trigger: 'manual',
    } as never)
    .execute();
  const decisionId = newId();
  await db
    .insertInto('claim_decisions')
    .values({
      id: decisionId,
      claim_id: c.claimId,
      customer_id: c.customerId,
      outcome: 'approved',
      amount_minor: 125_000,
      currency: 'SEK',
      assessment_id: assessmentId,
      straight_through: false,
      decision_no: 99,
    } as never)
    .execute();
  const accountId = newId();
  await db
    .insertInto('customer_bank_accounts')
    .values({
      id: accountId,
      customer_id: c.customerId,
      scheme: 'iban',
      iban: 'SE4550000000058398257466',
      holder_name: 'Anna Andersson',
      valid_from: ago(12),
    } as never)
    .execute();
  return { decisionId, accountId };
}

/** A SEK payment batch of one payment, executed on `executionDate`; the row's other columns as given. */
export async function insertPaymentBatch(
  db: Kysely<DB>,
  o: { numberPrefix: string; executionDate: Date; columns?: Record<string, unknown> },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('payment_batches')
    .values({
      id,
      batch_number: `${o.numberPrefix}-${randomBytes(5).toString('hex')}`,
      message_id: `MSG-${randomBytes(8).toString('hex')}`,
      currency: 'SEK',
      requested_execution_date: day(o.executionDate),
      debtor_name: 'Insurer',
      debtor_iban: 'SE3550000000054910000003',
      payment_count: 1,
      control_sum_minor: 125_000,
      status: 'approved',
      needs_second_approval: false,
      ...o.columns,
    } as never)
    .execute();
  return id;
}

/** A claim payment of the decision, settled on `settled`, in the batch. */
export async function insertSettledPayment(
  db: Kysely<DB>,
  c: { claimId: string; customerId: string; decisionId: string; accountId: string },
  o: { settled: Date; batchId: string; principalMinor: number; instalment?: number },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('payment_orders')
    .values({
      id,
      payment_number: `PAY-RT-${randomBytes(5).toString('hex')}`,
      kind: 'claim_payment',
      claim_id: c.claimId,
      decision_id: c.decisionId,
      ...(o.instalment === undefined ? {} : { instalment_no: o.instalment }),
      customer_id: c.customerId,
      principal_minor: o.principalMinor,
      currency: 'SEK',
      remittance_info: 'Claim payment',
      end_to_end_id: `E2E-${randomBytes(8).toString('hex')}`,
      requested_execution_date: day(o.settled),
      status: 'settled',
      batch_id: o.batchId,
      bank_account_id: c.accountId,
      settled_on: day(o.settled),
      status_changed_at: o.settled,
    } as never)
    .execute();
  return id;
}
