import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { makeProduct } from '../support/factories.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { testDatabase } from '../support/test-database.ts';

// The report copies (migration 20261122010000_report_facts): a decision and a payment carry their
// claim's product and registration instant, a payment its decision's instant, written by the
// database whatever the writer sent, and following their sources when those change. The reports
// read only the copies, so a copy that drifted would be a wrong figure nobody sees.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

type Facts = { product_id: string | null; claim_registered_at: Date | null; decided_at?: Date | null };

async function factsOf(scenario: { decisionId: string; payment: { id: string } }) {
  const decision = (
    await sql<Facts>`
    SELECT product_id, claim_registered_at FROM claim_decisions WHERE id = ${scenario.decisionId}`.execute(
      database.db,
    )
  ).rows[0];
  const payment = (
    await sql<Facts>`
    SELECT product_id, claim_registered_at, decided_at FROM payment_orders WHERE id = ${scenario.payment.id}`.execute(
      database.db,
    )
  ).rows[0];
  return { decision, payment };
}

async function sourcesOf(claimId: string, decisionId: string) {
  return (
    await sql<{ product_id: string; registered_at: Date; decided_at: Date }>`
      SELECT pol.product_id, c.registered_at, d.decided_at
      FROM claims c JOIN policies pol ON pol.id = c.policy_id JOIN claim_decisions d ON d.id = ${decisionId}
      WHERE c.id = ${claimId}`.execute(database.db)
  ).rows[0] as { product_id: string; registered_at: Date; decided_at: Date };
}

describe('report copies on decisions and payments', () => {
  it('are written on insert from the claim, its policy and the decision', async () => {
    const s = await paymentScenario(database.db, { status: 'settled' });
    const src = await sourcesOf(s.claimId, s.decisionId);
    const { decision, payment } = await factsOf(s);
    expect(decision).toEqual({ product_id: src.product_id, claim_registered_at: src.registered_at });
    expect(payment).toEqual({
      product_id: src.product_id,
      claim_registered_at: src.registered_at,
      decided_at: src.decided_at,
    });
  });

  it('ignore what a writer sends and follow their sources when those change', async () => {
    const s = await paymentScenario(database.db, { status: 'settled' });
    const { product: other } = await makeProduct(database.db);
    // A writer that sends its own values (raw SQL gets past the schema's types) is overruled.
    await sql`UPDATE payment_orders SET claim_id = claim_id, product_id = ${other.id} WHERE id = ${s.payment.id}`.execute(
      database.db,
    );
    const before = await sourcesOf(s.claimId, s.decisionId);
    expect((await factsOf(s)).payment?.product_id).toBe(before.product_id);

    // The demo seed backdates registrations; a decision's instant and a policy's product could be
    // corrected by hand. Each change reaches the copies in the same statement.
    const registered = new Date(before.registered_at.getTime() - 5 * 86_400_000);
    const decided = new Date(before.decided_at.getTime() - 86_400_000);
    await database.db
      .updateTable('claims')
      .set({ registered_at: registered })
      .where('id', '=', s.claimId)
      .execute();
    await database.db
      .updateTable('claim_decisions')
      .set({ decided_at: decided })
      .where('id', '=', s.decisionId)
      .execute();
    // No use case moves a policy to another product (the schema's types do not allow it either).
    await sql`UPDATE policies SET product_id = ${other.id} WHERE id = ${s.policyId}`.execute(database.db);

    const { decision, payment } = await factsOf(s);
    expect(decision).toEqual({ product_id: other.id, claim_registered_at: registered });
    expect(payment).toEqual({ product_id: other.id, claim_registered_at: registered, decided_at: decided });
  });
});
