import type { Transaction } from 'kysely';
import { numberYear } from '../../db/number-year.ts';
import { nextNumber } from '../../db/numbers.ts';
import type { CaseKind, ContactChannel, DB, ServiceCaseRow } from '../../db/schema.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { openCaseWork } from '../work/case-work.ts';
import { requiredCaseLink } from './case-deadline-policies.ts';

export type OpenServiceCaseOptions = {
  customerId: string;
  kind: CaseKind;
  /** A configured category of the kind; default: the kind's built-in category (same code). */
  category?: string | undefined;
  subject: string;
  description: string;
  channel: ContactChannel;
  claimId?: string | null | undefined;
  policyId?: string | null | undefined;
  /** The payment the case is about (a returned or late payment); must be the customer's own. */
  paymentId?: string | null | undefined;
  actor: Actor;
  now?: Date;
};

/**
 * Opens a service case in the caller's transaction: checks the category and the links, numbers it
 * (CASE-YYYY-NNNNNN, gap-free), writes it as `open`, creates its work item (routed to its
 * country's team and assigned), starts its answer clock, and returns the case with the audit
 * events ('case.opened', the work item's and the clock's) for the caller to append. Permission
 * checks and customer scoping are the caller's: this is the shared core of every way a case opens
 * (the API, complaints, account changes, the seed).
 */
export async function openServiceCaseInTransaction(
  trx: Transaction<DB>,
  opts: OpenServiceCaseOptions,
): Promise<{ serviceCase: ServiceCaseRow; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const customer = await trx
    .selectFrom('customers')
    .select(['id', 'preferred_language'])
    .where('id', '=', opts.customerId)
    .executeTakeFirst();
  if (!customer) {
    throw fieldError('customer_not_found', ['customerId'], 'No customer has this id.');
  }
  const categoryCode = opts.category ?? opts.kind;
  const category = await trx
    .selectFrom('case_categories')
    .select(['code', 'kind', 'active'])
    .where('code', '=', categoryCode)
    .executeTakeFirst();
  if (!category?.active || category.kind !== opts.kind) {
    throw new AppError(
      'case_category_unknown',
      `"${categoryCode}" is not an active category of ${opts.kind} cases.`,
      {
        errors: [
          { in: 'body', path: ['category'], code: 'case_category_unknown', message: 'Unknown category.' },
        ],
      },
    );
  }
  const required = requiredCaseLink(opts.kind);
  if (required && !opts[required]) {
    const what = required === 'claimId' ? 'the claim whose payment is late' : 'the policy being renewed';
    throw fieldError('validation_failed', [required], `A ${opts.kind} case needs ${what}.`, 'required');
  }
  const { claimId, policyId } = await checkLinks(trx, opts);
  const paymentId = await checkPaymentLink(trx, opts);

  const caseNumber = await nextNumber(trx, 'CASE', numberYear(now));
  const serviceCase = await trx
    .insertInto('service_cases')
    .values({
      id: newId(),
      case_number: caseNumber,
      customer_id: customer.id,
      kind: opts.kind,
      category: category.code,
      status: 'open',
      subject: opts.subject,
      description: opts.description,
      channel: opts.channel,
      claim_id: claimId,
      policy_id: policyId,
      payment_id: paymentId,
      language: customer.preferred_language,
      opened_by: actorId(opts.actor),
      status_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const events: AuditInput[] = [
    {
      actor: opts.actor,
      action: 'case.opened',
      entityType: 'service_case',
      entityId: serviceCase.id,
      customerId: serviceCase.customer_id,
      data: {
        caseNumber,
        kind: serviceCase.kind,
        category: serviceCase.category,
        channel: serviceCase.channel,
        subject: serviceCase.subject,
        claimId,
        policyId,
        ...(paymentId ? { paymentId } : {}),
      },
    },
  ];
  const work = await openCaseWork(trx, {
    caseId: serviceCase.id,
    actor: opts.actor,
    reason: `Service case ${caseNumber} opened.`,
    now,
  });
  events.push(...work.events);
  return { serviceCase, events };
}

/**
 * A claim or policy linked to the case must be the customer's own. A claim brings its policy
 * along (the case then follows the policy's country); both given must agree.
 */
async function checkLinks(
  trx: Transaction<DB>,
  opts: OpenServiceCaseOptions,
): Promise<{ claimId: string | null; policyId: string | null }> {
  let policyId = opts.policyId ?? null;
  let claimId: string | null = null;
  if (opts.claimId) {
    const claim = await trx
      .selectFrom('claims')
      .select(['id', 'policy_id'])
      .where('id', '=', opts.claimId)
      .where('customer_id', '=', opts.customerId)
      .executeTakeFirst();
    if (!claim) throw linkError('claimId', 'The claim is not one of this customer’s.');
    if (policyId && policyId !== claim.policy_id) {
      throw linkError('policyId', 'The policy is not the one the linked claim is on.');
    }
    claimId = claim.id;
    policyId = claim.policy_id;
  }
  if (policyId && !opts.claimId) {
    const policy = await trx
      .selectFrom('policies')
      .select('id')
      .where('id', '=', policyId)
      .where('customer_id', '=', opts.customerId)
      .executeTakeFirst();
    if (!policy) throw linkError('policyId', 'The policy is not one of this customer’s.');
  }
  return { claimId, policyId };
}

/** A linked payment must be the customer's own (and, when a claim is linked too, that claim's). */
async function checkPaymentLink(trx: Transaction<DB>, opts: OpenServiceCaseOptions): Promise<string | null> {
  if (!opts.paymentId) return null;
  const payment = await trx
    .selectFrom('payment_orders')
    .select(['id', 'claim_id'])
    .where('id', '=', opts.paymentId)
    .where('customer_id', '=', opts.customerId)
    .executeTakeFirst();
  if (!payment) throw linkError('paymentId', 'The payment is not one of this customer’s.');
  if (opts.claimId && payment.claim_id !== opts.claimId) {
    throw linkError('paymentId', 'The payment is not one of the linked claim’s.');
  }
  return payment.id;
}

function linkError(field: 'claimId' | 'policyId' | 'paymentId', message: string): AppError {
  return new AppError('case_link_invalid', message, {
    errors: [{ in: 'body', path: [field], code: 'case_link_invalid', message }],
  });
}
