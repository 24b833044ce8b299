import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { claimIdempotencyKey, type IdempotencyKey, storeIdempotentResponse } from '../../db/idempotency.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { DB, PaymentOrderRow } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import type { BankNotificationReport, ReportLine } from './bank-notification-report.ts';
import { type CamtTransaction, parseCamt054 } from './iso20022/parse-camt054.ts';
import { validateAgainstXsd } from './iso20022/validate-against-xsd.ts';
import { canTransitionPayment } from './payment-lifecycle.ts';
import { assertPaymentsDesk } from './payments-access.ts';
import { returnPayment } from './return-payment.ts';
import { settlePayment } from './settle-payment.ts';
import { orderAmountMinor } from './settlement-rules.ts';

/** A day's camt.054 for a busy account is a few MB; anything far larger is not a notification. */
export const MAX_BANK_FILE_BYTES = 32 * 1024 * 1024;

export type ImportBankNotificationResult = {
  status: 200 | 201;
  body: BankNotificationReport;
  replayed: boolean;
};

/**
 * Imports a camt.054.001.08 notification (issue 7, item 4): the file must validate against the
 * ISO 20022 schema (422 bank_file_invalid with every problem and its line; nothing stored); a file
 * imported before — same message id or same bytes — is refused (409 bank_file_already_imported
 * naming the earlier import; nothing applied). Otherwise, in ONE transaction: the notification and
 * one entry row per settled/returned/rejected transaction are recorded (an entry whose key is
 * already stored, from an earlier file, is ignored), each is matched to its payment by end-to-end
 * id (unknown → reported), its amount and currency checked against the order (mismatch →
 * reported), and applied (settled → settlePayment, returned/rejected → returnPayment) with the
 * audit trail. The payments touched are locked FOR UPDATE in id order, so two imports (or an
 * import and a manual update) serialise on them without deadlock. A retry with the same
 * Idempotency-Key returns the first report (200).
 */
export async function importBankNotification(opts: {
  db: Executor;
  actor: Actor;
  xml: string;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<ImportBankNotificationResult> {
  const { actor } = opts;
  assertPaymentsDesk(actor, 'payments:import');
  const bytes = Buffer.byteLength(opts.xml, 'utf8');
  if (bytes > MAX_BANK_FILE_BYTES) {
    throw new AppError('payload_too_large', `A bank file may be at most ${MAX_BANK_FILE_BYTES} bytes.`);
  }
  // Bank files never carry a DOCTYPE; refusing it keeps entity expansion out of the parsers.
  if (/<!DOCTYPE/i.test(opts.xml)) {
    throw invalid([
      { line: lineOf(opts.xml, /<!DOCTYPE/i), message: 'A DOCTYPE is not allowed in a bank file.' },
    ]);
  }
  const verdict = await validateAgainstXsd(opts.xml, 'camt.054.001.08');
  if (!verdict.valid) throw invalid(verdict.problems);
  const parsed = parseCamt054(opts.xml);
  const fileSha256 = createHash('sha256').update(opts.xml, 'utf8').digest('hex');
  const now = opts.now ?? new Date();
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `bank_notifications.import:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  try {
    return await inTransaction(opts.db, async (trx) => {
      if (key) {
        const replay = await claimIdempotencyKey<BankNotificationReport>(trx, key, fileSha256);
        if (replay) return { status: 200, body: replay.body, replayed: true };
      }
      await assertNotImported(trx, parsed.messageId, fileSha256);
      const report = await applyNotification(trx, { actor, parsed, fileSha256, now });
      if (key) await storeIdempotentResponse(trx, key, 201, report);
      return { status: 201 as const, body: report, replayed: false };
    });
  } catch (error) {
    // A concurrent import of the same file committed first: the unique message id or sha refused ours.
    if (
      isUniqueViolation(error) &&
      /bank_notifications_(message_id|file_sha256)/.test(
        String((error as { constraint?: string }).constraint),
      )
    ) {
      await assertNotImported(opts.db, parsed.messageId, fileSha256);
    }
    throw error;
  }
}

function invalid(problems: { line: number | null; message: string }[]): AppError {
  return new AppError(
    'bank_file_invalid',
    `The file is not a valid camt.054.001.08 notification (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was imported.`,
    {
      errors: problems.map((p) => ({
        in: 'body' as const,
        path: p.line === null ? [] : ['line', p.line],
        code: 'schema',
        message: p.line === null ? p.message : `line ${p.line}: ${p.message}`,
      })),
      extra: { problems },
    },
  );
}

function lineOf(text: string, pattern: RegExp): number | null {
  const at = text.search(pattern);
  return at < 0 ? null : text.slice(0, at).split('\n').length;
}

async function assertNotImported(db: Executor, messageId: string, fileSha256: string): Promise<void> {
  const earlier = await db
    .selectFrom('bank_notifications')
    .select(['id', 'message_id', 'file_sha256', 'imported_at'])
    .where((eb) => eb.or([eb('message_id', '=', messageId), eb('file_sha256', '=', fileSha256)]))
    .executeTakeFirst();
  if (earlier) {
    const same = earlier.message_id === messageId ? `message id ${messageId}` : 'the same content';
    throw new AppError(
      'bank_file_already_imported',
      `This file (${same}) was imported on ${earlier.imported_at.toISOString()} as ${earlier.id}; nothing was applied.`,
      {
        extra: {
          earlierImport: {
            id: earlier.id,
            messageId: earlier.message_id,
            importedAt: earlier.imported_at.toISOString(),
          },
        },
      },
    );
  }
}

async function applyNotification(
  trx: Transaction<DB>,
  opts: { actor: Actor; parsed: ReturnType<typeof parseCamt054>; fileSha256: string; now: Date },
): Promise<BankNotificationReport> {
  const { actor, parsed, now } = opts;
  const notificationId = newId();
  await trx
    .insertInto('bank_notifications')
    .values({
      id: notificationId,
      message_id: parsed.messageId,
      file_sha256: opts.fileSha256,
      imported_by: actorId(actor),
      imported_at: now,
      entries_total: parsed.transactions.length,
      applied: 0,
      ignored: 0,
      unknown: 0,
      report: '{}',
    })
    .execute();

  const payments = await lockPayments(trx, parsed.transactions);
  const report: BankNotificationReport = {
    notificationId,
    messageId: parsed.messageId,
    fileSha256: opts.fileSha256,
    importedAt: now.toISOString(),
    importedBy: actorId(actor),
    entries: parsed.transactions.length,
    applied: [],
    ignored: [],
    unknown: [],
    mismatched: [],
  };
  const events: AuditInput[] = [];
  const seenKeys = new Set<string>();

  for (const tx of parsed.transactions) {
    const line = reportLine(tx);
    if (tx.outcome === 'ignored') {
      report.ignored.push({ ...line, why: tx.note });
      continue;
    }
    if (seenKeys.has(tx.entryKey)) {
      report.ignored.push({ ...line, why: 'repeated within this file' });
      continue;
    }
    seenKeys.add(tx.entryKey);
    const payment = tx.endToEndId ? payments.get(tx.endToEndId) : undefined;
    const stored = await trx
      .insertInto('bank_notification_entries')
      .values({
        id: newId(),
        notification_id: notificationId,
        entry_key: tx.entryKey,
        end_to_end_id: tx.endToEndId,
        payment_id: payment?.id ?? null,
        outcome: tx.outcome,
        amount_minor: tx.amountMinor ?? 0,
        currency: tx.currency ?? '???',
        reason_code: tx.reasonCode,
        booking_date: tx.bookingDate,
      })
      .onConflict((oc) => oc.column('entry_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!stored) {
      report.ignored.push({ ...line, why: await alreadyImportedWhy(trx, tx.entryKey) });
      continue;
    }
    if (!payment) {
      report.unknown.push({
        ...line,
        why: tx.endToEndId ? 'no payment has this end-to-end id' : 'no end-to-end id',
      });
      continue;
    }
    const matched = { ...line, paymentId: payment.id, paymentNumber: payment.payment_number };
    const expected = orderAmountMinor(payment);
    if (tx.amountMinor !== expected || tx.currency !== payment.currency) {
      report.mismatched.push({
        ...matched,
        why:
          tx.amountMinor === null
            ? `amount ${tx.amountText ?? 'missing'} is not exact in ${tx.currency ?? 'its currency'}`
            : 'amount or currency differs from the payment',
        expectedAmountMinor: expected,
        expectedCurrency: payment.currency,
      });
      continue;
    }
    if (!canTransitionPayment(payment.status, tx.outcome)) {
      const why =
        payment.status === tx.outcome
          ? `the payment is already ${payment.status}`
          : `the payment is ${payment.status}: it cannot become ${tx.outcome}`;
      report.ignored.push({ ...matched, why });
      continue;
    }
    const applied = await applyOne(trx, { tx, payment, actor, notificationId, now });
    payments.set(payment.end_to_end_id, applied.payment);
    events.push(...applied.events);
    report.applied.push(matched);
  }

  events.push({
    actor,
    action: 'bank_notification.imported',
    entityType: 'bank_notification',
    entityId: notificationId,
    customerId: null,
    data: {
      messageId: parsed.messageId,
      fileSha256: opts.fileSha256,
      entries: report.entries,
      applied: report.applied.length,
      ignored: report.ignored.length,
      unknown: report.unknown.length,
      mismatched: report.mismatched.length,
    },
  });
  await appendAuditEvents(trx, events);
  await trx
    .updateTable('bank_notifications')
    .set({
      applied: report.applied.length,
      ignored: report.ignored.length,
      unknown: report.unknown.length,
      report: JSON.stringify(report),
    })
    .where('id', '=', notificationId)
    .execute();
  return report;
}

/** The payments the file names, locked in id order (the order every payment writer uses). */
async function lockPayments(
  trx: Transaction<DB>,
  transactions: readonly CamtTransaction[],
): Promise<Map<string, PaymentOrderRow>> {
  const ids = [
    ...new Set(
      transactions.filter((t) => t.outcome !== 'ignored' && t.endToEndId).map((t) => t.endToEndId as string),
    ),
  ];
  const byEndToEnd = new Map<string, PaymentOrderRow>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('end_to_end_id', 'in', ids.slice(i, i + 1000))
      .orderBy('id')
      .forUpdate()
      .execute();
    for (const row of rows) byEndToEnd.set(row.end_to_end_id, row);
  }
  return byEndToEnd;
}

async function alreadyImportedWhy(trx: Transaction<DB>, entryKey: string): Promise<string> {
  const earlier = await trx
    .selectFrom('bank_notification_entries')
    .innerJoin('bank_notifications', 'bank_notifications.id', 'bank_notification_entries.notification_id')
    .select('bank_notifications.message_id')
    .where('bank_notification_entries.entry_key', '=', entryKey)
    .executeTakeFirst();
  return earlier ? `already imported (file ${earlier.message_id})` : 'already imported';
}

async function applyOne(
  trx: Transaction<DB>,
  opts: {
    tx: CamtTransaction;
    payment: PaymentOrderRow;
    actor: Actor;
    notificationId: string;
    now: Date;
  },
): Promise<{ payment: PaymentOrderRow; events: AuditInput[] }> {
  const { tx, payment, actor, notificationId, now } = opts;
  const bookingDate = tx.bookingDate ?? now.toISOString().slice(0, 10);
  const common = {
    payment,
    source: 'bank_file' as const,
    actor,
    bankNotificationId: notificationId,
    bankReference: tx.acctSvcrRef,
    bookingDate,
    now,
  };
  if (tx.outcome === 'settled') {
    return settlePayment(trx, { ...common, reason: `The bank booked the payment on ${bookingDate}.` });
  }
  return returnPayment(trx, {
    ...common,
    to: tx.outcome === 'rejected' ? 'rejected' : 'returned',
    reasonCode: tx.reasonCode,
    details: tx.reasonInfo.join(' ') || null,
    reason: `The bank ${tx.outcome === 'rejected' ? 'rejected' : 'returned'} the payment (${tx.reasonCode ?? 'no reason code'}).`,
  });
}

function reportLine(tx: CamtTransaction): ReportLine {
  return {
    position: `${tx.notification}/${tx.entry}/${tx.transaction}`,
    entryKey: tx.entryKey,
    endToEndId: tx.endToEndId,
    outcome: tx.outcome,
    amountMinor: tx.amountMinor,
    currency: tx.currency,
    bookingDate: tx.bookingDate,
    reasonCode: tx.reasonCode,
    paymentId: null,
    paymentNumber: null,
    why: null,
    expectedAmountMinor: null,
    expectedCurrency: null,
  };
}
