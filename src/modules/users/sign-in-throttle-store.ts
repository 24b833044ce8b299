import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { systemActor } from './actor.ts';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  admit,
  complete,
  isThrottledAddress,
  type ThrottlePolicy,
  type ThrottleState,
} from './sign-in-throttle.ts';

// The throttle's rows live in PostgreSQL so that every server process counts the same attempts.
// Each step locks the attempt's rows (account, then address: one order, so no deadlock), which is
// what makes the in-flight bound hold under concurrent guessing.

type Key = { key: string; scope: 'account' | 'address'; policy: ThrottlePolicy };
type Who = { email: string; address?: string; now?: Date };

/** The account's key, then the client address's (none for loopback and in-process callers). */
function keysFor(email: string, address: string | undefined): Key[] {
  // The email is hashed whether or not an account has it: the table must not list who exists,
  // nor keep the addresses an attacker typed.
  const emailHash = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  const account: Key = { key: `account:${emailHash}`, scope: 'account', policy: ACCOUNT_POLICY };
  if (address === undefined || !isThrottledAddress(address)) return [account];
  return [account, { key: `address:${address}`, scope: 'address', policy: ADDRESS_POLICY }];
}

async function lockRow(trx: Transaction<DB>, key: string, now: Date) {
  await trx
    .insertInto('sign_in_throttles')
    .values({ key, id: newId(), window_started_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return trx
    .selectFrom('sign_in_throttles')
    .selectAll()
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

type Row = Awaited<ReturnType<typeof lockRow>>;

const date = (d: Date | string | null) => (d === null ? null : new Date(d));

function stateOf(row: Row): ThrottleState {
  return {
    failures: row.failures,
    windowStartedAt: new Date(row.window_started_at),
    lockedUntil: date(row.locked_until),
    lockouts: row.lockouts,
    inFlight: row.in_flight,
    lastAdmittedAt: date(row.last_admitted_at),
  };
}

async function save(trx: Transaction<DB>, key: string, s: ThrottleState, now: Date) {
  await trx
    .updateTable('sign_in_throttles')
    .set({
      failures: s.failures,
      window_started_at: s.windowStartedAt,
      locked_until: s.lockedUntil,
      lockouts: s.lockouts,
      in_flight: s.inFlight,
      last_admitted_at: s.lastAdmittedAt,
      updated_at: now,
    })
    .where('key', '=', key)
    .execute();
}

/**
 * Admits one sign-in attempt to the password check, or refuses it with the time to wait (a lock,
 * or too many attempts of the same key in flight). A refused attempt changes nothing.
 */
export async function admitSignIn(
  db: Kysely<DB>,
  who: Who,
): Promise<{ admitted: true } | { admitted: false; retryAfterMs: number }> {
  const now = who.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const decided = [];
    for (const k of keysFor(who.email, who.address)) {
      const row = await lockRow(trx, k.key, now);
      decided.push({ k, admission: admit(stateOf(row), k.policy, now) });
    }
    const refused = decided.flatMap((d) =>
      d.admission.outcome === 'admitted' ? [] : [d.admission.retryAfterMs],
    );
    if (refused.length > 0) return { admitted: false as const, retryAfterMs: Math.max(...refused) };
    for (const d of decided) await save(trx, d.k.key, d.admission.next, now);
    return { admitted: true as const };
  });
}

/** An admitted attempt has finished: count a failure (locking and auditing at the limit) or reset. */
export async function finishSignIn(db: Kysely<DB>, who: Who & { succeeded: boolean }): Promise<void> {
  const now = who.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    for (const k of keysFor(who.email, who.address)) {
      const row = await lockRow(trx, k.key, now);
      const done = complete(stateOf(row), k.policy, now, {
        succeeded: who.succeeded,
        resetOnSuccess: k.scope === 'account',
      });
      await save(trx, k.key, done.next, now);
      if (!done.lockedNow) continue;
      const user =
        k.scope === 'account'
          ? await trx
              .selectFrom('users')
              .select(['id'])
              .where((eb) => eb(eb.fn('lower', ['email']), '=', who.email.trim().toLowerCase()))
              .executeTakeFirst()
          : undefined;
      await recordAuditEvent(trx, {
        actor: systemActor('sign-in throttle'),
        action: 'sign_in.locked',
        entityType: 'sign_in_throttle',
        entityId: row.id,
        customerId: null,
        data: {
          scope: k.scope,
          userId: user?.id ?? null,
          address: who.address ?? null,
          lockedUntil: done.next.lockedUntil?.toISOString() ?? null,
          lockouts: done.next.lockouts,
        },
      });
    }
  });
}
