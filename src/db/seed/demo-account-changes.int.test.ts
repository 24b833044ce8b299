import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../../../test/support/scratch-database.ts';
import { verifyAuditChain } from '../../modules/audit/index.ts';
import { validateBankAccount } from '../../modules/bank-accounts/index.ts';
import type { Database } from '../connection.ts';
import { migrate } from '../migrate.ts';
import { seedDemo } from './seed-demo.ts';

// The payout accounts and account changes on top of the real demo, in a database of its own (the
// demo writes ~1 000 customers, which the shared test database must never see).

let database: Database;
let drop: () => Promise<void>;
let counts: { bankAccounts: number; accountChanges: number };

beforeAll(async () => {
  const scratch = await scratchDatabase();
  database = await scratch.open();
  drop = async () => {
    await database.close();
    await scratch.drop();
  };
  await migrate(database);
  const { db } = database;
  // seedDemo runs seedDemoAccountChanges itself (after the claims' clocks are re-dated).
  const summary = await seedDemo(db);
  counts = { bankAccounts: summary.bankAccounts ?? 0, accountChanges: summary.accountChanges ?? 0 };
}, 180_000);

afterAll(async () => {
  await drop?.();
});

describe('seedDemoAccountChanges', () => {
  it('gives about a hundred customers a valid current payout account', async () => {
    const { db } = database;
    const current = await db
      .selectFrom('customer_bank_accounts as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select([
        'c.country',
        'a.scheme',
        'a.iban',
        'a.bic',
        'a.clearing_number',
        'a.account_number',
        'a.holder_name',
      ])
      .where('a.valid_to', 'is', null)
      .execute();
    expect(current.length).toBeGreaterThanOrEqual(90);
    expect(current.length).toBeLessThanOrEqual(130);
    // Two replaced an earlier account, which stays as history: customer.se's, and the one whose
    // change holds a payment (demo-payments.ts).
    expect(counts.bankAccounts).toBe(current.length + 2);
    for (const a of current) {
      const input =
        a.scheme === 'iban'
          ? { scheme: 'iban' as const, iban: a.iban ?? '', holderName: a.holder_name }
          : { scheme: 'bankgiro' as const, accountNumber: a.account_number ?? '', holderName: a.holder_name };
      expect(validateBankAccount(input).ok, JSON.stringify(a)).toBe(true);
      if (a.country === 'IT') expect(a.iban).toMatch(/^IT/);
    }
    expect(new Set(current.filter((a) => a.country === 'SE').map((a) => a.scheme))).toEqual(
      new Set(['iban', 'bankgiro']),
    );
  });

  it('has one applied four-eyes bank change with history, one waiting for approval, one address change', async () => {
    const { db } = database;
    const changes = await db
      .selectFrom('account_change_requests as r')
      .innerJoin('users as u', 'u.customer_id', 'r.customer_id')
      .select([
        'u.email',
        'r.field',
        'r.status',
        'r.requested_by',
        'r.verified_by',
        'r.decided_by',
        'r.customer_id',
      ])
      .orderBy('r.created_at')
      .execute();
    expect(changes.map((c) => [c.email.split('@')[0], c.field, c.status])).toEqual([
      ['customer.se.grace', 'address', 'applied'],
      ['customer.se', 'bank_account', 'applied'],
      ['customer.it', 'bank_account', 'pending_approval'],
    ]);
    const applied = changes[1];
    expect(new Set([applied?.requested_by, applied?.verified_by, applied?.decided_by]).size).toBe(3);
    const history = await db
      .selectFrom('customer_bank_accounts')
      .select(['valid_to', 'change_request_id'])
      .where('customer_id', '=', applied?.customer_id as string)
      .orderBy('valid_from')
      .execute();
    expect(history).toHaveLength(2);
    expect(history[0]?.valid_to).not.toBeNull();
    expect(history[1]).toMatchObject({ valid_to: null });
    const told = await db
      .selectFrom('notifications')
      .select(['channel', 'recipient'])
      .where('customer_id', '=', applied?.customer_id as string)
      .where('kind', '=', 'account_change.bank_account_changed')
      .execute();
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.every((n) => n.recipient !== null)).toBe(true);
  });

  it('leaves every audit chain it touched intact', async () => {
    const { db } = database;
    const ids = await db.selectFrom('account_change_requests').select('customer_id').execute();
    for (const { customer_id } of ids) {
      expect((await verifyAuditChain(db, customer_id)).ok).toBe(true);
    }
  });
});
