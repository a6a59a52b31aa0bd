import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password';
import { ticketIdOf } from '../../server/import/draft';
import { technicianIdOf } from '../../server/import/importUsers';
import { runImport } from '../../server/import/runImport';
import type { Ticket } from '../../shared/domain/ticket';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { push } from '../support/http';
import { login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const UCI = fixture('uci-incident-excerpt.csv');
const HELPDESK = fixture('helpdesk-excerpt.csv');
const TABLES = ['tickets', 'ticket_events', 'users', 'sync_changes', 'ticket_imports', 'ticket_facts', 'counters'] as const;

/** Every row of the tables an import writes, in a fixed order, to compare two states of the database. */
const snapshot = async (server: TestServer): Promise<string> => {
  const parts: unknown[] = [];
  for (const table of TABLES) {
    const rows = await server.db.selectFrom(table).selectAll().execute();
    parts.push(rows.map((row) => JSON.stringify(row)).sort());
  }
  return JSON.stringify(parts);
};

describe.each(DATABASE_KINDS)('importing history on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'meja-import-test-'));

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const factsOf = (format: 'servicenow-events' | 'helpdesk-events' | 'csv', externalId: string) =>
    server.db.selectFrom('ticket_facts').selectAll().where('ticket_id', '=', ticketIdOf(format, externalId)).executeTakeFirstOrThrow();

  it('imports the UCI excerpt, and a second import changes nothing at all', async () => {
    const first = await runImport(server.db, server.kind, 'servicenow-events', UCI);
    expect(first).toMatchObject({ rows: 45, tickets: 5, created: 5, updated: 0, unchanged: 0, skipped: [], creditDisagreements: 0 });
    expect(first.technicians).toEqual({ total: 5, created: 6 });
    const before = await snapshot(server);
    const second = await runImport(server.db, server.kind, 'servicenow-events', UCI);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 5, technicians: { total: 5, created: 0 } });
    expect(await snapshot(server)).toBe(before);
  });

  it('credits the later of two Resolved spells, as the statistics replay the assignments', async () => {
    const facts = await factsOf('servicenow-events', 'INC0001312');
    expect(facts.credited_to).toBe(technicianIdOf('servicenow-events', 'Resolver 194'));
    expect(facts.is_reopened).toBe(1);
    const events = await server.db
      .selectFrom('ticket_events')
      .select(['type', 'data'])
      .where('ticket_id', '=', ticketIdOf('servicenow-events', 'INC0001312'))
      .orderBy('id')
      .execute();
    const reopen = events.filter((e) => e.type === 'status_changed').map((e) => JSON.parse(e.data) as { from: string; to: string; isReopen: boolean });
    expect(reopen).toContainEqual({ from: 'resolved', to: 'open', resolution: null, isReopen: true });
    const assigned = events.filter((e) => e.type === 'assigned').map((e) => (JSON.parse(e.data) as { to: string | null }).to);
    expect(assigned).toEqual([technicianIdOf('servicenow-events', 'Resolver 139'), null, technicianIdOf('servicenow-events', 'Resolver 194')]);
  });

  it('takes the later row on a sys_mod_count tie and keeps made_sla and source fields as provenance', async () => {
    const ticket = await server.db.selectFrom('tickets').selectAll().where('id', '=', ticketIdOf('servicenow-events', 'INC0000135')).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      status: 'closed',
      priority: 'normal',
      channel: 'phone',
      requester_name: 'Caller 5331',
      assignee_id: technicianIdOf('servicenow-events', 'Resolver 216'),
    });
    expect(ticket.closed_at).toBe(Date.parse('2016-03-05T17:00:00Z'));
    const provenance = await server.db.selectFrom('ticket_imports').selectAll().where('external_id', '=', 'INC0000135').executeTakeFirstOrThrow();
    expect(provenance).toMatchObject({ source: 'servicenow-events', made_sla: 1 });
    expect(JSON.parse(provenance.extra)).toMatchObject({ assignment_group: 'Group 70', incident_state: 'Closed' });
  });

  it('makes technician accounts that no password opens', async () => {
    const user = await server.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', technicianIdOf('servicenow-events', 'Resolver 194'))
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ username: 'uci.resolver-194', display_name: 'Resolver 194', role: 'technician', active: 1 });
    expect(await verifyPassword('', user.password_hash)).toBe(false);
    expect(await verifyPassword('Resolver 194', user.password_hash)).toBe(false);
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'uci.resolver-194', password: 'anything-at-all' }),
    });
    expect(response.status).toBe(401);
  });

  it('shows imported tickets, their timelines and technicians to a console that pulls', async () => {
    const { token } = await login(server.url, 'admin', server.adminPassword);
    const state = await pullAll(server.url, token);
    const ticket = state.get(`ticket/${ticketIdOf('servicenow-events', 'INC0000102')}`) as Ticket | undefined;
    expect(ticket).toMatchObject({ status: 'closed', reopenCount: 1, requester: { name: expect.stringMatching(/^Caller /) as unknown } });
    expect(ticket?.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(state.has(`user/${technicianIdOf('servicenow-events', 'Resolver 31')}`)).toBe(true);
    const events = [...state.keys()].filter((key) => key.startsWith(`event/${ticketIdOf('servicenow-events', 'INC0000102')}:`));
    const stored = await server.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketIdOf('servicenow-events', 'INC0000102')).execute();
    expect(events).toHaveLength(stored.length);
  });

  it('imports the Helpdesk excerpt: escalation, resolution credit, same result twice', async () => {
    const first = await runImport(server.db, server.kind, 'helpdesk-events', HELPDESK);
    expect(first).toMatchObject({ rows: 10, tickets: 2, created: 2, skipped: [], creditDisagreements: 0 });
    const escalated = await factsOf('helpdesk-events', 'Case462');
    expect(escalated.is_escalated).toBe(1);
    expect(escalated.tier).toBe(2);
    expect(escalated.credited_to).not.toBeNull();
    expect((await runImport(server.db, server.kind, 'helpdesk-events', HELPDESK)).unchanged).toBe(2);
  });

  it('imports the generic CSV, skipping bad rows with their reasons, and updates a changed ticket', async () => {
    const header =
      'external_id,title,description,requester_name,requester_contact,category,priority,channel,status,tier,assignee,created_at,resolved_at,closed_at,reopen_count';
    const rows = [
      'OLD-1,Printer jams,"Tray 2, every morning",Ana,ana@example.com,printing,high,phone,resolved,2,Budi,2024-03-01T08:00:00Z,2024-03-01T10:30:00Z,,0',
      '7K3M-9QPX,VPN drops,,Rina,,network,,email,open,1,,2024-03-02T09:00:00+07:00,,,',
      'OLD-3,No time,,Ana,,,,,,,,yesterday,,,',
      'OLD-4,Bad priority,,Ana,,,critical,,,,,2024-03-01T08:00:00Z,,,',
      'OLD-5,Closed without resolution,,Ana,,,,,closed,,,2024-03-01T08:00:00Z,,2024-03-02T08:00:00Z,',
      'OLD-1,Duplicate,,Ana,,,,,,,,2024-03-01T08:00:00Z,,,',
      ',No id,,Ana,,,,,,,,2024-03-01T08:00:00Z,,,',
    ];
    const file = join(dir, 'tickets.csv');
    writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
    const report = await runImport(server.db, server.kind, 'csv', file);
    expect(report).toMatchObject({ tickets: 2, created: 2 });
    expect(report.skipped).toEqual([
      { line: 4, reason: 'created_at is not an ISO 8601 time with a time zone' },
      { line: 5, reason: 'priority must be one of low, normal, high, urgent' },
      { line: 6, reason: 'status closed needs resolved_at' },
      { line: 7, reason: 'duplicate external_id OLD-1' },
      { line: 8, reason: 'missing external_id' },
    ]);
    const vpn = await server.db.selectFrom('tickets').selectAll().where('id', '=', ticketIdOf('csv', '7K3M-9QPX')).executeTakeFirstOrThrow();
    // A source id that is a valid caller code is kept as the code.
    expect(vpn).toMatchObject({ code: '7K3M-9QPX', status: 'open', priority: 'normal', channel: 'email', created_at: Date.parse('2024-03-02T02:00:00Z') });
    const printer = await factsOf('csv', 'OLD-1');
    expect(printer).toMatchObject({ credited_to: technicianIdOf('csv', 'Budi'), tier: 2, resolved_at: Date.parse('2024-03-01T10:30:00Z') });

    // A technician tags the ticket the source then changes: importing it again keeps the tag (the desk's, not the source's).
    const admin = await login(server.url, 'admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'tagger', password: 'technician-pass', displayName: 'Tagger', role: 'technician', tier: 1 });
    const tagged = await push(server.url, (await login(server.url, 'tagger', 'technician-pass')).token, [
      { name: 'ticket:tag', args: { id: ticketIdOf('csv', 'OLD-1'), add: ['printer'] } },
    ]);
    expect(tagged.results.map((r) => r.status)).toEqual(['applied']);

    writeFileSync(file, `${header}\n${rows[0]?.replace('Printer jams', 'Printer jams daily')}\n${rows[1]}\n`);
    const again = await runImport(server.db, server.kind, 'csv', file);
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const renamed = await server.db
      .selectFrom('tickets')
      .select(['title', 'code', 'number'])
      .where('id', '=', ticketIdOf('csv', 'OLD-1'))
      .executeTakeFirstOrThrow();
    expect(renamed.title).toBe('Printer jams daily');
    const tags = await server.db.selectFrom('ticket_tags').select(['ticket_id', 'tag']).orderBy('tag').execute();
    expect(tags).toEqual([{ ticket_id: ticketIdOf('csv', 'OLD-1'), tag: 'printer' }]);
    // Consoles get it with its tag too.
    expect((await pullAll(server.url, admin.token)).get(`ticket/${ticketIdOf('csv', 'OLD-1')}`)).toMatchObject({
      title: 'Printer jams daily',
      tags: ['printer'],
    });

    // Links and the problem mark are the desk's too: importing again keeps them on both tickets.
    const [vpnId, printerId] = [ticketIdOf('csv', '7K3M-9QPX'), ticketIdOf('csv', 'OLD-1')];
    const linked = await push(server.url, (await login(server.url, 'tagger', 'technician-pass')).token, [
      { name: 'ticket:markProblem', args: { id: vpnId, isProblem: true } },
      { name: 'ticket:link', args: { id: printerId, otherId: vpnId, kind: 'problem' } },
    ]);
    expect(linked.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await runImport(server.db, server.kind, 'csv', file)).toMatchObject({ created: 0, updated: 2 });
    const pulled = await pullAll(server.url, admin.token);
    expect(pulled.get(`ticket/${vpnId}`)).toMatchObject({ isProblem: true, links: [{ otherId: printerId, kind: 'incident' }] });
    expect(pulled.get(`ticket/${printerId}`)).toMatchObject({ tags: ['printer'], links: [{ otherId: vpnId, kind: 'problem' }] });
    const links = await server.db.selectFrom('ticket_links').selectAll().where('ticket_id', 'in', [vpnId, printerId]).execute();
    expect(links.map((l) => `${l.ticket_id}>${l.other_id}:${l.kind}`).sort()).toEqual(
      [`${printerId}>${vpnId}:problem`, `${vpnId}>${printerId}:incident`].sort(),
    );
  });
});
