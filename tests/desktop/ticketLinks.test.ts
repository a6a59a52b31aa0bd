/* The desktop deep link `meja://ticket/<code>` as the page follows it: from the cache, else from the real server over loopback. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUuid } from '../../shared/platform';
import { ticketsHttpRequest, type TicketPage } from '../../shared/tickets/api';
import { makeTicket } from '../support/factories';
import { freePort } from '../support/freePort';
import { startTestServer, type TestServer } from '../support/testServer';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { readServerTicket, type TicketsTransport } from '../../renderer/onDemand/ticketsClient';
import { findTicketIdByCode, openTicketById, openTicketByCode } from '../../renderer/desktop/ticketLinks';

let server: TestServer;
let folder: string;
let token: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-ticket-links-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tina', password: 'demo-password' }),
  });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

/** The web console's request over Node's fetch, to `baseUrl`: the real server, or a port nobody listens on. */
const transportTo = (baseUrl: string): TicketsTransport => ({
  send: async (request) => {
    const { method, path } = ticketsHttpRequest(request);
    try {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { kind: 'answered', status: response.status, body: await response.text() };
    } catch {
      return { kind: 'unreachable' };
    }
  },
});

let db: MejaDb;
let opened: string[];
let asked: string[];
const opener = (options: { online?: boolean; baseUrl?: string } = {}) => ({
  findIdByCode: (code: string) => findTicketIdByCode(db, code),
  canAskServer: () => options.online ?? true,
  findOnServer: (code: string) => {
    asked.push(code);
    return readServerTicket(transportTo(options.baseUrl ?? server.url), code);
  },
  open: (id: string) => void opened.push(id),
});

beforeEach(async () => {
  db = openMejaDb(`test-${randomUuid()}`);
  opened = [];
  asked = [];
  await db.tickets.put(makeTicket({ id: 'ticket-1', code: 'AB12-CD34' }));
});

afterEach(async () => {
  await db.delete();
});

describe('deep links to a ticket', () => {
  it('opens the cached ticket, whatever the case and dashes of the code, without asking the server', async () => {
    expect(await openTicketByCode(opener(), 'ab12cd34')).toBeNull();
    expect(await openTicketByCode(opener(), 'AB12-CD34')).toBeNull();
    expect(opened).toEqual(['ticket-1', 'ticket-1']);
    expect(asked).toEqual([]);
  });

  it('reads a ticket the cache lacks from the server and opens it', async () => {
    const page = (await (await fetch(`${server.url}/api/tickets?q=mailbox&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as TicketPage;
    const onServer = page.tickets[0];
    if (onServer === undefined) throw new Error('the demo has a mailbox ticket');
    expect(await openTicketByCode(opener(), onServer.code.replace('-', '').toLowerCase())).toBeNull();
    expect(asked).toEqual([onServer.code]);
    expect(opened).toEqual([onServer.id]);
  });

  it('says the server has no such ticket', async () => {
    expect(await openTicketByCode(opener(), 'zz99-zz99')).toEqual({ kind: 'ticketNotFound', code: 'ZZ99-ZZ99' });
    expect(opened).toEqual([]);
  });

  it('says the ticket is out of reach offline, without asking, and when the server does not answer', async () => {
    expect(await openTicketByCode(opener({ online: false }), 'zz99-zz99')).toEqual({ kind: 'ticketNotCached', code: 'ZZ99-ZZ99' });
    expect(asked).toEqual([]);
    const nobody = `http://127.0.0.1:${String(await freePort())}`;
    expect(await openTicketByCode(opener({ baseUrl: nobody }), 'zz99-zz99')).toEqual({ kind: 'ticketNotCached', code: 'ZZ99-ZZ99' });
    expect(asked).toEqual(['ZZ99-ZZ99']);
    expect(opened).toEqual([]);
  });

  it('refuses a link that is no ticket code', async () => {
    expect(await openTicketByCode(opener(), '../../etc')).toEqual({ kind: 'badTicketLink', code: '../../etc' });
  });

  it('asks to sign in first while signed out', async () => {
    expect(await openTicketByCode(null, 'AB12-CD34')).toEqual({ kind: 'signInFirst' });
    expect(openTicketById(null, 'ticket-1')).toEqual({ kind: 'signInFirst' });
  });

  it('opens the ticket of a clicked notification', () => {
    expect(openTicketById(opener(), 'ticket-1')).toBeNull();
    expect(opened).toEqual(['ticket-1']);
  });
});
