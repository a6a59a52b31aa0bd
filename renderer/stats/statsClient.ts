import type { StatsQueryParams, StatsRoute } from '../../shared/stats/api';
import type { MejaDb } from '../db/database';
import { serverRefusal } from '../app/serverRefusal';
import { createLogger } from '../logger';
import { statsHttpPath } from '../../shared/stats/api';
import { statsCacheKey } from './statsQuery';

const log = createLogger('stats');

/** What the panel gets for a route: fresh figures, the cached ones when offline, or why neither. */
export type StatsAnswer<T> =
  | { kind: 'fresh'; body: T; fetchedAt: string }
  | { kind: 'cached'; body: T; fetchedAt: string }
  | { kind: 'offlineEmpty' }
  | { kind: 'forbidden' }
  | { kind: 'failed'; message: string };

export type StatsTransport = {
  /** Resolves with the server's answer; rejects when the server cannot be reached. */
  fetch(url: string, init: { headers: Record<string, string> }): Promise<Response>;
  token(): string | null;
};

const fromCache = async <T>(db: MejaDb, key: string): Promise<StatsAnswer<T>> => {
  const row = await db.statsCache.get(key);
  // The row holds what this same route answered before, so its shape is T.
  return row === undefined ? { kind: 'offlineEmpty' } : { kind: 'cached', body: row.body as T, fetchedAt: row.fetchedAt };
};

export const errorMessage = async (response: Response): Promise<string> => serverRefusal(response.status, await response.text().catch(() => '')).message;

/**
 * Asks the server and keeps the answer per route and query; when the server cannot be reached
 * (or answers 5xx, as a proxy in front of a stopped server does) the last kept answer is used.
 */
export const loadStats = async <T>(db: MejaDb, transport: StatsTransport, route: StatsRoute, params: StatsQueryParams): Promise<StatsAnswer<T>> => {
  const key = statsCacheKey(route, params);
  const token = transport.token();
  let response: Response;
  try {
    response = await transport.fetch(statsHttpPath(route, params), { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  } catch (error) {
    log.info(`stats ${route} unreachable, using the cache`, error);
    return fromCache<T>(db, key);
  }
  if (response.status === 403) return { kind: 'forbidden' };
  if (response.status >= 500) return fromCache<T>(db, key);
  if (!response.ok) return { kind: 'failed', message: await errorMessage(response) };
  const body = (await response.json()) as T;
  const fetchedAt = new Date().toISOString();
  await db.statsCache.put({ key, fetchedAt, body }).catch((error: unknown) => log.warn('could not cache stats', error));
  return { kind: 'fresh', body, fetchedAt };
};
