import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type DepartmentView, type NewDepartment, NewDepartmentSchema } from './department-schemas.ts';
import { assertSupervisorCandidate } from './department-staff.ts';
import { departmentViews } from './list-departments.ts';

export type CreateDepartmentResult = { status: 200 | 201; body: DepartmentView; replayed: boolean };

/**
 * An administrator adds a department. Its staff join through users.department. A retry with the
 * same Idempotency-Key returns the first response; the same code again without it is 409.
 */
export async function createDepartment(opts: {
  db: Executor;
  actor: Actor;
  input: NewDepartment;
  idempotencyKey?: string | undefined;
}): Promise<CreateDepartmentResult> {
  const { actor } = opts;
  assertCan(actor, 'departments:manage');
  const input = parseInput(NewDepartmentSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `departments.create:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<DepartmentView>(trx, key, requestHash(input));
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    if (input.supervisorId) await assertSupervisorCandidate(trx, input.supervisorId);
    const row = await trx
      .insertInto('departments')
      .values({
        id: newId(),
        code: input.code,
        name: JSON.stringify(input.name),
        supervisor_id: input.supervisorId ?? null,
        active: input.active,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw fieldError(
        'department_exists',
        ['code'],
        `A department "${input.code}" already exists.`,
        'duplicate',
      );
    }
    await recordAuditEvent(trx, {
      actor,
      action: 'department.created',
      entityType: 'department',
      entityId: row.id,
      customerId: null,
      data: { code: row.code, name: row.name, supervisorId: row.supervisor_id, active: row.active },
    });
    const [body] = await departmentViews(trx, [row]);
    const result: CreateDepartmentResult = { status: 201, body: body as DepartmentView, replayed: false };
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}
