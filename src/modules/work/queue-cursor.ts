import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  isDateText,
  isInteger,
  isUuidText,
} from '../../lib/keyset-cursor.ts';

// A queue page's cursor (lib/keyset-cursor.ts): the last row's sort key (due_at, priority, id).

export type QueueKey = { dueAt: string; priority: number; id: string };

export function encodeCursor(key: QueueKey): string {
  return encodeKeysetCursor([key.dueAt, key.priority, key.id]);
}

export function decodeCursor(cursor: string): QueueKey {
  const [dueAt, priority, id] = decodeKeysetCursor(cursor, [isDateText, isInteger, isUuidText]);
  return { dueAt, priority, id };
}
