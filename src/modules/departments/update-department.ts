import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type DepartmentPatch, DepartmentPatchSchema, type DepartmentView } from './department-schemas.ts';
import { assertSupervisorCandidate } from './department-staff.ts';
import { departmentViews } from './list-departments.ts';

/**
 * An administrator renames a department, changes its supervisor or (de)activates it. An inactive
 * department takes no new referrals; the live ones stay with it until answered, returned or
 * cancelled. Optimistic concurrency on `version`.
 */
export async function updateDepartment(opts: {
  db: Executor;
  actor: Actor;
  code: string;
  input: DepartmentPatch;
}): Promise<DepartmentView> {
  const { actor } = opts;
  assertCan(actor, 'departments:manage');
  const input = parseInput(DepartmentPatchSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const row = await trx
      .selectFrom('departments')
      .selectAll()
      .where('code', '=', opts.code)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `No department "${opts.code}".`);
    if (row.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `Department ${row.code} is at version ${row.version}, not ${input.version}.`,
        { extra: { currentVersion: row.version } },
      );
    }
    if (input.supervisorId) await assertSupervisorCandidate(trx, input.supervisorId);
    const changes = {
      ...(input.name ? { name: input.name } : {}),
      ...(input.supervisorId !== undefined ? { supervisorId: input.supervisorId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    const updated = await trx
      .updateTable('departments')
      .set((eb) => ({
        ...(input.name ? { name: JSON.stringify(input.name) } : {}),
        ...(input.supervisorId !== undefined ? { supervisor_id: input.supervisorId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
      }))
      .where('code', '=', row.code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      actor,
      action: 'department.updated',
      entityType: 'department',
      entityId: row.id,
      customerId: null,
      data: {
        code: row.code,
        changes,
        before: { name: row.name, supervisorId: row.supervisor_id, active: row.active },
      },
    });
    const [view] = await departmentViews(trx, [updated]);
    return view as DepartmentView;
  });
}
