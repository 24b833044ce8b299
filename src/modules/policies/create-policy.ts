import { numberYear } from '../../db/number-year.ts';
import { nextNumber } from '../../db/numbers.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type NewPolicy, NewPolicySchema, type PolicyView, toPolicyView } from './policy-schemas.ts';

/**
 * Issues a policy to a holder on an active product version. One holder may not hold two policies
 * of the same product for overlapping periods (the second would double the cover). The holder's
 * row is locked while checking, so two concurrent issues cannot both pass the overlap check.
 */
export async function createPolicy(opts: {
  db: Executor;
  actor: Actor;
  input: NewPolicy;
}): Promise<PolicyView> {
  const { actor } = opts;
  assertCan(actor, 'policies:create');
  const input = parseInput(NewPolicySchema, opts.input);
  if (input.endsOn <= input.startsOn) {
    throw fieldError('policy_period_invalid', ['endsOn'], 'The policy must end after it starts.');
  }

  try {
    return await inTransaction(opts.db, async (trx) => {
      // Take the number first: every writer then locks the counter row before any customer row,
      // so a long import (which holds the counter) and a single issue cannot deadlock.
      const policyNumber = await nextNumber(trx, 'POL', numberYear());
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'birth_date', 'given_name', 'family_name'])
        .where('id', '=', input.customerId)
        .forUpdate()
        .executeTakeFirst();
      if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer with this id.');
      const version = await trx
        .selectFrom('product_versions')
        .innerJoin('products', 'products.id', 'product_versions.product_id')
        .select([
          'product_versions.id',
          'product_versions.product_id',
          'product_versions.status',
          'product_versions.effective_from',
          'product_versions.effective_to',
          'products.currency',
        ])
        .where('product_versions.id', '=', input.productVersionId)
        .executeTakeFirst();
      if (!version)
        throw fieldError(
          'product_version_not_found',
          ['productVersionId'],
          'No product version with this id.',
        );
      if (version.status !== 'active') {
        throw fieldError(
          'product_version_not_active',
          ['productVersionId'],
          `This product version is ${version.status}, not active.`,
        );
      }
      // A policy is sold on terms that are in force when its cover starts.
      if (
        input.startsOn < version.effective_from ||
        (version.effective_to && input.startsOn >= version.effective_to)
      ) {
        throw fieldError(
          'policy_period_invalid',
          ['startsOn'],
          `This product version is in force from ${version.effective_from}${version.effective_to ? ` until ${version.effective_to}` : ''}; the policy starts on ${input.startsOn}.`,
          'outside_product_version',
        );
      }
      const overlapping = await trx
        .selectFrom('policies')
        .select('policy_number')
        .where('customer_id', '=', input.customerId)
        .where('product_id', '=', version.product_id)
        .where('status', '!=', 'cancelled')
        .where('starts_on', '<', input.endsOn)
        .where('ends_on', '>', input.startsOn)
        .executeTakeFirst();
      if (overlapping) {
        throw new AppError(
          'policy_period_overlap',
          `The customer already holds ${overlapping.policy_number} for this product in an overlapping period.`,
          {
            errors: [
              {
                in: 'body',
                path: ['startsOn'],
                code: 'overlap',
                message: `Overlaps ${overlapping.policy_number}.`,
              },
            ],
            extra: { conflictingPolicyNumber: overlapping.policy_number },
          },
        );
      }

      const id = newId();
      const schedule = {
        frequency: input.premiumSchedule.frequency,
        amountMinor: input.premiumSchedule.amountMinor,
        currency: version.currency,
        firstDueDate: input.premiumSchedule.firstDueDate ?? input.startsOn,
      };
      const row = await trx
        .insertInto('policies')
        .values({
          id,
          policy_number: policyNumber,
          customer_id: input.customerId,
          product_id: version.product_id,
          product_version_id: version.id,
          status: 'active',
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          currency: version.currency,
          premium_schedule: JSON.stringify(schedule),
          declared_annual_income_minor: input.declaredAnnualIncomeMinor ?? null,
          external_ref: input.externalRef ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const persons = [
        {
          id: newId(),
          policy_id: id,
          customer_id: input.customerId,
          person_customer_id: input.customerId,
          full_name: `${customer.given_name} ${customer.family_name}`,
          birth_date: customer.birth_date,
          relation: 'holder' as const,
        },
        ...input.insuredPersons.map((p) => ({
          id: newId(),
          policy_id: id,
          customer_id: input.customerId,
          person_customer_id: p.customerId ?? null,
          full_name: p.fullName,
          birth_date: p.birthDate,
          relation: p.relation,
        })),
      ];
      await trx.insertInto('policy_insured_persons').values(persons).execute();
      await recordAuditEvent(trx, {
        actor,
        action: 'policy.issued',
        entityType: 'policy',
        entityId: id,
        customerId: input.customerId,
        data: {
          policyNumber: row.policy_number,
          productVersionId: version.id,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        },
      });
      return toPolicyView(row, persons);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'policies_external_ref_key')) {
      throw fieldError(
        'external_ref_exists',
        ['externalRef'],
        'A policy with this external reference already exists.',
        'duplicate',
      );
    }
    throw error;
  }
}
