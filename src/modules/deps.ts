import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Config } from '../server/config.ts';

/** What a module's routes receive from the server: nothing global, everything passed in. */
export type ModuleDeps = { db: Kysely<DB>; config: Config };
