import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, can } from '../users/permissions.ts';
import { excerpt, notifyCustomerOfCase } from './case-notices.ts';
import { type CaseStatusChange, CaseStatusChangeSchema, type CaseView } from './case-schemas.ts';
import { isCustomerActor, loadCaseByRef } from './find-cases.ts';
import { loadCaseView } from './load-case-view.ts';
import { transitionCaseInTransaction } from './transition-case.ts';

/**
 * Moves a case to another status (see case-lifecycle.ts for the table and the guards). Staff who
 * handle cases may make any allowed move; a customer may only withdraw their own case. The
 * customer hears of a resolution (with its text), of a question put to them, and of a
 * withdrawal; a complaint's resolution is its final-answer letter, sent by the complaints module.
 */
export async function changeCaseStatus(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: CaseStatusChange;
  now?: Date;
}): Promise<CaseView> {
  const { actor } = opts;
  assertCan(actor, 'cases:read');
  const input = parseInput(CaseStatusChangeSchema, opts.input);
  const customer = isCustomerActor(actor);
  return inTransaction(opts.db, async (trx) => {
    const found = await loadCaseByRef(trx, opts.ref, actor);
    if (customer ? input.to !== 'withdrawn' : !can(actor, 'cases:handle')) {
      throw new AppError(
        'forbidden',
        customer
          ? 'You may withdraw your case; the office changes its status otherwise.'
          : 'You do not handle cases.',
      );
    }
    const now = opts.now ?? new Date();
    const { serviceCase, events } = await transitionCaseInTransaction(trx, {
      caseId: found.id,
      to: input.to,
      actor,
      reason: input.reason,
      resolution: input.resolution,
      expectedVersion: input.version,
      now,
    });
    const key = `case:${serviceCase.id}:v${serviceCase.version}`;
    if (input.to === 'resolved' && serviceCase.kind !== 'complaint') {
      await notifyCustomerOfCase(
        trx,
        serviceCase,
        'case.resolved',
        { resolution: serviceCase.resolution ?? '' },
        `${key}:resolved`,
      );
    } else if (input.to === 'awaiting_customer') {
      await notifyCustomerOfCase(
        trx,
        serviceCase,
        'case.question',
        { excerpt: excerpt(input.reason) },
        `${key}:question`,
      );
    } else if (input.to === 'withdrawn') {
      await notifyCustomerOfCase(
        trx,
        serviceCase,
        'case.withdrawn',
        { reason: excerpt(input.reason) },
        `${key}:withdrawn`,
      );
    }
    await recordAuditEvents(trx, serviceCase.customer_id, events);
    return loadCaseView(trx, serviceCase, actor, now);
  });
}
