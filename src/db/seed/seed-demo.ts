import type { Kysely, Transaction } from 'kysely';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvents } from '../../modules/audit/index.ts';
import { registerClaim } from '../../modules/claims/index.ts';
import { createCustomer } from '../../modules/customers/index.ts';
import { createPolicy } from '../../modules/policies/index.ts';
import { createProduct, createProductVersion } from '../../modules/products/index.ts';
import type { DocumentKind } from '../../modules/products/product-config-schema.ts';
import { type Actor, actorId, createUser, hashPassword, systemActor } from '../../modules/users/index.ts';
import type { DB } from '../schema.ts';
import { seedDemoAccountChanges } from './demo-account-changes.ts';
import { seedAuthorityLimits } from './demo-authority.ts';
import { seedDemoCases } from './demo-cases.ts';
import { backdateDemoClocks } from './demo-clocks.ts';
import { seedDemoComplaints } from './demo-complaints.ts';
import { seedDemoDepartments } from './demo-departments.ts';
import { seedOrganisation } from './demo-org.ts';
import { seedDemoPayments } from './demo-payments.ts';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-people.ts';
import {
  type ClaimPlan,
  DEMO_SEED,
  DESK_STREAM,
  type DemoPlan,
  demoAnchorProblem,
  planDemo,
} from './demo-plan.ts';
import type { DemoProductKey } from './demo-products.ts';
import { Rng, subSeed } from './demo-random.ts';

// The demo organisation: three products, ~1 000 customers in Sweden and Italy with their
// policies, premium histories and a few hundred claims, staff and customer logins. planDemo()
// works it all out from one fixed seed and an anchor date, "today" in the demo: by default the
// real today, so that each login's premium situation is the one its note describes on the day the
// demo is seeded. This file writes the plan through the same use cases as real work, so the demo
// passes the same validation and leaves the same audit trail. The one shortcut is premium
// payments, which are inserted in batches together with their audit events (see
// appendPaymentEvents). Seeding takes about 8 s on embedded PGlite.

export { DEMO_PASSWORD, DEMO_USERS } from './demo-people.ts';
export { DEMO_EARLIEST_ANCHOR, demoAnchorProblem } from './demo-plan.ts';

/** The demo's default anchor: today in Sweden (Italy, the other demo country, has the same date). */
export function defaultDemoAnchor(): string {
  return todayIn('Europe/Stockholm');
}

const SEED_ACTOR = systemActor('demo-seed');

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Seeds the demo into an empty database and returns what it created. One transaction: either the
 * whole demo is there or none of it (so a failed first start seeds again on the next).
 * `anchor` (YYYY-MM-DD) is the demo's "today": every date lies on or before it, and each premium
 * status is the intended one on it. It defaults to today and cannot be later (a RangeError).
 */
export async function seedDemo(
  db: Kysely<DB>,
  opts: { anchor?: string } = {},
): Promise<Record<string, number>> {
  const anchor = opts.anchor ?? defaultDemoAnchor();
  const problem = demoAnchorProblem(anchor, defaultDemoAnchor());
  if (problem) throw new RangeError(problem);
  const plan = planDemo(anchor);
  // argon2 is deliberately slow (~50 ms): hash the shared demo password once for every login.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute((trx) => writeDemo(trx, plan, passwordHash));
}

async function writeDemo(
  trx: Transaction<DB>,
  plan: DemoPlan,
  passwordHash: string,
): Promise<Record<string, number>> {
  const counts = {
    products: 0,
    customers: 0,
    policies: 0,
    premiumPayments: 0,
    claims: 0,
    claimLines: 0,
    users: 0,
    authorityLimits: 0,
    deadlineAlerts: 0,
    departments: 0,
    bankAccounts: 0,
    accountChanges: 0,
    complaints: 0,
    serviceCases: 0,
    caseMessages: 0,
    paymentOrders: 0,
    paymentBatches: 0,
    bankNotifications: 0,
  };

  // Products, each with one active version.
  const versionIds = {} as Record<DemoProductKey, string>;
  for (const p of plan.products) {
    const product = await createProduct({
      db: trx,
      actor: SEED_ACTOR,
      input: { code: p.code, kind: p.kind, name: p.name, country: p.country, currency: p.currency },
    });
    const version = await createProductVersion({
      db: trx,
      actor: SEED_ACTOR,
      productId: product.id,
      input: { effectiveFrom: p.effectiveFrom, status: 'active', config: p.config },
    });
    versionIds[p.key] = version.id;
    counts.products += 1;
  }

  // Customers, their policies and premium histories.
  type Filed = {
    claim: ClaimPlan;
    customerId: string;
    policyId: string;
    currency: string;
    country: string;
    /** The documents the claim's covers ask for (what a complete claim arrives with). */
    requiredDocuments: DocumentKind[];
    login?: DemoUser;
  };
  const toFile: Filed[] = [];
  const customerIds = new Map<DemoUser, string>();
  for (const c of plan.customers) {
    const customer = await createCustomer({ db: trx, actor: SEED_ACTOR, input: c.input });
    counts.customers += 1;
    if (c.login) customerIds.set(c.login, customer.id);
    for (const p of c.policies) {
      const product = plan.products.find((d) => d.key === p.product);
      const currency = product?.currency ?? 'SEK';
      const policy = await createPolicy({
        db: trx,
        actor: SEED_ACTOR,
        input: {
          customerId: customer.id,
          productVersionId: versionIds[p.product],
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          premiumSchedule: {
            frequency: p.frequency,
            amountMinor: p.amountMinor,
            ...(p.firstDueDate ? { firstDueDate: p.firstDueDate } : {}),
          },
          insuredPersons: p.insuredPersons,
          ...(p.declaredAnnualIncomeMinor ? { declaredAnnualIncomeMinor: p.declaredAnnualIncomeMinor } : {}),
        },
      });
      counts.policies += 1;
      // Bank references as the bank file would carry them: Bankgiro in Sweden, SEPA direct debit in Italy.
      const bank = currency === 'SEK' ? 'BG' : 'SDD';
      const rows = p.payments.map((payment, i) => ({
        id: newId(),
        policy_id: policy.id,
        customer_id: customer.id,
        paid_on: payment.paidOn,
        amount_minor: payment.amountMinor,
        currency,
        reference: `${bank}-${policy.policyNumber}-${String(i + 1).padStart(2, '0')}`,
      }));
      if (rows.length > 0) {
        await trx.insertInto('premium_payments').values(rows).execute();
        await appendPaymentEvents(trx, customer.id, policy.id, rows);
      }
      counts.premiumPayments += rows.length;
      for (const claim of p.claims) {
        toFile.push({
          claim,
          customerId: customer.id,
          policyId: policy.id,
          currency,
          country: c.input.country,
          requiredDocuments: [
            ...new Set(
              claim.lines.flatMap(
                (l) =>
                  product?.config.covers.find((cv) => cv.benefitCode === l.benefitCode)?.requiredDocuments ??
                  [],
              ),
            ),
          ],
          ...(c.login ? { login: c.login } : {}),
        });
      }
    }
  }

  // Staff and customer logins, all with the demo password.
  const actors = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    const customerId = u.role === 'customer' ? (customerIds.get(u) ?? null) : null;
    const userId = await createUser({
      db: trx,
      actor: SEED_ACTOR,
      user: {
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        customerId,
        team: u.team,
        department: u.department,
        locale: u.locale,
        passwordHash,
      },
    });
    actors.set(u.email, {
      kind: 'user',
      userId,
      role: u.role,
      displayName: u.displayName,
      customerId,
      team: u.team,
      department: u.department,
      locale: u.locale,
    });
    counts.users += 1;
  }

  // The organisation claims are routed in, and what each role may decide.
  const usersByEmail = new Map([...actors].map(([email, a]) => [email, actorId(a) as string]));
  await seedOrganisation(trx, usersByEmail);
  counts.authorityLimits = await seedAuthorityLimits(trx, usersByEmail);
  counts.departments = await seedDemoDepartments(trx, usersByEmail);

  // Claims, oldest incident first so that claim numbers follow the calendar. Customers with a
  // login filed their own in the portal; the desk registered calls, emails and letters (shared
  // among each team's representatives); partner feeds (api, import) came in as the system.
  const reps = (team: string) =>
    DEMO_USERS.filter((u) => u.role === 'representative' && u.team === team).map((u) => actors.get(u.email));
  const rng = new Rng(subSeed(DEMO_SEED, DESK_STREAM));
  toFile.sort((a, b) =>
    a.claim.incidentDate < b.claim.incidentDate ? -1 : a.claim.incidentDate > b.claim.incidentDate ? 1 : 0,
  );
  for (const f of toFile) {
    const { claim } = f;
    const actor =
      (f.login && actors.get(f.login.email)) ||
      (claim.channel === 'api' || claim.channel === 'import' ? SEED_ACTOR : rng.pick(reps(f.country))) ||
      SEED_ACTOR;
    const result = await registerClaim({
      db: trx,
      actor,
      input: {
        customerId: f.customerId,
        policyId: f.policyId,
        incidentDate: claim.incidentDate,
        description: claim.description,
        channel: claim.channel,
        lines: claim.lines.map((l) => ({ ...l, currency: f.currency })),
        // Most claims arrive complete; about one in five lacks a document, which the assessment
        // then asks the customer for.
        documents: rng.chance(0.2) ? f.requiredDocuments.slice(0, -1) : f.requiredDocuments,
        ...(claim.externalRef ? { externalRef: claim.externalRef } : {}),
      },
    });
    counts.claims += 1;
    counts.claimLines += result.claim.lines.length;
  }
  const now = new Date();
  counts.deadlineAlerts = await backdateDemoClocks(trx, now);

  // Service cases after the claims' clocks are re-dated (backdateDemoClocks reads every running
  // clock). The service cases come last: they end with a sweep that also warns on old complaints.
  const accounts = await seedDemoAccountChanges(trx, { actors, now });
  counts.bankAccounts = accounts.bankAccounts;
  counts.accountChanges = accounts.accountChanges;
  // Payments before the cases: a payment-delay case is then about a claim still waiting for its money.
  const payments = await seedDemoPayments(trx, { actors, now });
  counts.paymentOrders = payments.paymentOrders;
  counts.paymentBatches = payments.paymentBatches;
  counts.bankNotifications = payments.bankNotifications;
  counts.accountChanges += payments.accountChanges;
  counts.bankAccounts += payments.bankAccounts;
  counts.complaints = (await seedDemoComplaints(trx, { anchor: plan.anchor, actors })).complaints;
  const cases = await seedDemoCases(trx, { actors, now });
  counts.serviceCases = cases.serviceCases + payments.serviceCases;
  // Messages come from the cases and from account changes (identity verification notes): count them all.
  counts.caseMessages = Number(
    (
      await trx
        .selectFrom('case_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  counts.deadlineAlerts += cases.deadlineAlerts;

  return counts;
}

/**
 * The audit events recordPremiumPayment would write for these payments, appended to the
 * customer's chain in one insert. Booking ~6 000 payments one by one through the use case
 * (policy lookup, reference check, insert, chain lock, chain head, event: six statements each)
 * took over half of the whole seed; the use case adds nothing else than its currency check, and
 * the plan only ever pays in the policy's currency.
 */
async function appendPaymentEvents(
  trx: Transaction<DB>,
  customerId: string,
  policyId: string,
  payments: { id: string; paid_on: string; amount_minor: number; currency: string }[],
): Promise<void> {
  await recordAuditEvents(
    trx,
    customerId,
    payments.map((p) => ({
      actor: SEED_ACTOR,
      action: 'premium.payment_recorded',
      entityType: 'policy',
      entityId: policyId,
      customerId,
      data: { paymentId: p.id, paidOn: p.paid_on, amountMinor: p.amount_minor, currency: p.currency },
    })),
  );
}
