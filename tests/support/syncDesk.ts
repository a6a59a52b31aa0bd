import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { createDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { createTestClient, login, type TestClient } from './syncClient';
import { startTestServer, type TestServer } from './testServer';

type StaffMember = Parameters<TestServer['createUser']>[1];

export type SyncDesk = {
  readonly server: TestServer;
  readonly adminToken: string;
  /** A console of this staff member (or of one a test added, with its password), closed in the afterAll. */
  client(username: string, password?: string): Promise<TestClient>;
  /** One mutation pushed by a bare client (not a console's engine): what a forged or odd push meets. */
  push(token: string, name: string, args: unknown): Promise<PushResponse>;
  /** Every change of a scoped pull from the beginning (the user's working set), keyed `entity/id`. */
  pullWorkingSet(token: string): Promise<Set<string>>;
};

/**
 * A server of the `describe`'s own on a fresh database with the given staff, started in its
 * beforeAll and stopped with every console in its afterAll. Read its fields inside tests.
 */
export const useSyncDesk = (kind: DatabaseKind, staff: readonly StaffMember[]): SyncDesk => {
  let database: TestDatabase | undefined;
  let server: TestServer | undefined;
  let adminToken: string | undefined;
  const clients: TestClient[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the desk exists once beforeAll has run');
    return value;
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    for (const member of staff) await server.createUser(adminToken, member);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
    await database?.drop();
  });

  return {
    get server() {
      return ready(server);
    },
    get adminToken() {
      return ready(adminToken);
    },
    client: async (username, password = staff.find((m) => m.username === username)?.password) => {
      if (password === undefined) throw new Error(`${username} is not on this desk's staff: give their password`);
      const url = ready(server).url;
      const made = await createTestClient({ baseUrl: url, username, password, name: `${kind}-${username}`, seed: clients.length + 1 });
      clients.push(made);
      return made;
    },
    push: async (token, name, args) => {
      const response = await fetch(`${ready(server).url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: `raw-${randomUUID()}`, mutations: [{ id: randomUUID(), name, args }] }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as PushResponse;
    },
    pullWorkingSet: async (token) => {
      const keys = new Set<string>();
      let cursor: string | null = null;
      for (;;) {
        const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response = await fetch(`${ready(server).url}/api/sync/pull?limit=1000&scope=working${after}`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        const page = (await response.json()) as PullResponse;
        expect(page.scopeAt).toBeDefined();
        for (const change of page.changes) keys.add(`${change.entity}/${change.id}`);
        cursor = page.cursor;
        if (!page.hasMore) return keys;
      }
    },
  };
};
