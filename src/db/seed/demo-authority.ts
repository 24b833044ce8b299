import type { Transaction } from 'kysely';
import { newId } from '../../lib/ids.ts';
import type { AuthorityLimitsTable, DB } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';

// Authority limits of the demo: what each role (and one named user) may decide per product, so a
// walkthrough shows both a representative deciding and a claim escalating to the supervisor.
// Administrators have no rows: they configure, they do not decide claims. Amounts in minor units.

export type DemoAuthorityLimit = {
  /** A role's row, or (with `email`) one user's own row, which replaces their role's. */
  role?: NonNullable<AuthorityLimitsTable['role']>;
  email?: string;
  productCode: string | null;
  currency: 'SEK' | 'EUR';
  maxAmountMinor: number;
  causes?: string[];
  mayDeny?: boolean;
  ownRegistrationMaxMinor: number;
};

export const DEMO_AUTHORITY_LIMITS: readonly DemoAuthorityLimit[] = [
  // Representatives: 30 000 SEK per Swedish product (5 000 SEK on a claim they registered), 3 000 EUR in Italy.
  {
    role: 'representative',
    productCode: 'SE-TRAVEL',
    currency: 'SEK',
    maxAmountMinor: 3_000_000,
    ownRegistrationMaxMinor: 500_000,
  },
  {
    role: 'representative',
    productCode: 'SE-SICKNESS',
    currency: 'SEK',
    maxAmountMinor: 3_000_000,
    ownRegistrationMaxMinor: 500_000,
  },
  {
    role: 'representative',
    productCode: 'IT-HEALTH',
    currency: 'EUR',
    maxAmountMinor: 300_000,
    ownRegistrationMaxMinor: 50_000,
  },
  // A newer colleague: lower travel limit, illness and accident only, no denials without a supervisor.
  {
    email: `rep2.se@${DEMO_EMAIL_DOMAIN}`,
    productCode: 'SE-TRAVEL',
    currency: 'SEK',
    maxAmountMinor: 1_000_000,
    causes: ['illness', 'accident'],
    mayDeny: false,
    ownRegistrationMaxMinor: 200_000,
  },
  // Supervisors: any product, ten times the representatives' limits.
  {
    role: 'supervisor',
    productCode: null,
    currency: 'SEK',
    maxAmountMinor: 30_000_000,
    ownRegistrationMaxMinor: 5_000_000,
  },
  {
    role: 'supervisor',
    productCode: null,
    currency: 'EUR',
    maxAmountMinor: 3_000_000,
    ownRegistrationMaxMinor: 500_000,
  },
];

/**
 * Inserts DEMO_AUTHORITY_LIMITS. `usersByEmail` maps a demo login's email to its user id (rows for
 * a user not in the map are skipped). Returns the number of rows inserted.
 */
export async function seedAuthorityLimits(
  trx: Transaction<DB>,
  usersByEmail: ReadonlyMap<string, string>,
): Promise<number> {
  const rows = DEMO_AUTHORITY_LIMITS.flatMap((l) => {
    const userId = l.email ? usersByEmail.get(l.email) : undefined;
    if (l.email && !userId) return [];
    return [
      {
        id: newId(),
        role: userId ? null : (l.role ?? null),
        user_id: userId ?? null,
        product_code: l.productCode,
        currency: l.currency,
        max_amount_minor: l.maxAmountMinor,
        causes: l.causes ?? null,
        may_deny: l.mayDeny ?? true,
        own_registration_max_minor: l.ownRegistrationMaxMinor,
      },
    ];
  });
  if (rows.length > 0) await trx.insertInto('authority_limits').values(rows).execute();
  return rows.length;
}
