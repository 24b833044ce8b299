import { randomInt } from 'node:crypto';
import { composeIBAN } from 'ibantools';
import type { PaymentBatchRow, PaymentOrderRow, PaymentStatus } from '../../src/db/schema.ts';
import type { Executor } from '../../src/db/transaction.ts';
import { newId } from '../../src/lib/ids.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { claimBody, customerWithPolicy } from '../api/api-helpers.ts';

// Payment records for tests of the parts that come after a payment order exists (batches, bank
// files, camt.054, delays, ledger), built straight in the database so that those tests do not
// depend on how orders are created from decisions. The claim is registered for real (it lands in
// the queue: TRAVEL_CONFIG decides nothing straight through); its approval is written directly,
// which does NOT run the decision use case (and so creates no payment order by itself).

const actor = systemActor('payment-fixtures');

/** A valid Swedish IBAN (random account, correct check digits). */
export function swedishIban(): string {
  const bban = `500${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const iban = composeIBAN({ countryCode: 'SE', bban });
  if (!iban) throw new Error('could not compose an IBAN');
  return iban;
}

/** A valid Italian IBAN (random account, correct CIN and check digits are not guaranteed: X is a placeholder). */
export function italianIban(): string {
  // ABI 05428, CAB 11101, a 12-character account: ibantools computes the check digits; the CIN
  // letter is fixed, which Italian banks would catch but the IBAN checksum does not.
  const bban = `X0542811101${String(randomInt(0, 1e12)).padStart(12, '0')}`;
  const iban = composeIBAN({ countryCode: 'IT', bban });
  if (!iban) throw new Error('could not compose an IBAN');
  return iban;
}

export type PaymentScenario = {
  customerId: string;
  policyId: string;
  claimId: string;
  claimNumber: string;
  decisionId: string;
  bankAccountId: string;
  payment: PaymentOrderRow;
  batch: PaymentBatchRow | null;
};

const IN_A_BATCH: ReadonlySet<PaymentStatus> = new Set([
  'batched',
  'sent',
  'settled',
  'returned',
  'rejected',
]);

/**
 * A registered claim, approved for `amountMinor`, its customer's current bank account changed
 * `accountAgeDays` ago, and one payment order in `status` (in a released batch of its own when the
 * status means it went to the bank; `batched` puts it in an approved, unreleased batch).
 */
export async function paymentScenario(
  db: Executor,
  opts: {
    amountMinor?: number;
    status?: PaymentStatus;
    executionDate?: string;
    accountAgeDays?: number;
    sentAt?: Date;
  } = {},
): Promise<PaymentScenario> {
  const amountMinor = opts.amountMinor ?? 125_000;
  const status = opts.status ?? 'ready';
  const { customer, policy } = await customerWithPolicy();
  const { claim } = await registerClaim({ db, actor, input: claimBody(customer.id, policy.id) as never });
  const assessment = await db
    .selectFrom('claim_assessments')
    .select('id')
    .where('claim_id', '=', claim.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const decisionId = newId();
  await db
    .insertInto('claim_decisions')
    .values({
      id: decisionId,
      claim_id: claim.id,
      customer_id: customer.id,
      outcome: 'approved',
      amount_minor: amountMinor,
      currency: 'SEK',
      decided_by: null,
      assessment_id: assessment.id,
      straight_through: false,
    })
    .execute();
  await db.updateTable('claims').set({ status: 'approved' }).where('id', '=', claim.id).execute();
  const validFrom = new Date(Date.now() - (opts.accountAgeDays ?? 400) * 86_400_000);
  const bankAccountId = newId();
  const iban = swedishIban();
  await db
    .insertInto('customer_bank_accounts')
    .values({
      id: bankAccountId,
      customer_id: customer.id,
      scheme: 'iban',
      iban,
      bic: 'ESSESESS',
      holder_name: `${customer.givenName} ${customer.familyName}`,
      valid_from: validFrom,
    })
    .execute();
  const executionDate = opts.executionDate ?? '2026-03-02';
  let batch: PaymentBatchRow | null = null;
  if (IN_A_BATCH.has(status)) {
    const released = status !== 'batched';
    batch = await db
      .insertInto('payment_batches')
      .values({
        id: newId(),
        batch_number: `PBT-T-${newId().slice(-12)}`,
        message_id: `T${newId().replaceAll('-', '').slice(0, 30)}`,
        currency: 'SEK',
        requested_execution_date: executionDate,
        debtor_name: 'Claimdesk Försäkring AB',
        debtor_iban: 'SE4550000000058398257466',
        debtor_bic: 'ESSESESS',
        payment_count: 1,
        control_sum_minor: amountMinor,
        status: released ? 'released' : 'approved',
        needs_second_approval: false,
        created_by: null,
        released_at: released ? (opts.sentAt ?? new Date()) : null,
        file_xml: released ? '<Document/>' : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const number = `PAY-T-${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const wentToBank = IN_A_BATCH.has(status) && status !== 'batched';
  const payment = await db
    .insertInto('payment_orders')
    .values({
      id: newId(),
      payment_number: number,
      kind: 'claim_payment',
      claim_id: claim.id,
      decision_id: decisionId,
      customer_id: customer.id,
      bank_account_id: status === 'awaiting_account' ? null : bankAccountId,
      creditor_name: `${customer.givenName} ${customer.familyName}`,
      creditor_scheme: 'iban',
      creditor_iban: iban,
      creditor_bic: 'ESSESESS',
      principal_minor: amountMinor,
      currency: 'SEK',
      remittance_info: `Claimdesk ${claim.claimNumber}`,
      end_to_end_id: number,
      requested_execution_date: executionDate,
      status,
      created_by: null,
      batch_id: batch?.id ?? null,
      sent_at: wentToBank ? (opts.sentAt ?? new Date()) : null,
      settled_on: status === 'settled' ? executionDate : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    customerId: customer.id,
    policyId: policy.id,
    claimId: claim.id,
    claimNumber: claim.claimNumber,
    decisionId,
    bankAccountId,
    payment,
    batch,
  };
}
