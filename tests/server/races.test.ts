import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * Two server instances on one PostgreSQL database receive the same work at the same moment.
 * (The embedded SQLite server is one instance by design.)
 */
describe('two instances on one postgres database', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  let tokenFirst: string;
  let tokenSecond: string;

  beforeAll(async () => {
    database = await createDatabase('postgres');
    first = await startTestServer(database.url);
    second = await startTestServer(database.url);
    tokenFirst = (await login(first.url, 'admin', first.adminPassword)).token;
    tokenSecond = (await login(second.url, 'admin', second.adminPassword)).token;
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('applies a mutation id sent to both exactly once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const mutation = { id: randomUUID(), name: 'ticket:create', args: makeCreateArgs() };
      const answers = await Promise.all([push(first.url, tokenFirst, [mutation]), push(second.url, tokenSecond, [mutation])]);
      expect(answers.map((a) => a.results[0]?.status).sort()).toEqual(['applied', 'duplicate']);
    }
  });

  it('gives a caller code to one of two tickets created at once; the other gets code_taken', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = makeCreateArgs();
      const b = makeCreateArgs({ code: a.code });
      const answers = await Promise.all([
        push(first.url, tokenFirst, [{ name: 'ticket:create', args: a }]),
        push(second.url, tokenSecond, [{ name: 'ticket:create', args: b }]),
      ]);
      const results = answers.map((answer) => answer.results[0]);
      expect(results.map((r) => r?.status).sort()).toEqual(['applied', 'rejected']);
      expect(results.find((r) => r?.status === 'rejected')?.error?.code).toBe('code_taken');
    }
  });

  it('numbers tickets without gaps or repeats across both instances', async () => {
    await Promise.all(
      [first, second].map((server, i) =>
        Promise.all(
          Array.from({ length: 3 }, () =>
            push(
              server.url,
              i === 0 ? tokenFirst : tokenSecond,
              Array.from({ length: 4 }, () => ({ name: 'ticket:create', args: makeCreateArgs() })),
            ),
          ),
        ),
      ),
    );
    const { changes } = await pullToEnd(first.url, tokenFirst);
    const numbers = changes.flatMap((c) => (c.entity === 'ticket' && c.op === 'put' && c.data.number !== null ? [c.data.number] : [])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const events = changes.filter((c) => c.entity === 'event' && c.op === 'put' && c.data.type === 'created');
    expect(events).toHaveLength(numbers.length);
  });
});
