import { type ExpressionBuilder, sql, type Transaction } from 'kysely';
import type { DB, Language, PaymentOrderRow } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { todayIn } from '../../lib/dates.ts';
import { formatMoney } from '../assessment/explain.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { LIVE_CASE_STATUSES, openServiceCaseInTransaction } from '../cases/index.ts';
import { DEPARTMENT_STAFF_ROLES } from '../departments/index.ts';
import { customerContact, notify, renderNotice } from '../notifications/index.ts';
import { systemActor } from '../users/actor.ts';
import { bankingCalendarOf, bankingTimeZone } from './banking-calendar.ts';
import { type DelaySettings, latestDueExecutionDate, paymentDelay } from './payment-delay-rules.ts';
import { paymentSettings } from './payment-settings.ts';
import { PAYMENTS_DEPARTMENT } from './payments-access.ts';

// The delay sweep: a payment the bank has not confirmed N banking days after its execution date
// warns the payments desk (stage 1), and a few days later opens a payment-delay case on the claim
// so the customer hears from us before they have to ask (stage 2). delay_stage on the order makes
// each stage happen once: rows are taken FOR UPDATE SKIP LOCKED (two workers never hold the same
// order, and an import settling it right now is simply left alone), and the stage is written in
// the same transaction as the notices, the case and the audit events. The query selects exactly
// the orders with a stage due (a range per currency on the status index), so a batch is never
// filled with orders that are not due yet.

export const PAYMENT_DELAY_SWEEP_JOB = 'payments.delay_sweep';
export const PAYMENT_DELAY_SWEEP_EVERY_MS = 15 * 60_000;
/** Orders per sweep transaction: each stage-2 order opens a case (a dozen statements). */
export const PAYMENT_DELAY_BATCH = 100;

export const DELAY_SWEEP_ACTOR = systemActor('payment-delay-sweep');

export type DelaySweepResult = {
  /** Orders taken (a full batch: more may be due). */
  orders: number;
  warned: number;
  casesOpened: number;
  casesLinked: number;
  /** Taken but left to the next run: someone holds the claim. */
  skipped: number;
};

/** Any currency the insurer does not configure is counted on the fallback calendar. */
const OTHER = '*';

export async function sweepPaymentDelays(
  trx: Transaction<DB>,
  opts: {
    now: Date;
    limit?: number;
    settings?: DelaySettings & { currencies?: Record<string, unknown> };
    /** Only these customers' orders (a by-hand re-run for one customer; tests on a shared database). */
    customerIds?: readonly string[];
  },
): Promise<DelaySweepResult> {
  if (opts.customerIds?.length === 0)
    return { orders: 0, warned: 0, casesOpened: 0, casesLinked: 0, skipped: 0 };
  const settings = opts.settings ?? paymentSettings();
  const configured = Object.keys(settings.currencies ?? {});
  // The latest execution date at which each stage is due today, on the currency's calendar.
  const cutoffs = (currency: string) => {
    const calendar = bankingCalendarOf(currency);
    const today = todayIn(bankingTimeZone(calendar), opts.now);
    return {
      warn: latestDueExecutionDate(calendar, today, settings.delayWarningBankingDays),
      case: latestDueExecutionDate(calendar, today, settings.delayCaseBankingDays),
    };
  };
  const due = (eb: ExpressionBuilder<DB, 'payment_orders'>, cut: { warn: string; case: string }) =>
    eb.or([
      eb.and([eb('delay_stage', '=', 0), eb('requested_execution_date', '<=', cut.warn)]),
      eb('requested_execution_date', '<=', cut.case),
    ]);
  let query = trx
    .selectFrom('payment_orders')
    .selectAll()
    .where('status', '=', 'sent')
    .where('delay_stage', '<', 2)
    .where((eb) =>
      eb.or([
        ...configured.map((c) => eb.and([eb('currency', '=', c), due(eb, cutoffs(c))])),
        eb.and([
          configured.length > 0 ? eb('currency', 'not in', configured) : sql<boolean>`true`,
          due(eb, cutoffs(OTHER)),
        ]),
      ]),
    );
  if (opts.customerIds) query = query.where('customer_id', 'in', [...opts.customerIds]);
  const taken = await query
    .orderBy('requested_execution_date')
    .orderBy('id')
    .limit(opts.limit ?? PAYMENT_DELAY_BATCH)
    .forUpdate()
    .skipLocked()
    .execute();

  const result: DelaySweepResult = {
    orders: taken.length,
    warned: 0,
    casesOpened: 0,
    casesLinked: 0,
    skipped: 0,
  };
  if (taken.length === 0) return result;
  const desk = await paymentsDesk(trx);
  for (const order of taken) {
    const calendar = bankingCalendarOf(order.currency);
    const delay = paymentDelay({
      executionDate: order.requested_execution_date,
      today: todayIn(bankingTimeZone(calendar), opts.now),
      calendar,
      settings,
    });
    if (delay.stage <= order.delay_stage) continue; // the query selects only due stages; never act twice
    // The claim is locked so that two sweeps with two late instalments of one claim cannot both
    // find no live case and open two. People lock a claim before its payments, the sweep the other
    // way round: it never waits for a claim, it leaves that order to the next run.
    const claim = await trx
      .selectFrom('claims')
      .select(['claim_number'])
      .where('id', '=', order.claim_id)
      .forNoKeyUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!claim) {
      result.skipped++;
      continue;
    }
    const events: AuditInput[] = [];
    const facts = {
      reference: order.payment_number,
      claimNumber: claim.claim_number,
      executionDate: order.requested_execution_date,
      days: delay.bankingDaysElapsed,
      caseOn: delay.caseOn,
    };
    if (order.delay_stage < 1) {
      for (const user of desk) {
        await notify(trx, {
          audience: 'staff',
          userId: user.id,
          customerId: order.customer_id,
          kind: 'payment.delay_warning',
          language: user.locale,
          params: { ...facts, amount: money(order, user.locale) },
          entityType: 'payment',
          entityId: order.id,
          dedupeKey: `payment:${order.id}:delay_warning:${user.id}`,
        });
      }
      events.push(delayEvent(order, 'payment.delay_warning', { ...facts, warned: desk.length }));
      result.warned++;
    }
    if (delay.stage === 2) {
      const opened = await openOrLinkCase(trx, order, facts, opts.now);
      events.push(...opened.events);
      if (opened.opened) result.casesOpened++;
      else result.casesLinked++;
    }
    await trx
      .updateTable('payment_orders')
      .set({ delay_stage: delay.stage })
      .where('id', '=', order.id)
      .execute();
    await recordAuditEvents(trx, order.customer_id, events);
  }
  return result;
}

/** The payments department's active staff and its supervisor, who are warned of a late payment. */
async function paymentsDesk(trx: Transaction<DB>): Promise<{ id: string; locale: Language }[]> {
  const department = await trx
    .selectFrom('departments')
    .select(['supervisor_id'])
    .where('code', '=', PAYMENTS_DEPARTMENT)
    .executeTakeFirst();
  const supervisor = department?.supervisor_id ?? null;
  return trx
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('department', '=', PAYMENTS_DEPARTMENT), eb('role', 'in', [...DEPARTMENT_STAFF_ROLES])]),
        ...(supervisor ? [eb('id', '=', supervisor)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

/**
 * Stage 2: a payment-delay case on the claim, linked to the payment. A live payment-delay case on
 * the claim (the customer already asked, or the return of an earlier payment) is the place to work
 * it: the order is linked to it when it names no payment yet, and no second case opens.
 */
async function openOrLinkCase(
  trx: Transaction<DB>,
  order: PaymentOrderRow,
  facts: Record<string, string | number>,
  now: Date,
): Promise<{ opened: boolean; events: AuditInput[] }> {
  const live = await trx
    .selectFrom('service_cases')
    .select(['id', 'case_number', 'payment_id'])
    .where('claim_id', '=', order.claim_id)
    .where('kind', '=', 'payment_delay')
    .where('status', 'in', [...LIVE_CASE_STATUSES])
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .executeTakeFirst();
  if (live) {
    if (live.payment_id === null) {
      await trx
        .updateTable('service_cases')
        .set({ payment_id: order.id })
        .where('id', '=', live.id)
        .execute();
    }
    return {
      opened: false,
      events: [
        delayEvent(order, 'payment.delay_case_linked', {
          ...facts,
          caseId: live.id,
          caseNumber: live.case_number,
          linked: live.payment_id === null || live.payment_id === order.id,
        }),
      ],
    };
  }
  const contact = await customerContact(trx, order.customer_id);
  const caseText = renderNotice('payment.delay_case', contact.language, {
    ...facts,
    amount: money(order, contact.language),
  });
  const { serviceCase, events } = await openServiceCaseInTransaction(trx, {
    customerId: order.customer_id,
    kind: 'payment_delay',
    subject: caseText.subject,
    description: caseText.body,
    channel: 'api',
    claimId: order.claim_id,
    paymentId: order.id,
    actor: DELAY_SWEEP_ACTOR,
    now,
  });
  await notify(trx, {
    audience: 'customer',
    customerId: order.customer_id,
    channel: contact.channel,
    kind: 'payment.delayed',
    language: contact.language,
    params: { ...facts, amount: money(order, contact.language), caseNumber: serviceCase.case_number },
    entityType: 'service_case',
    entityId: serviceCase.id,
    dedupeKey: `payment:${order.id}:delay_case`,
  });
  events.push(
    delayEvent(order, 'payment.delay_case_opened', {
      ...facts,
      caseId: serviceCase.id,
      caseNumber: serviceCase.case_number,
    }),
  );
  return { opened: true, events };
}

function money(order: PaymentOrderRow, language: Language): string {
  return formatMoney(order.principal_minor + order.interest_minor, order.currency, language);
}

function delayEvent(order: PaymentOrderRow, action: string, data: Record<string, unknown>): AuditInput {
  return {
    actor: DELAY_SWEEP_ACTOR,
    action,
    entityType: 'payment',
    entityId: order.id,
    customerId: order.customer_id,
    data: { paymentNumber: order.payment_number, claimId: order.claim_id, ...data },
  };
}

/**
 * One batch of the sweep per job, at the job's clock. A full batch means more may be due: the job
 * enqueues its continuation in the same transaction (unique per job, so a retried job cannot fork
 * the chain), as the deadline sweep does. A payload `customerIds` limits a by-hand run to them.
 */
export function sweepPaymentDelaysJob(batch: number = PAYMENT_DELAY_BATCH): JobHandler {
  return async ({ trx, now, job, log }) => {
    const ids = job.payload.customerIds;
    const customerIds = Array.isArray(ids)
      ? ids.filter((id): id is string => typeof id === 'string')
      : undefined;
    const result = await sweepPaymentDelays(trx, {
      now,
      limit: batch,
      ...(customerIds ? { customerIds } : {}),
    });
    if (result.orders > 0) log.info({ ...result, job: job.id }, 'payment delay sweep');
    // Only a batch that made progress continues at once; skipped orders wait for the next period.
    if (result.orders === batch && result.skipped < batch) {
      await enqueueJob(trx, {
        kind: PAYMENT_DELAY_SWEEP_JOB,
        payload: job.payload,
        uniqueKey: `${PAYMENT_DELAY_SWEEP_JOB}:after:${job.id}`,
      });
    }
  };
}
