import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedCode } from '../../server/import/draft';
import { importCodeKey } from '../../server/import/importCodeKey';
import { CODE_ALPHABET } from '../../shared/domain/ticketCode';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * Imported tickets' caller codes are keyed with a secret that each database makes once and never
 * sends: a code computed from the format and the source's incident number alone (unkeyedCode
 * below) would let anyone who knew both read the ticket on /track.
 */

const excerpt = readFileSync(fileURLToPath(new URL('../fixtures/uci-incident-excerpt.csv', import.meta.url)));
/** A code without the key: computable by anyone from the incident number, which no imported ticket may have. */
const unkeyedCode = (format: string, externalId: string, attempt: number): string => {
  const bytes = createHash('sha256').update(`code\n${format}\n${externalId}\n${attempt}`).digest();
  let out = '';
  for (let i = 0; i < 8; i += 1) out += `${i === 4 ? '-' : ''}${CODE_ALPHABET[(bytes[i] ?? 0) % 32] ?? '0'}`;
  return out;
};

const importExcerpt = async (server: TestServer): Promise<void> => {
  const { token } = await login(server.url, 'admin', server.adminPassword);
  const response = await fetch(`${server.url}/api/admin/import?format=servicenow-events`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: excerpt,
  });
  expect(response.status).toBe(201);
};

/** Incident number → caller code of every imported UCI ticket. */
const codesOf = async (server: TestServer): Promise<Map<string, string>> => {
  const rows = await server.db
    .selectFrom('ticket_imports')
    .innerJoin('tickets', 'tickets.id', 'ticket_imports.ticket_id')
    .select(['ticket_imports.external_id', 'tickets.code'])
    .where('ticket_imports.source', '=', 'servicenow-events')
    .execute();
  return new Map(rows.map((row) => [row.external_id, row.code]));
};

describe.each(DATABASE_KINDS)('caller codes of imported tickets on %s', (kind) => {
  const databases: TestDatabase[] = [];
  const servers: TestServer[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const database = await createDatabase(kind);
      databases.push(database);
      servers.push(await startTestServer(database.url));
    }
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const database of databases) await database.drop();
  });

  it('cannot be computed from the incident number: two fresh servers importing the same file give different codes', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    await importExcerpt(first);
    await importExcerpt(second);
    const codes = await codesOf(first);
    const others = await codesOf(second);
    expect(codes.size).toBe(5);
    for (const [incident, code] of codes) {
      for (let attempt = 0; attempt < 3; attempt += 1) expect(code).not.toBe(unkeyedCode('servicenow-events', incident, attempt));
      expect(others.get(incident)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(others.get(incident)).not.toBe(code);
      // Still a working code for the caller.
      expect((await fetch(`${first.url}/api/track/${code}`)).status).toBe(200);
    }
  });

  it('keys them with a secret kept in the database, shared by every instance on it and never sent to a client', async () => {
    const [first] = servers as [TestServer];
    const key = await importCodeKey(first.db);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const sibling = await startTestServer(databases[0]?.url ?? '');
    try {
      expect(await importCodeKey(sibling.db)).toBe(key);
    } finally {
      await sibling.close();
    }
    // Same database, same code: two imports of one file racing each other write the same one.
    for (const [incident, code] of await codesOf(first)) expect(code).toBe(derivedCode(key, 'servicenow-events', incident, 0));
    const { token } = await login(first.url, 'admin', first.adminPassword);
    const pulled = JSON.stringify([...(await pullAll(first.url, token)).entries()]);
    const [code] = (await codesOf(first)).values();
    const tracked = await (await fetch(`${first.url}/api/track/${code ?? ''}`)).text();
    const audit = await (await fetch(`${first.url}/api/admin/audit`, { headers: { authorization: `Bearer ${token}` } })).text();
    for (const answer of [pulled, tracked, audit]) expect(answer).not.toContain(key);
  });
});
