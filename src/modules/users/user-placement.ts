import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fieldError } from '../../lib/errors.ts';

/** Where a login is placed must exist: a team (claims are routed to it) and an active department. */
export async function assertPlacement(
  trx: Transaction<DB>,
  place: { team?: string | null | undefined; department?: string | null | undefined },
): Promise<void> {
  if (place.team) {
    const team = await trx
      .selectFrom('teams')
      .select('code')
      .where('code', '=', place.team)
      .executeTakeFirst();
    if (!team) throw fieldError('team_not_found', ['team'], `No team "${place.team}".`, 'unknown');
  }
  if (place.department) {
    const department = await trx
      .selectFrom('departments')
      .select('code')
      .where('code', '=', place.department)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!department) {
      throw fieldError(
        'department_not_found',
        ['department'],
        `No active department "${place.department}".`,
        'unknown',
      );
    }
  }
}
