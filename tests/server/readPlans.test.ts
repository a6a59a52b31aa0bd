import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../server/db/changeFeed';
import { findTicketWithTimeline } from '../../server/search/searchTickets';
import { workingSetQuery } from '../../server/sync/workingSet';
import { DEFAULT_WORKING_SET_PARAMS } from '../../shared/sync/workingSet';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { plansOf } from '../support/queryPlans';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/**
 * How the server reads a desk for a ticket or a scoped pull, by the plans of the queries it sends: on a million tickets
 * (docs/BENCHMARKS.md, "Million-ticket desk") a read that walks every record of a kind takes
 * seconds, one keyed by the ticket milliseconds. A small desk cannot show that by its timing, so
 * the plans are checked: every step must look up rows by a key that names one ticket or record.
 */

/** SQLite plan steps that read a table or an index (not sorts or unions). */
const tableSteps = (plan: string): string[] =>
  plan
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(SCAN|SEARCH) /.test(line));

describe.each(DATABASE_KINDS)('reads of a desk on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token = '';
  let userId = '';
  const ids: string[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
    userId = (await server.db.selectFrom('users').select('id').where('username', '=', 'tina').executeTakeFirstOrThrow()).id;
    // A few tickets with a timeline each, so the feed holds records of every kind for other tickets too.
    for (let n = 0; n < 4; n += 1) {
      const args = makeCreateArgs({ title: `Docking station ${n} not detected` });
      ids.push(args.id);
      await push(server.url, token, [
        { name: 'ticket:create', args },
        { name: 'note:add', args: { id: randomUUID(), ticketId: args.id, body: 'Swapped the cable.', visibility: 'internal' } },
        {
          name: 'session:save',
          args: { id: randomUUID(), ticketId: args.id, tool: 'rdp', target: `pc-${n}`, startedAt: new Date().toISOString(), consent: true, steps: [] },
        },
        { name: 'ticket:transition', args: { id: args.id, from: 'new', to: 'resolved', resolution: 'Cable swapped.' } },
      ]);
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('opens a ticket with its timeline through keys of that ticket, never walking the records of a kind', async () => {
    const id = ids[1] ?? '';
    const found = await findTicketWithTimeline(server.db, kind, id);
    expect(found?.events.length).toBeGreaterThan(2);
    expect(found?.notes).toHaveLength(1);
    expect(found?.sessions).toHaveLength(1);
    const plans = await plansOf(database.url, kind, (db) => findTicketWithTimeline(db, kind, id));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      if (kind === 'postgres') {
        expect(plan).not.toMatch(/Seq Scan/);
        continue;
      }
      const steps = tableSteps(plan);
      expect(steps.length, plan).toBeGreaterThan(0);
      // `(entity=?)` alone would be every event of the desk; a key names one ticket or one record.
      for (const step of steps) expect(step, plan).toMatch(/^SEARCH .*\((?:.* AND )?(ticket_id|entity_id|id|number|code)=\?/);
    }
  });

  it("asks the working set of a few rows' tickets through keys of those tickets, never computing the whole set", async () => {
    const now = new Date().toISOString();
    const among = ids.slice(0, 2);
    const plans = await plansOf(database.url, kind, (db) => workingSetQuery(db, kind, userId, now, DEFAULT_WORKING_SET_PARAMS, among).execute());
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      if (kind === 'postgres') {
        expect(plan).not.toMatch(/Seq Scan/);
        continue;
      }
      const steps = tableSteps(plan);
      expect(steps.length, plan).toBeGreaterThan(0);
      // Each part of the rule through the key of a ticket; the openings' part through the user's.
      for (const step of steps) expect(step, plan).toMatch(/^SEARCH .*\((?:.* AND )?(ticket_id|id|user_id)=\?/);
    }
  });

  it('reads a page of a scoped pull in feed order from its cursor, testing each row against the working set, not every record of the set', async () => {
    const now = new Date().toISOString();
    const plans = await plansOf(database.url, kind, async (db) => {
      const scope = { tickets: (among?: readonly string[]) => workingSetQuery(db, kind, userId, now, DEFAULT_WORKING_SET_PARAMS, among) };
      const page = await readChanges(db, kind, { tx: 0, seq: 0 }, 3, { count: false, scope: { ...scope, only: ['ticket', 'user'] } });
      expect(page.changes.length).toBe(3);
      await readChanges(db, kind, page.last, 3, { count: false, scope });
    });
    const pages = plans.filter((plan) => /sync_changes/.test(plan));
    expect(pages.length, plans.join('\n\n')).toBeGreaterThanOrEqual(2);
    for (const plan of pages) {
      expect(plan).not.toMatch(kind === 'sqlite' ? /^SCAN /m : /Seq Scan/);
      // PostgreSQL chooses by its statistics; SQLite, without them, read every record of every ticket of the set through the ticket index and sorted them, for each page.
      if (kind === 'postgres') continue;
      expect(plan).toMatch(/sync_changes_position/);
      expect(plan).not.toMatch(/sync_changes_ticket/);
    }
  });
});
