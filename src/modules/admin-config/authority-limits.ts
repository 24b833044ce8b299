import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuthorityLimitsTable, DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { AuthorityLimitPatch, AuthorityLimitView } from './authority-limit-schemas.ts';

type Terms = {
  maxAmountMinor: number;
  ownRegistrationMaxMinor: number;
  causes: string[] | null;
  mayDeny: boolean;
};

/**
 * The row's version is a digest of its editable terms. The table has no version column, and a
 * digest needs no migration: an edit based on terms that have since changed is refused all the
 * same (a change and its exact reversal in between is harmless, since the edit then starts from
 * what is in force).
 */
function versionOf(t: Terms): string {
  return createHash('sha256').update(canonicalJson(t)).digest('hex').slice(0, 16);
}

type Row = Pick<
  AuthorityLimitsTable,
  'id' | 'role' | 'user_id' | 'product_code' | 'currency' | 'max_amount_minor' | 'causes'
> & { may_deny: boolean; own_registration_max_minor: number };

function termsOf(r: Row): Terms {
  return {
    maxAmountMinor: Number(r.max_amount_minor),
    ownRegistrationMaxMinor: Number(r.own_registration_max_minor),
    causes: r.causes,
    mayDeny: r.may_deny,
  };
}

function selectLimits(db: Executor) {
  return db
    .selectFrom('authority_limits as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.role',
      'a.user_id',
      'a.product_code',
      'a.currency',
      'a.max_amount_minor',
      'a.own_registration_max_minor',
      'a.causes',
      'a.may_deny',
      'u.display_name',
      'u.email',
      'u.role as user_role',
    ]);
}

type Selected = Row & { display_name: string | null; email: string | null; user_role: string | null };

function toView(r: Selected): AuthorityLimitView {
  const terms = termsOf(r);
  return {
    id: r.id,
    role: r.role,
    user:
      r.user_id && r.display_name !== null
        ? { id: r.user_id, displayName: r.display_name, email: r.email ?? '', role: r.user_role ?? '' }
        : null,
    productCode: r.product_code,
    currency: r.currency,
    ...terms,
    version: versionOf(terms),
  };
}

/** Every authority limit: role rows first, then users' own rows, each by product and currency. */
export async function listAuthorityLimits(opts: {
  db: Kysely<DB>;
  actor: Actor;
}): Promise<AuthorityLimitView[]> {
  assertCan(opts.actor, 'settings:read');
  const rows = await selectLimits(opts.db)
    .orderBy((eb) => eb.fn.coalesce('a.role', eb.val('~')))
    .orderBy('u.display_name')
    .orderBy('a.product_code')
    .orderBy('a.currency')
    .execute();
  return rows.map((r) => toView(r as Selected));
}

/** Changes a limit's terms if it is still as the editor read it; audited with before and after. */
export async function updateAuthorityLimit(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: AuthorityLimitPatch;
}): Promise<AuthorityLimitView> {
  assertCan(opts.actor, 'authority_limits:manage');
  const { input } = opts;
  return inTransaction(opts.db, async (trx) => {
    const row = (await selectLimits(trx).where('a.id', '=', opts.id).forUpdate('a').executeTakeFirst()) as
      | Selected
      | undefined;
    if (!row) throw new AppError('not_found', 'No such authority limit.');
    const before = termsOf(row);
    if (versionOf(before) !== input.version) {
      throw new AppError(
        'version_conflict',
        'The authority limit changed since you read it; reload and retry.',
      );
    }
    const after: Terms = {
      maxAmountMinor: input.maxAmountMinor ?? before.maxAmountMinor,
      ownRegistrationMaxMinor: input.ownRegistrationMaxMinor ?? before.ownRegistrationMaxMinor,
      causes: input.causes === undefined ? before.causes : input.causes,
      mayDeny: input.mayDeny ?? before.mayDeny,
    };
    // A claim they registered themselves is the riskier case, so its cap can never be the higher.
    if (after.ownRegistrationMaxMinor > after.maxAmountMinor) {
      throw new AppError(
        'validation_failed',
        'The own-registration maximum cannot exceed the maximum amount.',
        {
          errors: [
            {
              in: 'body',
              path: ['ownRegistrationMaxMinor'],
              code: 'above_max_amount',
              message: 'Must not exceed maxAmountMinor.',
            },
          ],
        },
      );
    }
    await trx
      .updateTable('authority_limits')
      .set({
        max_amount_minor: after.maxAmountMinor,
        own_registration_max_minor: after.ownRegistrationMaxMinor,
        causes: after.causes,
        may_deny: after.mayDeny,
      })
      .where('id', '=', opts.id)
      .execute();
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'authority_limit.updated',
      entityType: 'authority_limit',
      entityId: opts.id,
      customerId: null,
      data: {
        role: row.role,
        userId: row.user_id,
        productCode: row.product_code,
        currency: row.currency,
        before,
        after,
      },
    });
    return toView({
      ...row,
      max_amount_minor: after.maxAmountMinor,
      own_registration_max_minor: after.ownRegistrationMaxMinor,
      causes: after.causes,
      may_deny: after.mayDeny,
    });
  });
}
