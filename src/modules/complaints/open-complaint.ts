import type { Transaction } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { DB, Language } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { caseJurisdiction, openServiceCaseInTransaction } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ComplaintCause, causeLabel } from './complaint-causes.ts';
import { answerRuleText } from './complaint-legal-texts.ts';
import { letterChannel, letterDates } from './complaint-letters.ts';
import { type ComplaintView, type NewComplaint, NewComplaintSchema } from './complaint-schemas.ts';
import { complaintAnswerClock, loadComplaintView } from './load-complaint.ts';

export type OpenComplaintResult = { status: 200 | 201; body: ComplaintView; replayed: boolean };

const SUBJECT: Record<Language, string> = { sv: 'Klagomål', it: 'Reclamo', en: 'Complaint' };

/**
 * Registers a complaint (customer for themself, staff for a customer) in one transaction: the
 * service case with its work item and answer clock (cases module), the register entry, and the
 * written acknowledgement to the customer — by email when we have an address, else by letter, in
 * the customer's language — naming the case number, the day we answer by (the clock's due day)
 * and the rule that sets it. acknowledged_at is when the acknowledgement was committed to the
 * outbox, i.e. now. The rules follow the jurisdiction: the country of the product when a claim or
 * policy is named, else the customer's. A retry with the same Idempotency-Key replays (200).
 */
export async function openComplaint(opts: {
  db: Executor;
  actor: Actor;
  input: NewComplaint;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<OpenComplaintResult> {
  const { actor } = opts;
  assertCan(actor, 'cases:create');
  const input = parseInput(NewComplaintSchema, opts.input);
  const customerId = complainant(actor, input.customerId);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `complaints.open:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ ...input, customerId });

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<ComplaintView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const now = opts.now ?? new Date();
    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'country', 'preferred_language', 'email', 'given_name', 'family_name'])
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer has this id.');
    const cause = input.causeCategory as ComplaintCause;
    const language = customer.preferred_language;

    const opened = await openServiceCaseInTransaction(trx, {
      customerId,
      kind: 'complaint',
      category: await categoryFor(trx, cause),
      subject: `${SUBJECT[language]}: ${causeLabel(cause, language)}`,
      description: input.description,
      channel: input.channel,
      claimId: input.claimId,
      policyId: input.policyId,
      actor,
      now,
    });
    const serviceCase = opened.serviceCase;
    const linked = await linkedProduct(trx, serviceCase.policy_id);
    const productCode = await productOf(trx, linked, input.productCode);
    const jurisdiction = caseJurisdiction({
      productCountry: linked?.country ?? null,
      customerCountry: customer.country,
    });

    await trx
      .insertInto('complaints')
      .values({
        case_id: serviceCase.id,
        customer_id: customerId,
        jurisdiction,
        cause_category: cause,
        product_code: productCode,
        requested_remedy: input.requestedRemedy,
        received_at: now,
        acknowledged_at: now,
      })
      .execute();

    const clock = await complaintAnswerClock(trx, serviceCase.id, jurisdiction);
    const channel = letterChannel(customer.email);
    const dates = letterDates({ jurisdiction, receivedAt: now, dueAt: clock.dueAt, language });
    await notify(trx, {
      audience: 'customer',
      customerId,
      channel,
      kind: 'complaint.acknowledged',
      language,
      params: {
        name: `${customer.given_name} ${customer.family_name}`,
        reference: serviceCase.case_number,
        receivedOn: dates.receivedOn,
        dueOn: dates.dueOn,
        rule: answerRuleText(jurisdiction, clock.policy.clock.amount, language),
      },
      entityType: 'service_case',
      entityId: serviceCase.id,
      dedupeKey: `complaint:${serviceCase.id}:acknowledged`,
    });

    const events: AuditInput[] = [
      ...opened.events,
      {
        actor,
        action: 'complaint.registered',
        entityType: 'service_case',
        entityId: serviceCase.id,
        customerId,
        data: {
          caseNumber: serviceCase.case_number,
          jurisdiction,
          causeCategory: cause,
          productCode,
          channel: input.channel,
          answerPolicy: clock.policy.code,
          answerDays: clock.policy.clock.amount,
          dueAt: clock.dueAt.toISOString(),
        },
      },
      {
        actor,
        action: 'complaint.acknowledged',
        entityType: 'service_case',
        entityId: serviceCase.id,
        customerId,
        data: { caseNumber: serviceCase.case_number, channel, language, dueOn: dates.dueDay },
      },
    ];
    await recordAuditEvents(trx, customerId, events);
    const body = await loadComplaintView(trx, serviceCase.id);
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}

/** Whose complaint: a customer's own (naming anyone else is "not found"); staff must say whose. */
function complainant(actor: Actor, customerId: string | undefined): string {
  if (actor.kind === 'user' && actor.role === 'customer') {
    if (!actor.customerId || (customerId !== undefined && customerId !== actor.customerId)) {
      throw new AppError('not_found', 'No such customer.');
    }
    return actor.customerId;
  }
  if (!customerId) {
    throw fieldError('validation_failed', ['customerId'], 'Say whose complaint this is.', 'required');
  }
  return customerId;
}

/** A finer active category for the cause (`complaint.<cause>`) when one is configured, else `complaint`. */
async function categoryFor(trx: Transaction<DB>, cause: ComplaintCause): Promise<string> {
  const finer = await trx
    .selectFrom('case_categories')
    .select('code')
    .where('code', '=', `complaint.${cause}`)
    .where('kind', '=', 'complaint')
    .where('active', '=', true)
    .executeTakeFirst();
  return finer?.code ?? 'complaint';
}

async function linkedProduct(trx: Transaction<DB>, policyId: string | null) {
  if (!policyId) return null;
  return trx
    .selectFrom('policies')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select(['products.code', 'products.country'])
    .where('policies.id', '=', policyId)
    .executeTakeFirstOrThrow();
}

/** The product complained about: the linked claim's or policy's; a code given must agree with it. */
async function productOf(
  trx: Transaction<DB>,
  linked: { code: string } | null,
  given: string | undefined,
): Promise<string | null> {
  if (given === undefined) return linked?.code ?? null;
  const product = await trx
    .selectFrom('products')
    .select('code')
    .where('code', '=', given)
    .executeTakeFirst();
  if (!product)
    throw fieldError('validation_failed', ['productCode'], 'No product has this code.', 'unknown_product');
  if (linked && linked.code !== product.code) {
    throw new AppError('case_link_invalid', 'The product is not the one of the linked claim or policy.', {
      errors: [
        {
          in: 'body',
          path: ['productCode'],
          code: 'case_link_invalid',
          message: `The linked claim or policy is on ${linked.code}.`,
        },
      ],
    });
  }
  return product.code;
}
