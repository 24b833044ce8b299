import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors.ts';
import { createCustomer } from '../../src/modules/customers/index.ts';
import { createPolicy } from '../../src/modules/policies/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, makeProduct, swedishCustomerInput } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// The CLI, importers and the seed call use cases directly, without the HTTP schemas in front.
// The use cases must enforce the same rules and report the same field paths.

const actor = systemActor('test');

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('use cases validate their own input', () => {
  it('createCustomer rejects a bad email and phone with field paths', async () => {
    const { db } = await testDatabase();
    const error = await refusal(
      createCustomer({ db, actor, input: swedishCustomerInput({ email: 'not-an-email', phone: '12' }) }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.errors.map((e) => e.path[0]).sort()).toEqual(['email', 'phone']);
  });

  it('createPolicy rejects a negative premium', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const { version } = await makeProduct(db);
    const error = await refusal(
      createPolicy({
        db,
        actor,
        input: {
          customerId: customer.id,
          productVersionId: version.id,
          startsOn: '2026-01-01',
          endsOn: '2027-01-01',
          premiumSchedule: { frequency: 'monthly', amountMinor: -5 },
          insuredPersons: [],
        },
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.errors[0]?.path).toEqual(['premiumSchedule', 'amountMinor']);
  });

  it('createPolicy refuses a start date before the product version takes effect', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const { version } = await makeProduct(db); // effective from 2020-01-01
    const error = await refusal(
      createPolicy({
        db,
        actor,
        input: {
          customerId: customer.id,
          productVersionId: version.id,
          startsOn: '2019-06-01',
          endsOn: '2020-06-01',
          premiumSchedule: { frequency: 'annual', amountMinor: 120_000 },
          insuredPersons: [],
        },
      }),
    );
    expect(error.code).toBe('policy_period_invalid');
    expect(error.errors[0]).toMatchObject({ path: ['startsOn'], code: 'outside_product_version' });
  });
});
