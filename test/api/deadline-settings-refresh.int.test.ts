import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import {
  applyAdminDeadlineSettings,
  keepDeadlineSettingsFresh,
} from '../../src/modules/admin-config/admin-deadline-settings.ts';
import { deadlinePolicy } from '../../src/modules/deadlines/index.ts';
import { testDatabase } from '../support/test-database.ts';

// Another process's edit (a second server, or the admin screen behind another node) reaches this
// process through the periodic refresh, and a database that is down does not stop a process.

const CODE = 'internal.case_answer';

describe('keepDeadlineSettingsFresh', () => {
  it("applies a setting stored by another process, and puts it back when it's removed", async () => {
    const { db } = await testDatabase();
    const before = deadlinePolicy(CODE).clock;
    const amount = before.amount === 9 ? 8 : 9;
    const unit = before.unit === 'business_hours' ? 'business_hours' : 'business_days';
    const previous = await sql<{ code: string }>`
      SELECT code FROM deadline_policy_settings WHERE code = ${CODE}`.execute(db);
    expect(previous.rows).toEqual([]); // another test file left a setting behind: nothing to compare with
    const log = { warn: () => {} };
    try {
      await sql`INSERT INTO deadline_policy_settings (code, clock_unit, clock_amount) VALUES (${CODE}, ${unit}, ${amount})`.execute(
        db,
      );
      const fresh = keepDeadlineSettingsFresh(db, log, 60_000);
      await fresh.ready;
      fresh.stop();
      expect(deadlinePolicy(CODE).clock).toEqual({ unit, amount });
    } finally {
      await sql`DELETE FROM deadline_policy_settings WHERE code = ${CODE}`.execute(db);
      await applyAdminDeadlineSettings(db);
    }
    expect(deadlinePolicy(CODE).clock).toEqual(before);
  });

  it('logs and keeps the settings it has when the database is down', async () => {
    const before = deadlinePolicy(CODE).clock;
    const down = {
      withTables: () => {
        throw new Error('connection refused');
      },
    } as unknown as Kysely<DB>;
    const warnings: string[] = [];
    const fresh = keepDeadlineSettingsFresh(down, { warn: (_obj, msg) => warnings.push(msg) }, 60_000);
    await fresh.ready;
    fresh.stop();
    expect(warnings).toEqual(['deadline settings could not be read; counting with the last ones applied']);
    expect(deadlinePolicy(CODE).clock).toEqual(before);
  });
});
