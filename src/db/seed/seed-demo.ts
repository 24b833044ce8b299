import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export async function seedDemo(_db: Kysely<DB>): Promise<Record<string, number>> {
  return {};
}
