import { z } from 'zod';
import type { PaymentOrderRow } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertPaymentTransition } from './payment-lifecycle.ts';
import { assertPaymentsDesk } from './payments-access.ts';
import { returnPayment } from './return-payment.ts';
import { settlePayment } from './settle-payment.ts';

// Banks that send no camt.054 (or a payment the file missed) are followed by hand: a supervisor
// records what the bank said, with the same consequences as from a file (claim paid, cases closed,
// a returned payment's case and notice) and the person's note in the audit trail.

export const ManualPaymentStatusSchema = z
  .object({
    to: z.enum(['settled', 'returned', 'rejected']),
    reasonCode: z
      .string()
      .regex(/^[A-Z0-9]{4}$/, 'an ISO 20022 external reason code such as AC04')
      .optional()
      .describe('The bank’s return or reject reason (ISO code), for returned and rejected'),
    bookingDate: z.iso.date().optional().describe('The day the bank booked it; default today'),
    note: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe('How the bank told us (call, letter, portal) and what it said'),
    version: z.number().int().min(1),
  })
  .strict()
  .meta({ id: 'ManualPaymentStatus' });

export type ManualPaymentStatus = z.infer<typeof ManualPaymentStatusSchema>;

export const PaymentStatusResultSchema = z
  .object({
    id: z.string(),
    paymentNumber: z.string(),
    status: z.enum(['settled', 'returned', 'rejected']),
    version: z.number().int(),
    settledOn: z.string().nullable(),
    reasonCode: z.string().nullable(),
    reasonText: z.string().nullable(),
    bankReference: z.string().nullable(),
    claimPaid: z.boolean().describe('The claim’s decision is now paid in full'),
    serviceCaseNumber: z.string().nullable().describe('The case opened for a returned or rejected payment'),
  })
  .meta({ id: 'PaymentStatusResult' });

export type PaymentStatusResult = z.infer<typeof PaymentStatusResultSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a payment's settlement, return or rejection by hand (payments:set_status, payments desk).
 * 404 for an unknown payment, 409 version_conflict when it changed since it was read, 409
 * payment_transition_not_allowed for a change its status does not allow (a cancelled order cannot
 * settle), 400 for a booking date in the future.
 */
export async function setPaymentStatusManually(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: ManualPaymentStatus;
  now?: Date;
}): Promise<PaymentStatusResult> {
  const { actor } = opts;
  assertPaymentsDesk(actor, 'payments:set_status');
  const input = parseInput(ManualPaymentStatusSchema, opts.input);
  const now = opts.now ?? new Date();
  const today = todayIn('Europe/Stockholm', now);
  const bookingDate = input.bookingDate ?? today;
  if (bookingDate > today) {
    throw fieldError('validation_failed', ['bookingDate'], 'The booking date cannot be in the future.');
  }
  if (input.to === 'settled' && input.reasonCode) {
    throw fieldError('validation_failed', ['reasonCode'], 'A settled payment has no return reason.');
  }

  return inTransaction(opts.db, async (trx) => {
    const ref = opts.ref.trim();
    const payment = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where(UUID.test(ref) ? 'id' : 'payment_number', '=', UUID.test(ref) ? ref : ref.toUpperCase())
      .forUpdate()
      .executeTakeFirst();
    if (!payment) throw new AppError('not_found', `No payment ${ref}.`);
    if (payment.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `Payment ${payment.payment_number} is at version ${payment.version}, not ${input.version}; reload and retry.`,
        { extra: { currentVersion: payment.version } },
      );
    }
    assertPaymentTransition(payment.payment_number, payment.status, input.to);
    const common = { payment, source: 'manual' as const, actor, bookingDate, now };
    let result: { payment: PaymentOrderRow; events: AuditInput[] };
    let claimPaid = false;
    let serviceCaseNumber: string | null = null;
    if (input.to === 'settled') {
      const settled = await settlePayment(trx, {
        ...common,
        bankReference: payment.bank_reference,
        reason: `Recorded by hand: settled on ${bookingDate}. ${input.note}`,
      });
      claimPaid = settled.claimPaid;
      result = settled;
    } else {
      const returned = await returnPayment(trx, {
        ...common,
        to: input.to,
        reasonCode: input.reasonCode ?? null,
        details: input.note,
        reason: `Recorded by hand: ${input.to} (${input.reasonCode ?? 'no reason code'}). ${input.note}`,
      });
      serviceCaseNumber = returned.serviceCase.case_number;
      result = returned;
    }
    await appendAuditEvents(trx, result.events);
    const p = result.payment;
    return {
      id: p.id,
      paymentNumber: p.payment_number,
      status: input.to,
      version: p.version,
      settledOn: p.settled_on,
      reasonCode: p.reason_code,
      reasonText: p.reason_text,
      bankReference: p.bank_reference,
      claimPaid,
      serviceCaseNumber,
    };
  });
}
