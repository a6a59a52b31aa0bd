import type { Position } from '../db/changeFeed';

/**
 * Cursor contents: the database's epoch, a feed position, and how many tombstone purges had
 * happened when it was issued (`p`, absent = 0). Clients treat the cursor as opaque text.
 */
type CursorBody = { e: string; t: number; s: number; p?: number };

export type Cursor = { epoch: string; position: Position; purges: number };

export const encodeCursor = (cursor: Cursor): string => {
  const body: CursorBody = { e: cursor.epoch, t: cursor.position.tx, s: cursor.position.seq, ...(cursor.purges > 0 ? { p: cursor.purges } : {}) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
};

/** The cursor's parts, or null if it is not a cursor this server could have made. */
export const decodeCursor = (text: string): Cursor | null => {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const body: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return null;
    const { e, t, s, p = 0 } = body as Partial<Record<keyof CursorBody, unknown>>;
    if (typeof e !== 'string' || !Number.isSafeInteger(t) || !Number.isSafeInteger(s) || !Number.isSafeInteger(p)) return null;
    return { epoch: e, position: { tx: t as number, seq: s as number }, purges: p as number };
  } catch {
    return null;
  }
};

export const isBefore = (a: Position, b: Position): boolean => a.tx < b.tx || (a.tx === b.tx && a.seq < b.seq);

/**
 * Whether a cursor may have skipped a deletion that has since been forgotten: it was issued
 * before the latest purge and points below the newest purged tombstone. A cursor issued after
 * that purge is fine at any position (a client paging from the start never held the deleted
 * records), which is why the purge count travels in the cursor.
 */
export const isTooOld = (cursor: Cursor, meta: { epoch: string; horizon: Position; purges: number }): boolean =>
  cursor.epoch !== meta.epoch || (cursor.purges < meta.purges && isBefore(cursor.position, meta.horizon));
