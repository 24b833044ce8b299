import type { Language, Role } from '../../db/schema.ts';
import type { Permission } from './permissions.ts';

/**
 * Who is acting. Every use case takes one and every audit event names one. `system` is the
 * server itself acting for an operator (CLI, seed, scheduled jobs); it is never a web session.
 */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      role: Role;
      displayName: string;
      /** Set only for customers: the one customer whose records they may see. */
      customerId: string | null;
      team: string | null;
      department: string | null;
      locale: Language;
      /** Set when acting through an API token: what the token may do, within the role's rights. */
      scopes?: readonly Permission[];
      apiTokenId?: string;
    }
  | { kind: 'system'; role: 'system'; name: string };

export function systemActor(name: string): Actor {
  return { kind: 'system', role: 'system', name };
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
