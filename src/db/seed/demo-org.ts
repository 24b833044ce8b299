import type { Transaction } from 'kysely';
import type { DB, Language } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';

// The demo organisation around the desk: two teams, each handling its country's products; the
// reporting line (representative → team supervisor → claims manager) that deadline escalations
// follow; and the languages each representative serves customers in (assignment matches them).

export const DEMO_TEAMS = [
  {
    code: 'SE',
    name: 'Skadeteam Sverige',
    department: 'claims',
    country: 'SE',
    productCodes: ['SE-TRAVEL', 'SE-SICKNESS'],
  },
  {
    code: 'IT',
    name: 'Team sinistri Italia',
    department: 'claims',
    country: 'IT',
    productCodes: ['IT-HEALTH'],
  },
] as const;

const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

/** local part → [manager's local part, languages served] */
const REPORTING: Record<string, [string | null, Language[]]> = {
  'rep.se': ['supervisor.se', ['sv', 'en']],
  'rep2.se': ['supervisor.se', ['sv']],
  'rep.it': ['supervisor.it', ['it', 'en']],
  'rep2.it': ['supervisor.it', ['it']],
  'supervisor.se': ['manager', ['sv', 'en']],
  'supervisor.it': ['manager', ['it', 'en']],
  manager: [null, ['sv', 'it', 'en']],
};

export async function seedOrganisation(
  trx: Transaction<DB>,
  usersByEmail: ReadonlyMap<string, string>,
): Promise<void> {
  await trx
    .insertInto('teams')
    .values(
      DEMO_TEAMS.map((t) => ({
        code: t.code,
        name: t.name,
        department: t.department,
        country: t.country,
        product_codes: [...t.productCodes],
      })),
    )
    .execute();
  for (const [local, [manager, languages]] of Object.entries(REPORTING)) {
    const id = usersByEmail.get(email(local));
    if (!id) throw new Error(`demo organisation: no user ${local}`);
    await trx
      .updateTable('users')
      .set({ manager_id: manager ? (usersByEmail.get(email(manager)) ?? null) : null, languages })
      .where('id', '=', id)
      .execute();
  }
}
