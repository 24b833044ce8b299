import { decodeKeysetCursor, encodeKeysetCursor, isUuidText } from '../../lib/keyset-cursor.ts';

// The timeline's cursor (lib/keyset-cursor.ts): the last entry's (occurredAt, id), newest first.
// occurredAt travels as PostgreSQL's own text of the timestamp, to the microsecond: a JavaScript
// Date keeps milliseconds, and two entries within one millisecond would otherwise fall between two
// pages.

export type TimelineKey = { at: string; id: string };

/** timestamptz as PostgreSQL prints it (any DateStyle ISO form), e.g. 2026-11-21 10:46:57.123456+00. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;

/** The form, and a real calendar day and time of day, so that the database never refuses it. */
function isTimestampText(at: unknown): at is string {
  if (typeof at !== 'string') return false;
  const m = PG_TIMESTAMP.exec(at);
  if (!m) return false;
  const [y, mo, d] = at.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [h, mi, se] = at.slice(11, 19).split(':').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

export function encodeTimelineCursor(key: TimelineKey): string {
  return encodeKeysetCursor([key.at, key.id]);
}

export function decodeTimelineCursor(cursor: string): TimelineKey {
  const [at, id] = decodeKeysetCursor(cursor, [isTimestampText, isUuidText]);
  return { at, id };
}
