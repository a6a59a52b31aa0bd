import type { Position } from '../db/changeFeed';

/**
 * Cursor contents: the database's epoch, a feed position, and how many tombstone purges had
 * happened when it was issued (`p`, absent = 0). A pull from scratch is in a pass (see
 * bootstrap.ts): `f` = 2 in the live pass, `f` = 1 in the first (with `l`, the position where the
 * live pass ended, when there was one), `u` = the position where the first ended during the rest.
 * A scoped pull (`scope=working`) adds `a`, the time (server ms) whose working set filtered the
 * page: during a pull from scratch the time it began, so every page of it filters by one set; after
 * that the time of the latest page, from which the next page looks for new openings. `o` = 1: the
 * cursor came with a live batch (server/sync/liveFeed.ts), which says nothing of openings, so the
 * next page sends every kept opening.
 * Clients treat the cursor as opaque text.
 */
type CursorBody = { e: string; t: number; s: number; p?: number; f?: 1 | 2; l?: [number, number]; u?: [number, number]; a?: number; o?: 1 };

/** The passes of a pull from scratch; absent once it reads the feed in order. */
export type Pass = { pass: 'live' } | { pass: 'first'; liveUntil?: Position } | { pass: 'rest'; until: Position };

export type Cursor = { epoch: string; position: Position; purges: number; pass?: Pass; scopeAt?: number; openingsUnknown?: true };

export const encodeCursor = (cursor: Cursor): string => {
  const body: CursorBody = {
    e: cursor.epoch,
    t: cursor.position.tx,
    s: cursor.position.seq,
    ...(cursor.purges > 0 ? { p: cursor.purges } : {}),
    ...(cursor.pass?.pass === 'live' ? { f: 2 } : {}),
    ...(cursor.pass?.pass === 'first'
      ? { f: 1, ...(cursor.pass.liveUntil === undefined ? {} : { l: [cursor.pass.liveUntil.tx, cursor.pass.liveUntil.seq] }) }
      : {}),
    ...(cursor.pass?.pass === 'rest' ? { u: [cursor.pass.until.tx, cursor.pass.until.seq] } : {}),
    ...(cursor.scopeAt === undefined ? {} : { a: cursor.scopeAt }),
    ...(cursor.openingsUnknown === true ? { o: 1 } : {}),
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
};

const isPosition = (value: unknown): value is [number, number] => Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n));

const passOf = (f: unknown, l: unknown, u: unknown): Pass | undefined | null => {
  if (f === undefined && l === undefined && u === undefined) return undefined;
  if (f === 2 && l === undefined && u === undefined) return { pass: 'live' };
  if (f === 1 && u === undefined) {
    if (l === undefined) return { pass: 'first' };
    return isPosition(l) ? { pass: 'first', liveUntil: { tx: l[0], seq: l[1] } } : null;
  }
  if (f === undefined && l === undefined && isPosition(u)) return { pass: 'rest', until: { tx: u[0], seq: u[1] } };
  return null;
};

/** The cursor's parts, or null if it is not a cursor this server could have made. */
export const decodeCursor = (text: string): Cursor | null => {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const body: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return null;
    const { e, t, s, p = 0, f, l, u, a, o } = body as Partial<Record<keyof CursorBody, unknown>>;
    if (typeof e !== 'string' || !Number.isSafeInteger(t) || !Number.isSafeInteger(s) || !Number.isSafeInteger(p)) return null;
    if (a !== undefined && !Number.isSafeInteger(a)) return null;
    if (o !== undefined && o !== 1) return null;
    const pass = passOf(f, l, u);
    if (pass === null) return null;
    return {
      epoch: e,
      position: { tx: t as number, seq: s as number },
      purges: p as number,
      ...(pass === undefined ? {} : { pass }),
      ...(a === undefined ? {} : { scopeAt: a as number }),
      ...(o === 1 ? { openingsUnknown: true as const } : {}),
    };
  } catch {
    return null;
  }
};

export const isBefore = (a: Position, b: Position): boolean => a.tx < b.tx || (a.tx === b.tx && a.seq < b.seq);

/**
 * Whether a cursor may have skipped a deletion that has since been forgotten: it was issued
 * before the latest purge and points below the newest purged tombstone. A cursor issued after
 * that purge is fine at any position (a client paging from the start never held the deleted
 * records), which is why the purge count travels in the cursor. In the rest pass of a pull from
 * scratch the feed resumes where the first pass ended: a record the client holds and that was
 * deleted since has its tombstone after that point, so that is the position to judge.
 */
export const isTooOld = (cursor: Cursor, meta: { epoch: string; horizon: Position; purges: number }): boolean => {
  const resumesAt = cursor.pass?.pass === 'rest' ? cursor.pass.until : cursor.position;
  return cursor.epoch !== meta.epoch || (cursor.purges < meta.purges && isBefore(resumesAt, meta.horizon));
};
