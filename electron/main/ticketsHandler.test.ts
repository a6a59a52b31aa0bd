import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/protocol';
import type { TicketPage, TicketsAnswer, TicketWithTimeline } from '../../shared/tickets/api';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { shellAgainstServer } from '../testing/shellAgainstServer';
import type { ServerFetch } from './serverRequest';

let server: TestServer;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-tickets-ipc-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
});
afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real network, with a note of every request the main process sends. */
const recordingFetch = () => {
  const sent: { url: string; method: string | undefined; body: string | undefined }[] = [];
  const recording: ServerFetch = (url, init) => {
    sent.push({ url, method: init.method, body: init.body });
    return fetch(url, init);
  };
  return { sent, recording };
};

const setUp = (serverFetch?: ServerFetch) => shellAgainstServer(server.url, folder, serverFetch);

const signInDirectly = async (username: string): Promise<string> => {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
};

const answered = (response: unknown): { status: number; json: unknown } => {
  const value = (response as { ok: true; value: TicketsAnswer }).value;
  if (value?.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(response)}`);
  return { status: value.status, json: JSON.parse(value.body) };
};

describe('tickets:request', () => {
  it("searches the whole desk as GET /api/tickets and pages with the server's next", async () => {
    const { sent, recording } = recordingFetch();
    const { invoke } = await setUp(recording);
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    const direct = await fetch(`${server.url}/api/tickets?q=mailbox%20full&limit=2`, { headers: { authorization: `Bearer ${await signInDirectly('tina')}` } });
    const expected = (await direct.json()) as TicketPage;
    expect(expected.tickets).toHaveLength(2);

    const first = answered(await invoke('tickets:request', { action: 'search', q: 'mailbox full', limit: 2 }));
    expect(first.status).toBe(200);
    const page = first.json as TicketPage;
    expect(page.tickets.map((ticket) => ticket.id)).toEqual(expected.tickets.map((ticket) => ticket.id));
    expect(sent.at(-1)).toEqual({ url: `${server.url}/api/tickets?q=mailbox%20full&limit=2`, method: 'GET', body: undefined });

    if (page.next === null) throw new Error('the demo has more than two such tickets');
    const second = answered(await invoke('tickets:request', { action: 'search', q: 'mailbox full', cursor: page.next, limit: 2 })).json as TicketPage;
    expect(second.tickets.length).toBeGreaterThan(0);
    expect(Math.max(...second.tickets.map((ticket) => ticket.number ?? 0))).toBeLessThan(Math.min(...page.tickets.map((ticket) => ticket.number ?? 0)));
  });

  it('reads one ticket with its timeline by code or number, and the reader’s working set gains it', async () => {
    const { sent, recording } = recordingFetch();
    const { invoke } = await setUp(recording);
    await invoke('session:signIn', { username: 'tomas', password: 'demo-password' });
    const found = (answered(await invoke('tickets:request', { action: 'search', q: 'mailbox full', limit: 1 })).json as TicketPage).tickets[0];
    if (found === undefined) throw new Error('the demo has a mailbox ticket');

    const byCode = answered(await invoke('tickets:request', { action: 'open', ref: found.code.toLowerCase() }));
    expect(byCode.status).toBe(200);
    const read = byCode.json as TicketWithTimeline;
    expect(read.ticket.id).toBe(found.id);
    expect(read.events.length).toBeGreaterThan(0);
    expect(read.events.every((event) => event.ticketId === found.id)).toBe(true);

    const byNumber = answered(await invoke('tickets:request', { action: 'open', ref: `#${String(found.number)}` }));
    expect((byNumber.json as TicketWithTimeline).ticket.id).toBe(found.id);
    expect(sent.at(-1)).toEqual({ url: `${server.url}/api/tickets/%23${String(found.number)}`, method: 'GET', body: undefined });

    // The opening was recorded for the user signed in in the main process.
    const pull = await fetch(`${server.url}/api/sync/pull?scope=working&limit=1`, { headers: { authorization: `Bearer ${await signInDirectly('tomas')}` } });
    expect(((await pull.json()) as PullResponse).opened?.map((opened) => opened.ticketId)).toContain(found.id);
  });

  it("passes the server's 404 through for the page to explain", async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(answered(await invoke('tickets:request', { action: 'open', ref: 'ZZZZ-ZZZZ' }))).toMatchObject({ status: 404, json: { code: 'not_found' } });
  });

  it('refuses before sign-in, and anything but the two GETs', async () => {
    const { sent, recording } = recordingFetch();
    const { invoke } = await setUp(recording);
    expect(await invoke('tickets:request', { action: 'search', q: 'vpn' })).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    const before = sent.length;
    for (const args of [
      { action: 'open', ref: '../users' },
      { action: 'open', ref: '..%2Fusers' },
      { action: 'open', ref: 'abc/password' },
      { action: 'search', q: 'vpn', method: 'POST' },
      { action: 'search', q: 'x'.repeat(201) },
      { action: 'search', q: 'vpn', limit: 500 },
      { action: 'delete', ref: 'abc' },
      { q: 'vpn' },
      undefined,
    ]) {
      expect(await invoke('tickets:request', args)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    }
    // Nothing refused reached the network.
    expect(sent.length).toBe(before);
  });

  it('says unreachable when the server cannot be asked', async () => {
    const unplugged: ServerFetch = () => Promise.reject(new TypeError('fetch failed'));
    const { invoke } = await setUp(unplugged);
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(await invoke('tickets:request', { action: 'search', q: 'vpn' })).toEqual({ ok: true, value: { kind: 'unreachable' } });
    expect(await invoke('tickets:request', { action: 'open', ref: '12' })).toEqual({ ok: true, value: { kind: 'unreachable' } });
  });
});
