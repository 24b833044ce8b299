import type { Transaction } from 'kysely';
import { nextNumber } from '../../db/numbers.ts';
import type { ClaimDecisionRow, DB, RecoveryItemRow } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import {
  type RecoveryItemView,
  type RecoveryResolutionInput,
  RecoveryResolutionInputSchema,
  toRecoveryItemView,
} from './payment-schemas.ts';
import { assertPaymentsDesk } from './payments-access.ts';

// Money to get back: an appeal's new decision lowered the amount below what already went to the
// customer's bank. Never a negative payment: a recovery item the desk follows up (asks for the
// money back, or waives it) and resolves by hand.

/** Opens the item for `decision` in the caller's transaction; the decision's UNIQUE makes a retry a no-op. */
export async function openRecoveryItem(
  trx: Transaction<DB>,
  opts: { decision: ClaimDecisionRow; amountMinor: number; actor: Actor; paidMinor: number; now?: Date },
): Promise<{ item: RecoveryItemRow; events: AuditInput[] }> {
  const { decision } = opts;
  const existing = await trx
    .selectFrom('recovery_items')
    .selectAll()
    .where('decision_id', '=', decision.id)
    .executeTakeFirst();
  if (existing) return { item: existing, events: [] };
  const now = opts.now ?? new Date();
  const item = await trx
    .insertInto('recovery_items')
    .values({
      id: newId(),
      recovery_number: await nextNumber(trx, 'REC', now.getUTCFullYear()),
      claim_id: decision.claim_id,
      customer_id: decision.customer_id,
      decision_id: decision.id,
      amount_minor: opts.amountMinor,
      currency: decision.currency,
      status: 'open',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    item,
    events: [
      {
        actor: opts.actor,
        action: 'recovery.opened',
        entityType: 'recovery',
        entityId: item.id,
        customerId: item.customer_id,
        reason: 'The new decision is lower than what was already paid.',
        data: {
          recoveryNumber: item.recovery_number,
          claimId: item.claim_id,
          decisionId: decision.id,
          decidedMinor: decision.outcome === 'denied' ? 0 : decision.amount_minor,
          paidMinor: opts.paidMinor,
          amountMinor: item.amount_minor,
          currency: item.currency,
        },
      },
    ],
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findRecoveryRow(db: Executor, ref: string, forUpdate: boolean): Promise<RecoveryItemRow> {
  const value = ref.trim();
  let q = db.selectFrom('recovery_items').selectAll();
  q = UUID.test(value)
    ? q.where('id', '=', value.toLowerCase())
    : q.where('recovery_number', '=', value.toUpperCase());
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such recovery item.');
  return row;
}

export async function getRecoveryItem(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<RecoveryItemView> {
  assertPaymentsDesk(opts.actor, 'payments:read');
  if (opts.actor.role === 'customer') throw new AppError('not_found', 'No such recovery item.');
  return toRecoveryItemView(await findRecoveryRow(opts.db, opts.ref, false));
}

/** The desk records that the money came back, or that it is waived (with why). Open → final, once. */
export async function resolveRecoveryItem(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: RecoveryResolutionInput;
  now?: Date;
}): Promise<RecoveryItemView> {
  const { actor } = opts;
  assertPaymentsDesk(actor, 'recoveries:resolve');
  const input = parseInput(RecoveryResolutionInputSchema, opts.input);
  const now = opts.now ?? new Date();
  return inTransaction(opts.db, async (trx) => {
    const item = await findRecoveryRow(trx, opts.ref, true);
    if (item.status !== 'open') {
      throw new AppError(
        'recovery_transition_not_allowed',
        `Recovery ${item.recovery_number} is ${item.status}.`,
        {
          extra: { status: item.status },
        },
      );
    }
    if (item.version !== input.version) {
      throw new AppError('version_conflict', `Recovery ${item.recovery_number} changed since you read it.`, {
        extra: { currentVersion: item.version },
      });
    }
    const updated = await trx
      .updateTable('recovery_items')
      .set({
        status: input.outcome,
        note: input.note,
        resolved_by: actorId(actor),
        resolved_at: now,
        version: item.version + 1,
      })
      .where('id', '=', item.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, item.customer_id, [
      {
        actor,
        action: 'recovery.resolved',
        entityType: 'recovery',
        entityId: item.id,
        customerId: item.customer_id,
        reason: input.note,
        data: {
          recoveryNumber: item.recovery_number,
          outcome: input.outcome,
          amountMinor: item.amount_minor,
          currency: item.currency,
        },
      },
    ]);
    return toRecoveryItemView(updated);
  });
}
