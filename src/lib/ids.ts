import { uuidv7 } from 'uuidv7';

/** Time-ordered UUIDv7 primary keys: sortable by creation, index-friendly, safe to expose. */
export function newId(): string {
  return uuidv7();
}
