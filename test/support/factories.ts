import { randomInt } from 'node:crypto';
import type { Executor } from '../../src/db/transaction.ts';
import { newId } from '../../src/lib/ids.ts';
import { generateItalianFiscalCode, generateSwedishPersonalNumber } from '../../src/lib/national-id/index.ts';
import { type CustomerInput, createCustomer } from '../../src/modules/customers/index.ts';
import { createPolicy, type NewPolicy, recordPremiumPayment } from '../../src/modules/policies/index.ts';
import { createProduct, createProductVersion } from '../../src/modules/products/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';

// Factories for integration tests. Values are random (not seeded) so that repeated runs against
// the same PostgreSQL database never collide on unique columns.

const actor = systemActor('test-factory');

function randomBirthDate(): string {
  const y = 1940 + randomInt(0, 65);
  const m = 1 + randomInt(0, 12);
  const d = 1 + randomInt(0, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// A worker's test files share one database (integration isolate: false), and a random number from
// ~4 million Swedish ones repeats among a few thousand customers often enough to fail a run now and
// then (customer_national_id_exists). Numbers handed out in this process are never handed out again.
const issued = new Set<string>();
function unused(draw: () => string): string {
  for (;;) {
    const id = draw();
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

export function randomPersonnummer(): string {
  return unused(() =>
    generateSwedishPersonalNumber({
      birthDate: randomBirthDate(),
      sex: randomInt(0, 2) ? 'male' : 'female',
      serial: randomInt(0, 100),
    }),
  );
}

export function randomCodiceFiscale(): string {
  const letters = 'BCDFGHLMNPRSTVZ';
  const name = () => Array.from({ length: 6 }, () => letters[randomInt(0, letters.length)]).join('');
  return unused(() =>
    generateItalianFiscalCode({
      givenName: name(),
      familyName: name(),
      birthDate: randomBirthDate(),
      sex: 'female',
      placeCode: 'H501',
    }),
  );
}

export function swedishCustomerInput(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    givenName: 'Anna',
    familyName: 'Lindqvist',
    preferredLanguage: 'sv',
    email: `anna.${randomInt(0, 1e9)}@example.se`,
    phone: '+46701234567',
    country: 'SE',
    nationalId: randomPersonnummer(),
    ...overrides,
  };
}

export async function makeCustomer(db: Executor, overrides: Partial<CustomerInput> = {}) {
  return createCustomer({ db, actor, input: swedishCustomerInput(overrides) });
}

export const TRAVEL_CONFIG = {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
    },
    {
      benefitCode: 'LUGGAGE_DELAY',
      name: { sv: 'Försenat bagage', it: 'Ritardo bagaglio', en: 'Delayed luggage' },
      clause: '§6.2',
      requiredDocuments: ['receipt', 'travel_booking'],
    },
  ],
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
};

/**
 * TRAVEL_CONFIG with the terms the assessment reads: clean claims up to 5 000 SEK decided straight
 * through, and medical expenses limited to 10 000 SEK per insured person and policy year.
 */
export const STRAIGHT_THROUGH_CONFIG = {
  ...TRAVEL_CONFIG,
  covers: [
    {
      ...TRAVEL_CONFIG.covers[0],
      limits: { perYearMinor: 1_000_000, per: 'insured_person', clause: '§4.3' },
    },
    TRAVEL_CONFIG.covers[1],
  ],
  straightThroughLimitMinor: 500_000,
};

export async function makeProduct(
  db: Executor,
  opts: {
    currency?: string;
    country?: string;
    status?: 'active' | 'draft';
    config?: unknown;
    effectiveFrom?: string;
    effectiveTo?: string;
  } = {},
) {
  const product = await createProduct({
    db,
    actor,
    input: {
      code: `T-${randomInt(0, 1e9)}`,
      kind: 'insurance',
      name: { sv: 'Testförsäkring', it: 'Assicurazione di prova', en: 'Test insurance' },
      country: opts.country ?? 'SE',
      currency: opts.currency ?? 'SEK',
    },
  });
  const version = await createProductVersion({
    db,
    actor,
    productId: product.id,
    input: {
      effectiveFrom: opts.effectiveFrom ?? '2020-01-01',
      ...(opts.effectiveTo ? { effectiveTo: opts.effectiveTo } : {}),
      status: opts.status ?? 'active',
      config: opts.config ?? TRAVEL_CONFIG,
    },
  });
  return { product, version };
}

/** Another version of an existing product. */
export async function makeProductVersion(
  db: Executor,
  opts: {
    productId: string;
    config: unknown;
    effectiveFrom: string;
    effectiveTo?: string;
    status?: 'active' | 'draft';
  },
) {
  return createProductVersion({
    db,
    actor,
    productId: opts.productId,
    input: {
      effectiveFrom: opts.effectiveFrom,
      ...(opts.effectiveTo ? { effectiveTo: opts.effectiveTo } : {}),
      status: opts.status ?? 'active',
      config: opts.config,
    },
  });
}

/** Books premium payments on a policy (one per date, of the given amount). */
export async function payPremiums(
  db: Executor,
  opts: { policyId: string; amountMinor: number; currency?: string; paidOn: string[] },
) {
  for (const paidOn of opts.paidOn) {
    await recordPremiumPayment({
      db,
      actor,
      policyId: opts.policyId,
      payment: { paidOn, amountMinor: opts.amountMinor, currency: opts.currency ?? 'SEK' },
    });
  }
}

export async function makePolicy(
  db: Executor,
  opts: { customerId: string; productVersionId: string } & Partial<NewPolicy>,
) {
  return createPolicy({
    db,
    actor,
    input: {
      startsOn: '2026-01-01',
      endsOn: '2027-01-01',
      premiumSchedule: { frequency: 'monthly', amountMinor: 19_900 },
      insuredPersons: [],
      ...opts,
    },
  });
}

/**
 * A customer insured on a fresh straight-through product (STRAIGHT_THROUGH_CONFIG), premiums paid
 * for the year, with authority limits on that product letting representatives and supervisors
 * decide up to `maxMinor` SEK — the set-up of most tests that take a claim to a decision.
 */
export async function makeInsuredWithAuthority(db: Executor, opts: { maxMinor: number }) {
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('authority_limits')
    .values(
      (['representative', 'supervisor'] as const).map((role) => ({
        id: newId(),
        role,
        user_id: null,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: opts.maxMinor,
        own_registration_max_minor: opts.maxMinor,
        causes: null,
      })),
    )
    .execute();
  return { customer, product, version, policy };
}
