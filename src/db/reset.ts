import type { Database } from './connection.ts';

/** Drops every table (and the audit trail with it) by recreating the public schema. Demo/dev only. */
export async function resetDatabase(database: Database): Promise<void> {
  await database.execScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
}
