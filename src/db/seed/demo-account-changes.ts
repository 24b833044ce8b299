import { composeIBAN } from 'ibantools';
import { valid as validSwedishAccount } from 'kontonummer';
import type { Transaction } from 'kysely';
import { newId } from '../../lib/ids.ts';
import {
  approveAccountChange,
  requestAccountChange,
  verifyAccountChange,
} from '../../modules/account-changes/index.ts';
import { recordAuditEvents } from '../../modules/audit/index.ts';
import {
  type BankAccount,
  italianCin,
  luhnCheckDigitOf,
  maskBankAccount,
  validateBankAccount,
} from '../../modules/bank-accounts/index.ts';
import { type Actor, systemActor } from '../../modules/users/index.ts';
import type { DB } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';
import { DEMO_SEED } from './demo-plan.ts';
import { Rng, subSeed } from './demo-random.ts';

// Payout accounts for the demo and three account changes that show the rules: about a hundred
// customers (every tenth, and everyone with a portal login) have a current account recorded at
// onboarding, Italians an IBAN and Swedes a Bankgiro number or an IBAN, all with valid check
// digits and the same on every run; customer.se's account was changed with four eyes (the old one
// is kept in the history); customer.it has a change waiting for a supervisor's approval; and
// customer.se.grace moved house (applied at once, the old address told). The changes go through
// the same use cases as real work, so they leave the same case, trail and notices.

const ACCOUNTS_STREAM = 1_000_050;
const DAY_MS = 86_400_000;
const SEED_ACTOR = systemActor('demo-seed');

export type DemoAccountChangesContext = {
  /** The demo logins by email, as seedDemo creates them. */
  actors: ReadonlyMap<string, Actor>;
  /** The demo's "now"; default the real now. */
  now?: Date;
};

const ITALIAN_ABI = ['03069', '02008', '05034', '01030', '05428', '03062'];

/** An Italian IBAN: ABI, CAB and a 12-digit account, with its CIN and IBAN check digits. */
function italianIban(rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const body = `${rng.pick(ITALIAN_ABI)}${digits(5)}${digits(12)}`;
  return composeIBAN({ countryCode: 'IT', bban: `${italianCin(body)}${body}` }) as string;
}

/** A SEB account (clearing 5xxx, seven digits, mod 11 over both) as a Swedish IBAN (bank code 500). */
function swedishIban(rng: Rng): string {
  for (;;) {
    const clearing = String(rng.int(5000, 5999));
    const stem = Array.from({ length: 6 }, () => rng.int(0, 9)).join('');
    for (let check = 0; check <= 9; check++) {
      const account = `${stem}${check}`;
      if (validSwedishAccount(clearing, account)) {
        return composeIBAN({
          countryCode: 'SE',
          bban: `500${`${clearing}${account}`.padStart(17, '0')}`,
        }) as string;
      }
    }
  }
}

/** An eight-digit Bankgiro number with its mod-10 check digit. */
function bankgiro(rng: Rng): string {
  const payload = `${rng.int(1, 9)}${Array.from({ length: 6 }, () => rng.int(0, 9)).join('')}`;
  return `${payload}${luhnCheckDigitOf(payload)}`;
}

export function demoAccount(rng: Rng, country: string, holderName: string): BankAccount {
  const input =
    country === 'IT'
      ? { scheme: 'iban' as const, iban: italianIban(rng), holderName }
      : rng.chance(0.5)
        ? { scheme: 'bankgiro' as const, accountNumber: bankgiro(rng), holderName }
        : { scheme: 'iban' as const, iban: swedishIban(rng), holderName };
  const checked = validateBankAccount(input);
  if (!checked.ok) throw new Error(`demo account invalid: ${JSON.stringify(checked.problems)}`);
  return checked.value;
}

function actorOf(ctx: DemoAccountChangesContext, local: string): Actor & { kind: 'user' } {
  const actor = ctx.actors.get(`${local}@${DEMO_EMAIL_DOMAIN}`);
  if (actor?.kind !== 'user') throw new Error(`demo account changes: no login ${local}`);
  return actor;
}

/** Returns the bank-account rows written (history included) and the account changes made. */
export async function seedDemoAccountChanges(
  trx: Transaction<DB>,
  ctx: DemoAccountChangesContext,
): Promise<{ bankAccounts: number; accountChanges: number }> {
  const now = ctx.now ?? new Date();
  const rng = new Rng(subSeed(DEMO_SEED, ACCOUNTS_STREAM));
  const withLogin = new Set(
    [...ctx.actors.values()].flatMap((a) => (a.kind === 'user' && a.customerId ? [a.customerId] : [])),
  );
  const customers = await trx
    .selectFrom('customers')
    .select(['id', 'country', 'given_name', 'family_name'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('customer_bank_accounts as a')
            .select('a.id')
            .whereRef('a.customer_id', '=', 'customers.id')
            .where('a.valid_to', 'is', null),
        ),
      ),
    )
    .orderBy('customer_number')
    .execute();
  const chosen = customers.filter((c, i) => i % 10 === 3 || withLogin.has(c.id));

  for (const c of chosen) {
    const account = demoAccount(rng, c.country, `${c.given_name} ${c.family_name}`);
    const id = newId();
    await trx
      .insertInto('customer_bank_accounts')
      .values({
        id,
        customer_id: c.id,
        scheme: account.scheme,
        iban: account.iban,
        bic: account.bic,
        clearing_number: account.clearingNumber,
        account_number: account.accountNumber,
        holder_name: account.holderName,
        valid_from: new Date(now.getTime() - rng.int(60, 1500) * DAY_MS),
        change_request_id: null,
      })
      .execute();
    await recordAuditEvents(trx, c.id, [
      {
        actor: SEED_ACTOR,
        action: 'customer.bank_account_recorded',
        entityType: 'customer',
        entityId: c.id,
        customerId: c.id,
        data: {
          accountId: id,
          scheme: account.scheme,
          masked: maskBankAccount(account),
          source: 'onboarding',
        },
      },
    ]);
  }

  // customer.se changed the payout account in the portal three days ago; rep.se verified with
  // BankID; supervisor.se approved the next day. The old account stays in the history.
  const se = actorOf(ctx, 'customer.se');
  const at = (daysAgo: number, hour = 0) => new Date(now.getTime() - daysAgo * DAY_MS + hour * 3_600_000);
  const applied = await requestAccountChange({
    db: trx,
    actor: se,
    customerId: se.customerId as string,
    input: {
      field: 'bank_account',
      newValue: { scheme: 'iban', iban: swedishIban(rng), holderName: se.displayName },
    },
    now: at(3),
  });
  const verified = await verifyAccountChange({
    db: trx,
    actor: actorOf(ctx, 'rep.se'),
    id: applied.body.id,
    input: {
      method: 'bankid',
      reference: 'BANKID-DEMO-0001',
      note: 'The customer called to confirm; signed with BankID.',
      version: 1,
    },
    now: at(3, 1),
  });
  await approveAccountChange({
    db: trx,
    actor: actorOf(ctx, 'supervisor.se'),
    id: verified.id,
    input: { version: verified.version },
    now: at(2),
  });

  // customer.it called rep.it to change the account; identity checked against her ID card; it
  // waits for supervisor.it (rep.it cannot approve it: four eyes).
  const it = actorOf(ctx, 'customer.it');
  const pending = await requestAccountChange({
    db: trx,
    actor: actorOf(ctx, 'rep.it'),
    customerId: it.customerId as string,
    input: {
      field: 'bank_account',
      newValue: { scheme: 'iban', iban: italianIban(rng), holderName: it.displayName },
      channel: 'phone',
    },
    now: at(1),
  });
  await verifyAccountChange({
    db: trx,
    actor: actorOf(ctx, 'rep.it'),
    id: pending.body.id,
    input: { method: 'id_document', reference: 'CA00000AA', version: 1 },
    now: at(1, 1),
  });

  // customer.se.grace moved: applied at once, the old address gets a letter.
  const grace = actorOf(ctx, 'customer.se.grace');
  await requestAccountChange({
    db: trx,
    actor: grace,
    customerId: grace.customerId as string,
    input: {
      field: 'address',
      newValue: { street: 'Kungsgatan 12', postalCode: '411 19', city: 'Göteborg', country: 'SE' },
    },
    now: at(10),
  });

  return { bankAccounts: chosen.length + 1, accountChanges: 3 };
}
