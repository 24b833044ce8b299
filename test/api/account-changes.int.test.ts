import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { bankAccountChangedWithin, currentBankAccount } from '../../src/modules/account-changes/index.ts';
import { openServiceCaseInTransaction } from '../../src/modules/cases/index.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { makeCustomer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// Account information changes over HTTP: contact details that apply at once (with history and a
// warning to the old email or address), and bank-account changes that need identity verification
// and a second person's approval (four eyes), apply atomically with the old account kept, and are
// told to the customer's OLD contact details. Every customer here is this file's own.

let app: FastifyInstance;
let rep: Session;
let rep2: Session;
let sup: Session;

const OLD_ADDRESS: Address = {
  street: 'Storgatan 1',
  postalCode: '111 22',
  city: 'Stockholm',
  country: 'SE',
};
const NEW_IBAN = 'DE89 3704 0044 0532 0130 00';

beforeAll(async () => {
  app = await testApp();
  [rep, rep2, sup] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
  ]);
});

/** A Swedish customer with an address, a portal login and (optionally) a payout account on file. */
async function customerWithLogin(opts: { account?: boolean } = {}) {
  const { db } = await testDatabase();
  const email = `anna.${uniqueSuffix()}@example.se`;
  const customer = await makeCustomer(db, { email, address: OLD_ADDRESS });
  const session = await signInAs('customer', { customerId: customer.id });
  let accountId: string | null = null;
  if (opts.account !== false) {
    accountId = newId();
    await db
      .insertInto('customer_bank_accounts')
      .values({
        id: accountId,
        customer_id: customer.id,
        scheme: 'bankgiro',
        account_number: '50501055',
        holder_name: 'Anna Lindqvist',
        valid_from: new Date('2025-01-01T00:00:00Z'),
      })
      .execute();
  }
  return { customer, session, email, accountId };
}

function post(session: Session, url: string, payload: unknown, key?: string) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...session.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: payload as Record<string, unknown>,
  });
}

function get(session: Session, url: string) {
  return app.inject({ method: 'GET', url, headers: session.headers });
}

const ibanChange = (iban = NEW_IBAN) => ({
  field: 'bank_account',
  newValue: { scheme: 'iban', iban, holderName: 'Anna Lindqvist' },
});

async function notices(customerId: string, kind: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .orderBy('channel')
    .execute();
}

async function caseOf(caseId: string) {
  const { db } = await testDatabase();
  return db.selectFrom('service_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

describe('a bank-account change with four eyes', () => {
  it('customer asks in the portal → rep verifies → neither can approve → a supervisor approves → applied', async () => {
    const { customer, session, email } = await customerWithLogin();
    const key = `acc-${uniqueSuffix()}`;

    const asked = await post(session, `/customers/${customer.id}/account-changes`, ibanChange(), key);
    expect(asked.statusCode, asked.body).toBe(201);
    const change = asked.json();
    expect(change).toMatchObject({
      field: 'bank_account',
      status: 'pending_verification',
      requestedBy: session.userId,
      version: 1,
      oldValue: { scheme: 'bankgiro', accountNumber: '50501055', display: 'Bankgiro 5050-1055' },
      newValue: { scheme: 'iban', iban: 'DE89370400440532013000', masked: '**** 3000' },
    });
    expect(change.caseNumber).toMatch(/^CASE-\d{4}-\d{6}$/);
    const opened = await caseOf(change.caseId);
    expect(opened).toMatchObject({ kind: 'account_change', channel: 'portal', status: 'open' });
    // The customer is told at once that a change was asked for (nothing has changed yet).
    expect(await notices(customer.id, 'account_change.bank_account_requested')).toHaveLength(1);

    // Approving before anyone verified the customer's identity: refused, nothing applies.
    expectProblem(
      await post(sup, `/account-changes/${change.id}/approve`, { version: 1 }),
      409,
      'account_change_not_verified',
    );

    const verified = await post(rep, `/account-changes/${change.id}/verification`, {
      method: 'bankid',
      reference: 'BANKID-ORDER-4711',
      note: 'Customer signed with BankID during the call.',
      version: 1,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({
      status: 'pending_approval',
      verifiedBy: rep.userId,
      version: 2,
      verification: { method: 'bankid', reference: 'BANKID-ORDER-4711' },
      caseStatus: 'in_progress',
    });
    const { db } = await testDatabase();
    const message = await db
      .selectFrom('case_messages')
      .selectAll()
      .where('case_id', '=', change.caseId)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ visibility: 'internal', author_user_id: rep.userId });
    expect(message.body).toContain('BANKID-ORDER-4711');

    // The verifier cannot approve; the requester (the customer) cannot either.
    const byVerifier = expectProblem(
      await post(rep, `/account-changes/${change.id}/approve`, { version: 2 }),
      403,
      'four_eyes_required',
    );
    expect(byVerifier.detail).toMatch(/verified/);
    expectProblem(
      await post(session, `/account-changes/${change.id}/approve`, { version: 2 }),
      403,
      'forbidden',
    );
    expect(await currentBankAccount(db, customer.id)).toMatchObject({ scheme: 'bankgiro' });

    const approved = await post(sup, `/account-changes/${change.id}/approve`, { version: 2 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'applied',
      decidedBy: sup.userId,
      version: 3,
      caseStatus: 'resolved',
    });
    expect(approved.json().appliedAt).not.toBeNull();

    // New current account; the old one kept with valid_to.
    const accounts = await get(session, `/customers/${customer.id}/bank-accounts`);
    expect(accounts.statusCode, accounts.body).toBe(200);
    const { current, items } = accounts.json();
    expect(current).toMatchObject({
      scheme: 'iban',
      iban: 'DE89370400440532013000',
      display: NEW_IBAN,
      changeRequestId: change.id,
      validTo: null,
    });
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({ scheme: 'bankgiro', current: false, validTo: current.validFrom });

    // Told on the old contact details: an email to the old email and a letter to the address.
    const told = await notices(customer.id, 'account_change.bank_account_changed');
    expect(told.map((n) => [n.channel, n.recipient])).toEqual([
      ['email', { email }],
      ['letter', { address: OLD_ADDRESS }],
    ]);
    for (const n of told) {
      expect(n.body).toContain('**** 3000');
      expect(n.body).toContain(change.caseNumber);
      expect(n.body).toMatch(/\+46 8 465 004 00/);
      expect(n.body).not.toContain('3704');
      expect(n.language).toBe('sv');
    }

    const resolved = await caseOf(change.caseId);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toContain('**** 3000');

    const actions = await db
      .selectFrom('audit_events')
      .select('action')
      .where('customer_id', '=', customer.id)
      .where('action', 'like', '%account%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'account_change.requested',
      'account_change.verified',
      'account_change.approved',
      'customer.bank_account_changed',
    ]);

    // For the payments issue: a payout to this account is held for a while.
    expect(await bankAccountChangedWithin(db, customer.id, new Date(Date.now() - 3_600_000))).toBe(true);
    expect(await bankAccountChangedWithin(db, customer.id, new Date(Date.now() + 60_000))).toBe(false);

    // Everything on the case, and the step after the end is refused.
    const onCase = await get(rep, `/cases/${change.caseNumber}/account-changes`);
    expect(onCase.json().items.map((c: { id: string }) => c.id)).toEqual([change.id]);
    expectProblem(
      await post(sup, `/account-changes/${change.id}/approve`, { version: 3 }),
      409,
      'account_change_closed',
    );
  });

  it('a representative who took the request on the phone and verified it cannot approve it; a colleague can', async () => {
    const { customer } = await customerWithLogin();
    const asked = await post(rep, `/customers/${customer.id}/account-changes`, {
      field: 'bank_account',
      newValue: {
        scheme: 'se_account',
        clearingNumber: '3300',
        accountNumber: '850709-9805',
        holderName: 'Anna L',
      },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const change = asked.json();
    expect((await caseOf(change.caseId)).channel).toBe('phone');
    const verified = await post(rep, `/account-changes/${change.id}/verification`, {
      method: 'callback_known_number',
      version: 1,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const byRequester = expectProblem(
      await post(rep, `/account-changes/${change.id}/approve`, { version: 2 }),
      403,
      'four_eyes_required',
    );
    expect(byRequester.detail).toMatch(/asked for this change/);
    const approved = await post(rep2, `/account-changes/${change.id}/approve`, { version: 2 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().newValue).toMatchObject({ display: '3300, 850709-9805' });
  });

  it('the database refuses an approval by the requester whatever the code does', async () => {
    const { customer, session } = await customerWithLogin();
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    await post(rep, `/account-changes/${change.id}/verification`, { method: 'in_person', version: 1 });
    const { db } = await testDatabase();
    await expect(
      db
        .updateTable('account_change_requests')
        .set({ status: 'applied', decided_by: rep.userId, decided_at: new Date(), applied_at: new Date() })
        .where('id', '=', change.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      db
        .updateTable('account_change_requests')
        .set({
          status: 'applied',
          decided_by: session.userId,
          decided_at: new Date(),
          applied_at: new Date(),
        })
        .where('id', '=', change.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses an invalid IBAN with 422 and the field path, writing nothing', async () => {
    const { customer, session } = await customerWithLogin();
    const res = await post(
      session,
      `/customers/${customer.id}/account-changes`,
      ibanChange('SE45 5000 0000 0583 9825 746'),
    );
    const problem = expectProblem(res, 422, 'bank_account_invalid');
    expect(fieldErrors(problem)).toEqual([
      { path: ['newValue', 'iban'], pointer: '/newValue/iban', code: 'iban_length' },
    ]);
    expect(problem.detail).toBe('A SE IBAN has 24 characters; this one has 23.');

    const badCheck = expectProblem(
      await post(
        session,
        `/customers/${customer.id}/account-changes`,
        ibanChange('SE46 5000 0000 0583 9825 7466'),
      ),
      422,
      'bank_account_invalid',
    );
    expect(fieldErrors(badCheck)[0]).toMatchObject({ path: ['newValue', 'iban'], code: 'iban_check_digits' });

    const badGiro = expectProblem(
      await post(session, `/customers/${customer.id}/account-changes`, {
        field: 'bank_account',
        newValue: { scheme: 'bankgiro', accountNumber: '5050-1056', holderName: 'Anna' },
      }),
      422,
      'bank_account_invalid',
    );
    expect(fieldErrors(badGiro)[0]).toMatchObject({
      path: ['newValue', 'accountNumber'],
      code: 'bankgiro_check_digit',
    });

    const { db } = await testDatabase();
    const written = await db
      .selectFrom('service_cases')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(written).toEqual([]);
  });

  it('one pending change per field: a second one is 409 naming the first', async () => {
    const { customer, session } = await customerWithLogin();
    const first = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    const again = expectProblem(
      await post(
        rep,
        `/customers/${customer.id}/account-changes`,
        ibanChange('IT60 X054 2811 1010 0000 0123 456'),
      ),
      409,
      'account_change_pending',
    );
    expect(again).toMatchObject({
      accountChangeId: first.id,
      caseNumber: first.caseNumber,
      changeStatus: 'pending_verification',
    });
    // Another field is not blocked.
    const phone = await post(session, `/customers/${customer.id}/account-changes`, {
      field: 'phone',
      newValue: '+46 70 765 43 21',
    });
    expect(phone.statusCode, phone.body).toBe(201);
  });

  it('two requests racing for the same field: one is recorded, the other is 409', async () => {
    const { customer, session } = await customerWithLogin();
    const results = await Promise.all([
      post(session, `/customers/${customer.id}/account-changes`, ibanChange()),
      post(rep, `/customers/${customer.id}/account-changes`, ibanChange('IT60 X054 2811 1010 0000 0123 456')),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('account_change_requests')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a stale version is 409 and changes nothing', async () => {
    const { customer, session } = await customerWithLogin();
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    expect(
      (await post(rep, `/account-changes/${change.id}/verification`, { method: 'in_person', version: 1 }))
        .statusCode,
    ).toBe(200);
    expectProblem(
      await post(sup, `/account-changes/${change.id}/approve`, { version: 1 }),
      409,
      'version_conflict',
    );
    expectProblem(
      await post(rep, `/account-changes/${change.id}/verification`, { method: 'in_person', version: 2 }),
      409,
      'account_change_already_verified',
    );
    const { db } = await testDatabase();
    expect(await currentBankAccount(db, customer.id)).toMatchObject({ scheme: 'bankgiro' });
  });

  it('BankID verification needs its reference', async () => {
    const { customer, session } = await customerWithLogin();
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    const problem = expectProblem(
      await post(rep, `/account-changes/${change.id}/verification`, { method: 'bankid', version: 1 }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(problem)).toEqual([{ path: ['reference'], pointer: '/reference', code: 'required' }]);
    expectProblem(
      await post(session, `/account-changes/${change.id}/verification`, { method: 'in_person', version: 1 }),
      403,
      'forbidden',
    );
  });

  it('a rejected change never applies; the reason stays internal; the case resolves', async () => {
    const { customer, session } = await customerWithLogin();
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    const rejected = await post(sup, `/account-changes/${change.id}/reject`, {
      reason: 'The caller could not answer the security questions.',
      version: 1,
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', caseStatus: 'resolved' });
    const seen = (await get(session, `/account-changes/${change.id}`)).json();
    expect(seen).toMatchObject({ status: 'rejected', rejectionReason: null });
    const notice = await notices(customer.id, 'account_change.bank_account_not_changed');
    expect(notice).toHaveLength(1);
    expect(notice[0]?.body).not.toContain('security questions');
    const { db } = await testDatabase();
    expect(await currentBankAccount(db, customer.id)).toMatchObject({ scheme: 'bankgiro' });
    expectProblem(
      await post(sup, `/account-changes/${change.id}/approve`, { version: 2 }),
      409,
      'account_change_closed',
    );
  });

  it('only the requester cancels', async () => {
    const { customer, session } = await customerWithLogin({ account: false });
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    expect(change.oldValue).toBeNull();
    expectProblem(await post(rep, `/account-changes/${change.id}/cancel`, { version: 1 }), 403, 'forbidden');
    const cancelled = await post(session, `/account-changes/${change.id}/cancel`, { version: 1 });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', caseStatus: 'resolved' });
    // Once ended, a new change of the same field may be asked for.
    expect((await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).statusCode).toBe(
      201,
    );
  });
});

describe('contact changes', () => {
  it('an address change applies at once, with history, and the old address gets a letter', async () => {
    const { customer, session } = await customerWithLogin();
    const newAddress = { street: 'Vasagatan 7', postalCode: '411 24', city: 'Göteborg', country: 'SE' };
    const res = await post(session, `/customers/${customer.id}/account-changes`, {
      field: 'address',
      newValue: newAddress,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'applied',
      oldValue: OLD_ADDRESS,
      newValue: newAddress,
      caseStatus: 'resolved',
    });

    const { db } = await testDatabase();
    const row = await db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.address).toEqual(newAddress);
    expect(row.version).toBe(customer.version + 1);
    const history = await db
      .selectFrom('customer_contact_history')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .execute();
    expect(history).toMatchObject([
      {
        field: 'address',
        old_value: OLD_ADDRESS,
        new_value: newAddress,
        change_request_id: res.json().id,
        changed_by: session.userId,
      },
    ]);
    const letter = await notices(customer.id, 'account_change.address_changed');
    expect(letter.map((n) => [n.channel, n.recipient])).toEqual([['letter', { address: OLD_ADDRESS }]]);
    expect(await notices(customer.id, 'account_change.contact_updated')).toHaveLength(1);
  });

  it('an email change is told to the OLD email', async () => {
    const { customer, session, email } = await customerWithLogin();
    const res = await post(rep, `/customers/${customer.id}/account-changes`, {
      field: 'email',
      newValue: `Anna.New.${uniqueSuffix()}@Example.se`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const newEmail = res.json().newValue as string;
    expect(newEmail).toBe(newEmail.toLowerCase());
    const { db } = await testDatabase();
    const row = await db
      .selectFrom('customers')
      .select('email')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(newEmail);
    const told = await notices(customer.id, 'account_change.email_changed');
    expect(told.map((n) => [n.channel, n.recipient])).toEqual([['email', { email }]]);
    expect(told[0]?.subject).toBe('E-postadressen på ditt konto har ändrats');

    // A later bank-account change is told to the email the customer had before, too.
    const change = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    await post(rep, `/account-changes/${change.id}/verification`, { method: 'in_person', version: 1 });
    expect((await post(sup, `/account-changes/${change.id}/approve`, { version: 2 })).statusCode).toBe(200);
    const warned = await notices(customer.id, 'account_change.bank_account_changed');
    expect(warned.filter((n) => n.channel === 'email').map((n) => n.recipient)).toEqual([
      { email: newEmail },
      { email },
    ]);
  });

  it('language and phone changes apply; the same value again is refused', async () => {
    const { customer, session } = await customerWithLogin();
    const lang = await post(session, `/customers/${customer.id}/account-changes`, {
      field: 'preferred_language',
      newValue: 'en',
    });
    expect(lang.statusCode, lang.body).toBe(201);
    // The confirmation is in the language just chosen.
    const [confirmation] = await notices(customer.id, 'account_change.contact_updated');
    expect(confirmation).toMatchObject({ language: 'en', subject: 'Your details have been updated' });
    const same = expectProblem(
      await post(session, `/customers/${customer.id}/account-changes`, {
        field: 'preferred_language',
        newValue: 'en',
      }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(same)).toEqual([{ path: ['newValue'], pointer: '/newValue', code: 'unchanged' }]);
    const badPhone = expectProblem(
      await post(session, `/customers/${customer.id}/account-changes`, {
        field: 'phone',
        newValue: '070-123',
      }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(badPhone)[0]?.path).toEqual(['newValue']);
  });
});

describe('scoping, retries and cases', () => {
  it('a customer asking for another customer gets 404', async () => {
    const mine = await customerWithLogin();
    const theirs = await customerWithLogin();
    expectProblem(
      await post(mine.session, `/customers/${theirs.customer.id}/account-changes`, ibanChange()),
      404,
      'not_found',
    );
    expectProblem(
      await get(mine.session, `/customers/${theirs.customer.id}/bank-accounts`),
      404,
      'not_found',
    );
    const change = (
      await post(theirs.session, `/customers/${theirs.customer.id}/account-changes`, ibanChange())
    ).json();
    expectProblem(await get(mine.session, `/account-changes/${change.id}`), 404, 'not_found');
    expectProblem(
      await post(mine.session, `/account-changes/${change.id}/cancel`, { version: 1 }),
      404,
      'not_found',
    );
    expectProblem(await get(mine.session, `/cases/${change.caseNumber}/account-changes`), 404, 'not_found');
  });

  it('a retry with the same Idempotency-Key returns the first response and writes nothing', async () => {
    const { customer, session } = await customerWithLogin();
    const key = `retry-${uniqueSuffix()}`;
    const body = { field: 'email', newValue: `retry.${uniqueSuffix()}@example.se` };
    const first = await post(session, `/customers/${customer.id}/account-changes`, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(session, `/customers/${customer.id}/account-changes`, body, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('account_change_requests')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(rows).toHaveLength(1);
    expectProblem(
      await post(
        session,
        `/customers/${customer.id}/account-changes`,
        { ...body, newValue: 'other@example.se' },
        key,
      ),
      409,
      'idempotency_key_reused',
    );
  });

  it('records on a given account_change case, and refuses a case of another kind', async () => {
    const { customer, session } = await customerWithLogin();
    const { db } = await testDatabase();
    const actor = systemActor('test');
    const inquiry = await db.transaction().execute(
      async (trx) =>
        (
          await openServiceCaseInTransaction(trx, {
            customerId: customer.id,
            kind: 'general_inquiry',
            subject: 'Question',
            description: 'A question',
            channel: 'phone',
            actor,
          })
        ).serviceCase,
    );
    const wrong = expectProblem(
      await post(session, `/customers/${customer.id}/account-changes`, {
        ...ibanChange(),
        caseRef: inquiry.case_number,
      }),
      422,
      'case_kind_mismatch',
    );
    expect(fieldErrors(wrong)[0]?.path).toEqual(['caseRef']);

    const bank = (await post(session, `/customers/${customer.id}/account-changes`, ibanChange())).json();
    const phone = await post(session, `/customers/${customer.id}/account-changes`, {
      field: 'phone',
      newValue: '+46707654321',
      caseRef: bank.caseNumber,
    });
    expect(phone.statusCode, phone.body).toBe(201);
    // The phone change applied, but the bank change on the same case is still pending: the case stays open.
    expect(phone.json()).toMatchObject({ caseId: bank.caseId, status: 'applied', caseStatus: 'open' });
    const listed = await get(session, `/cases/${bank.caseNumber}/account-changes`);
    expect(listed.json().items.map((c: { field: string }) => c.field)).toEqual(['bank_account', 'phone']);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from service_cases where customer_id = ${customer.id}`.execute(db);
    expect(count.rows[0]?.n).toBe(2);
  });
});
