import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeProduct } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// Assessments are re-explained from the product version they used, so its terms must never
// change after it is saved; the database itself refuses.

describe('product versions are immutable contracts', () => {
  it('refuses to change the configuration or the date in force, or to delete a version', async () => {
    const { db } = await testDatabase();
    const { version } = await makeProduct(db);
    await expect(
      sql`UPDATE product_versions SET config = '{"covers":[]}'::jsonb WHERE id = ${version.id}`.execute(db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`UPDATE product_versions SET effective_from = '2019-01-01' WHERE id = ${version.id}`.execute(db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM product_versions WHERE id = ${version.id}`.execute(db)).rejects.toThrow(
      /never deleted/,
    );
    const row = await db
      .selectFrom('product_versions')
      .select(['config', 'effective_from'])
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    expect(row.effective_from).toBe(version.effectiveFrom);
    expect(row.config).toEqual(version.config);
  });

  it('still lets the status move (draft → active → retired) and the end date be set', async () => {
    const { db } = await testDatabase();
    const { version } = await makeProduct(db, { status: 'draft' });
    await db
      .updateTable('product_versions')
      .set({ status: 'active', effective_to: '2030-01-01' })
      .where('id', '=', version.id)
      .execute();
    await db
      .updateTable('product_versions')
      .set({ status: 'retired' })
      .where('id', '=', version.id)
      .execute();
    const row = await db
      .selectFrom('product_versions')
      .select(['status', 'effective_to'])
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'retired', effective_to: '2030-01-01' });
  });
});
