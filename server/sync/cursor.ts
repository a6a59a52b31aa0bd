import type { Position } from '../db/changeFeed';

/** Cursor contents: the database's epoch and a feed position. Clients treat it as opaque text. */
type CursorBody = { e: string; t: number; s: number };

export const encodeCursor = (epoch: string, position: Position): string =>
  Buffer.from(JSON.stringify({ e: epoch, t: position.tx, s: position.seq } satisfies CursorBody)).toString('base64url');

/** The cursor's parts, or null if it is not a cursor this server could have made. */
export const decodeCursor = (cursor: string): { epoch: string; position: Position } | null => {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return null;
    const { e, t, s } = body as Partial<Record<keyof CursorBody, unknown>>;
    if (typeof e !== 'string' || !Number.isSafeInteger(t) || !Number.isSafeInteger(s)) return null;
    return { epoch: e, position: { tx: t as number, seq: s as number } };
  } catch {
    return null;
  }
};

export const isBefore = (a: Position, b: Position): boolean => a.tx < b.tx || (a.tx === b.tx && a.seq < b.seq);
