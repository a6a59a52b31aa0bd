import { afterEach, describe, expect, it } from 'vitest';
import { requestArgs, type StatsGetResult } from '../../shared/ipc/contract';
import { openMejaDb, type MejaDb } from '../db/database';
import { makeStandInBridge } from '../desktop/standInBridge';
import { createDesktopStatsTransport } from './desktopTransport';
import { loadStats } from './statsClient';

const PARAMS = { from: '2026-03-01', to: '2026-03-08', tier: 2 as const };

let db: MejaDb | null = null;
afterEach(async () => {
  if (db !== null) await db.delete();
  db = null;
});

/** A main process whose server answers `answer` for every statistics request, checked against the contract. */
const mainAnswering = (answer: () => StatsGetResult) =>
  makeStandInBridge({
    'stats:get': (args) => {
      requestArgs['stats:get'].parse(args);
      return answer();
    },
  });

const json = (status: number, body: unknown): StatsGetResult => ({
  kind: 'answered',
  status,
  contentType: 'application/json',
  contentDisposition: null,
  body: JSON.stringify(body),
});

describe('the desktop statistics transport with the panel cache', () => {
  it('asks the main process with the route and query, and keeps the answer for offline', async () => {
    db = openMejaDb(`stats-${crypto.randomUUID()}`);
    let online = true;
    const main = mainAnswering(() => (online ? json(200, { opened: 7 }) : { kind: 'unreachable' }));
    const transport = createDesktopStatsTransport(main.bridge);

    const fresh = await loadStats<{ opened: number }>(db, transport, 'summary', PARAMS);
    expect(fresh).toMatchObject({ kind: 'fresh', body: { opened: 7 } });
    expect(main.calls[0]?.args).toEqual({ route: 'summary', query: { from: '2026-03-01', to: '2026-03-08', tier: '2' } });

    online = false;
    const cached = await loadStats<{ opened: number }>(db, transport, 'summary', PARAMS);
    expect(cached).toEqual({ kind: 'cached', body: { opened: 7 }, fetchedAt: fresh.kind === 'fresh' ? fresh.fetchedAt : '' });
    expect(await loadStats(db, transport, 'summary', { ...PARAMS, tier: 3 })).toEqual({ kind: 'offlineEmpty' });
  });

  it("tells a refusal apart from the server's other errors", async () => {
    db = openMejaDb(`stats-${crypto.randomUUID()}`);
    const forbidden = createDesktopStatsTransport(
      mainAnswering(() => json(403, { statusCode: 403, code: 'forbidden', error: 'Forbidden', message: 'no' })).bridge,
    );
    expect(await loadStats(db, forbidden, 'summary', PARAMS)).toEqual({ kind: 'forbidden' });
    const invalid = createDesktopStatsTransport(
      mainAnswering(() => json(400, { statusCode: 400, code: 'invalid_request', error: 'Bad Request', message: 'Invalid statistics query: bad' })).bridge,
    );
    expect(await loadStats(db, invalid, 'summary', PARAMS)).toEqual({ kind: 'failed', message: 'Invalid statistics query: bad' });
  });
});
