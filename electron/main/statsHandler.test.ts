import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsGetResult } from '../../shared/ipc/contract';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { shellAgainstServer } from '../testing/shellAgainstServer';
import type { ServerFetch } from './serverRequest';

const PERIOD = { from: '2020-01-01', to: '2100-01-01' };

let server: TestServer;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-stats-ipc-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
});
afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

const setUp = (statsFetch?: ServerFetch) => shellAgainstServer(server.url, folder, statsFetch);

const signInDirectly = async (username: string): Promise<string> => {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
};

const answered = (response: unknown): Extract<StatsGetResult, { kind: 'answered' }> => {
  const value = (response as { ok: true; value: StatsGetResult }).value;
  if (value.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(response)}`);
  return value;
};

describe('stats:get', () => {
  it("passes the server's statistics to a signed-in supervisor, JSON and CSV", async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'sue', password: 'demo-password' });
    const direct = await fetch(`${server.url}/api/stats/summary?from=${PERIOD.from}&to=${PERIOD.to}&tier=1`, {
      headers: { authorization: `Bearer ${await signInDirectly('sue')}` },
    });
    const expected = (await direct.json()) as StatsSummaryResponse;

    const json = answered(await invoke('stats:get', { route: 'summary', query: { ...PERIOD, tier: 1 } }));
    expect(json.status).toBe(200);
    expect(json.contentType).toContain('application/json');
    expect((JSON.parse(json.body) as StatsSummaryResponse).opened).toBe(expected.opened);

    const csv = answered(await invoke('stats:get', { route: 'technicians', query: { ...PERIOD, format: 'csv' } }));
    expect(csv.status).toBe(200);
    expect(csv.contentDisposition).toBe(`attachment; filename="meja-technicians-2020-01-01-2100-01-01.csv"`);
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,name,resolved,reopenRate,repeatContactRate,medianResolutionHours,remoteSessionHours,confirmedResolutionRate,callerReopenRate,satisfactionScore,satisfactionMean,satisfactionAnswers,articlesPerResolvedTicket',
    );
  });

  it("passes a technician's 403 through for the page to explain", async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(answered(await invoke('stats:get', { route: 'summary', query: PERIOD })).status).toBe(403);
  });

  it('refuses before sign-in and refuses routes and fields the server does not have', async () => {
    const { invoke } = await setUp();
    expect(await invoke('stats:get', { route: 'summary', query: PERIOD })).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    await invoke('session:signIn', { username: 'sue', password: 'demo-password' });
    expect(await invoke('stats:get', { route: 'users', query: PERIOD })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await invoke('stats:get', { route: 'summary', query: { ...PERIOD, secret: 'x' } })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('says unreachable when the server cannot be asked', async () => {
    const unplugged: ServerFetch = () => Promise.reject(new TypeError('fetch failed'));
    const { invoke } = await setUp(unplugged);
    await invoke('session:signIn', { username: 'sue', password: 'demo-password' });
    expect(await invoke('stats:get', { route: 'summary', query: PERIOD })).toEqual({ ok: true, value: { kind: 'unreachable' } });
  });
});
