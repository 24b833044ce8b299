import type { Transaction } from 'kysely';
import { todayIn } from '../../lib/dates.ts';
import {
  approveAccountChange,
  requestAccountChange,
  verifyAccountChange,
} from '../../modules/account-changes/index.ts';
import { recordAuditEvents } from '../../modules/audit/index.ts';
import type { BankAccount } from '../../modules/bank-accounts/index.ts';
import {
  approvePaymentBatch,
  buildCamt054,
  type Camt054Entry,
  createPaymentBatch,
  currencySettings,
  importBankNotification,
  readyWaitingPayments,
  releasePaymentBatch,
} from '../../modules/payments/index.ts';
import { type Actor, systemActor } from '../../modules/users/index.ts';
import type { DB, PaymentOrderRow } from '../schema.ts';
import { demoAccount } from './demo-account-changes.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';
import { DEMO_SEED } from './demo-plan.ts';
import { minDate, Rng, subSeed } from './demo-random.ts';

// Payments in every state for the demo (issue 7). The claims decided while the demo was
// registered made payment orders 'awaiting_account' (most customers have no payout account on
// file); this takes them along the real path, through the same use cases as the payments desk:
// - one customer changes the account their payout was going to (four eyes) — the fresh account
//   holds the order for review: the account-takeover pattern;
// - every other customer with an account gets their orders made ready, and a few more customers
//   answer our request for an account (a representative takes it on the phone and verifies it, a
//   supervisor approves it), which makes theirs ready too;
// - the payments agent batches each currency, the payments supervisor approves a batch that needs
//   four eyes, the agent releases it: a real pain.001 file, validated against the schemas;
// - the bank answers each file with a camt.054 (built here, as the bank would write it): most
//   transfers booked (the claims become paid), one SEK transfer returned with AC04 (account
//   closed: a payment_returned case asks for a new account), one EUR transfer rejected, a few
//   with no news yet ('sent'; customer.it's among them: her payment-delay case is about it);
// - two more customers answer after the run: their orders wait, 'ready', for the next batch.
// The rest stay 'awaiting_account'. Same customers, orders and outcomes on every run.

const PAYMENTS_STREAM = 1_000_070;
/** Customers who answered our request for an account before the batch run, and after it. */
const ANSWERED = { SE: 9, IT: 7 } as const;
const ANSWERED_LATE = { SE: 1, IT: 1 } as const;

export type DemoPaymentsContext = {
  /** The demo logins by email, as seedDemo creates them. */
  actors: ReadonlyMap<string, Actor>;
  now: Date;
};

export type DemoPaymentsResult = {
  paymentOrders: number;
  paymentBatches: number;
  bankNotifications: number;
  accountChanges: number;
  /** Rows written to customer_bank_accounts (one per applied account change). */
  bankAccounts: number;
  /** payment_returned cases opened by the bank's returns and rejections. */
  serviceCases: number;
};

function login(ctx: DemoPaymentsContext, local: string): Actor & { kind: 'user' } {
  const actor = ctx.actors.get(`${local}@${DEMO_EMAIL_DOMAIN}`);
  if (actor?.kind !== 'user') throw new Error(`demo payments: no login ${local}`);
  return actor;
}

type Waiting = { id: string; country: string; holder: string; hasAccount: boolean };

/** Customers with orders awaiting an account, in customer-number order. */
async function waitingCustomers(trx: Transaction<DB>): Promise<Waiting[]> {
  const rows = await trx
    .selectFrom('customers')
    .select(['customers.id', 'customers.country', 'customers.given_name', 'customers.family_name'])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom('customer_bank_accounts as a')
          .select('a.id')
          .whereRef('a.customer_id', '=', 'customers.id')
          .where('a.valid_to', 'is', null),
      ).as('has_account'),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('payment_orders as p')
          .select('p.id')
          .whereRef('p.customer_id', '=', 'customers.id')
          .where('p.status', '=', 'awaiting_account'),
      ),
    )
    .orderBy('customers.customer_number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    holder: `${r.given_name} ${r.family_name}`,
    hasAccount: Boolean(r.has_account),
  }));
}

function newValueOf(account: BankAccount) {
  return account.scheme === 'iban'
    ? { scheme: 'iban' as const, iban: account.iban as string, holderName: account.holderName }
    : {
        scheme: 'bankgiro' as const,
        accountNumber: account.accountNumber as string,
        holderName: account.holderName,
      };
}

/**
 * A payout account given on the phone, verified by the representative and approved by the
 * country's supervisor; applying it readies (or holds) the customer's waiting orders.
 */
async function changeAccountByPhone(
  trx: Transaction<DB>,
  ctx: DemoPaymentsContext,
  rng: Rng,
  customer: Waiting,
  n: number,
): Promise<void> {
  const country = customer.country === 'IT' ? 'it' : 'se';
  const rep = login(ctx, `rep.${country}`);
  const requested = await requestAccountChange({
    db: trx,
    actor: rep,
    customerId: customer.id,
    input: {
      field: 'bank_account',
      newValue: newValueOf(demoAccount(rng, customer.country, customer.holder)),
      channel: 'phone',
    },
    now: ctx.now,
  });
  const verified = await verifyAccountChange({
    db: trx,
    actor: rep,
    id: requested.body.id,
    input:
      country === 'se'
        ? { method: 'bankid', reference: `BANKID-DEMO-P${String(n).padStart(3, '0')}`, version: 1 }
        : { method: 'id_document', reference: `CA${String(n).padStart(5, '0')}PG`, version: 1 },
    now: ctx.now,
  });
  await approveAccountChange({
    db: trx,
    actor: login(ctx, `supervisor.${country}`),
    id: verified.id,
    input: { version: verified.version },
    now: ctx.now,
  });
}

function pickAnswering(rng: Rng, candidates: Waiting[], quota: { SE: number; IT: number }): Waiting[] {
  return (['SE', 'IT'] as const).flatMap((country) =>
    rng.sample(
      candidates.filter((c) => c.country === country),
      quota[country],
    ),
  );
}

export async function seedDemoPayments(
  trx: Transaction<DB>,
  ctx: DemoPaymentsContext,
): Promise<DemoPaymentsResult> {
  const { now } = ctx;
  const rng = new Rng(subSeed(DEMO_SEED, PAYMENTS_STREAM));
  const agent = login(ctx, 'payments');
  const supervisor = login(ctx, 'payments.supervisor');
  const loginCustomers = new Set(
    [...ctx.actors.values()].flatMap((a) => (a.kind === 'user' && a.customerId ? [a.customerId] : [])),
  );
  let accountChanges = 0;

  // The fresh account: the first customer (not a login) whose payout already had an account.
  const waiting = await waitingCustomers(trx);
  const changed = waiting.find((c) => c.hasAccount && !loginCustomers.has(c.id));
  if (changed) {
    await changeAccountByPhone(trx, ctx, rng, changed, ++accountChanges);
  }

  // Customers with an account on file: their orders get it.
  const hook = systemActor('payments');
  for (const c of waiting) {
    if (!c.hasAccount || c.id === changed?.id) continue;
    const ready = await readyWaitingPayments(trx, { customerId: c.id, actor: hook, now });
    await recordAuditEvents(trx, c.id, ready.events);
  }

  // Customers answering our request for an account, before the batch run and after it.
  const candidates = waiting.filter((c) => !c.hasAccount && !loginCustomers.has(c.id));
  const answered = pickAnswering(rng, candidates, ANSWERED);
  const late = pickAnswering(
    rng,
    candidates.filter((c) => !answered.includes(c)),
    ANSWERED_LATE,
  );
  for (const c of answered) await changeAccountByPhone(trx, ctx, rng, c, ++accountChanges);

  const itCustomer = login(ctx, 'customer.it').customerId;
  const today = todayIn('Europe/Stockholm', now);
  let paymentBatches = 0;
  for (const currency of ['SEK', 'EUR'] as const) {
    const created = await createPaymentBatch({ db: trx, actor: agent, input: { currency }, now });
    let batch = created.body;
    paymentBatches += 1;
    if (batch.status === 'awaiting_approval') {
      batch = await approvePaymentBatch({
        db: trx,
        actor: supervisor,
        ref: batch.id,
        input: { version: batch.version },
        now,
      });
    }
    batch = await releasePaymentBatch({
      db: trx,
      actor: agent,
      ref: batch.id,
      input: { version: batch.version },
      now,
    });
    const orders = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('batch_id', '=', batch.id)
      .orderBy('payment_number')
      .execute();
    // The demo cannot wait for the execution day, and nothing in it is dated after today: when
    // the file asks for a later day, the bank booked it on the day it received it.
    const bookingDate = minDate(batch.requestedExecutionDate, today);
    const debtor = currencySettings(currency)?.debtor.iban;
    if (!debtor) throw new Error(`demo payments: no debtor account for ${currency}`);
    await importBankNotification({
      db: trx,
      actor: agent,
      xml: buildCamt054({
        messageId: `BANK-${batch.messageId}`.slice(0, 35),
        createdAt: `${today}T16:00:00`,
        accountIban: debtor,
        entries: bankAnswer(orders, { currency, bookingDate, keepSent: itCustomer }),
      }),
      now,
    });
  }

  for (const c of late) await changeAccountByPhone(trx, ctx, rng, c, ++accountChanges);

  const count = async (table: 'payment_orders' | 'bank_notifications') =>
    Number(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const returnedCases = await trx
    .selectFrom('service_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('payment_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    paymentOrders: await count('payment_orders'),
    paymentBatches,
    bankNotifications: await count('bank_notifications'),
    accountChanges,
    bankAccounts: accountChanges,
    serviceCases: Number(returnedCases.n),
  };
}

/**
 * What the bank says about a released file, order by order: the first transfer (SEK) comes back
 * as AC04 (the creditor's account is closed) or (EUR) is rejected as AC01 (incorrect account
 * number); the last has no news yet (SEK: reported pending; EUR: not in the file), nor has
 * `keepSent`'s; every other one is booked.
 */
function bankAnswer(
  orders: readonly PaymentOrderRow[],
  opts: { currency: string; bookingDate: string; keepSent: string | null },
): Camt054Entry[] {
  const open = orders.filter((o) => o.customer_id !== opts.keepSent);
  const entry = (o: PaymentOrderRow, i: number): Camt054Entry | null => {
    const base = {
      endToEndId: o.end_to_end_id,
      amountMinor: o.principal_minor + o.interest_minor,
      currency: opts.currency,
      bookingDate: opts.bookingDate,
      acctSvcrRef: `${o.payment_number}-BK`,
    };
    if (i === 0 && opts.currency === 'SEK') return { ...base, outcome: 'returned', reasonCode: 'AC04' };
    if (i === 0) return { ...base, outcome: 'rejected', reasonCode: 'AC01' };
    if (i === open.length - 1 && opts.currency === 'SEK') {
      return { ...base, outcome: 'pending', bookingDate: undefined };
    }
    if (i === open.length - 1) return null;
    return { ...base, outcome: 'settled' };
  };
  return open.flatMap((o, i) => entry(o, i) ?? []);
}
