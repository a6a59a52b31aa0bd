import { afterAll, beforeAll } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import { createDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { call, type EventStream } from './http';
import { login, type TestClient } from './syncClient';
import { startTestServer, type TestServer } from './testServer';

/** Whether the server ends the stream within `ms`. */
export const endsWithin = async (stream: EventStream, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([stream.ended().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A server of its own for one `describe` (set up in its beforeAll, closed in its afterAll), signed
 * in as its admin, with the account requests the user-management tests make. Read `server` and
 * `admin` inside tests only: they exist once beforeAll has run.
 */
export const useStaffServer = (kind: DatabaseKind) => {
  let database: TestDatabase | undefined;
  let server: TestServer | undefined;
  let admin: { token: string; user: PublicUser } | undefined;
  /** Consoles a test starts; closed with the server. */
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = await login(server.url, 'admin', server.adminPassword);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
    await database?.drop();
  });

  const running = (): TestServer => {
    if (server === undefined) throw new Error('the server starts in beforeAll');
    return server;
  };
  const signedIn = (): { token: string; user: PublicUser } => {
    if (admin === undefined) throw new Error('the admin signs in in beforeAll');
    return admin;
  };

  return {
    clients,
    get server(): TestServer {
      return running();
    },
    get databaseUrl(): string {
      if (database === undefined) throw new Error('the database is made in beforeAll');
      return database.url;
    },
    get admin(): { token: string; user: PublicUser } {
      return signedIn();
    },
    /** Creates a user through the API and signs them in; their password is `<username>-password`. */
    staff: async (username: string, role: PublicUser['role'], tier: 1 | 2 | 3 | null = null) => {
      await running().createUser(signedIn().token, { username, password: `${username}-password`, displayName: username, role, tier });
      return login(running().url, username, `${username}-password`);
    },
    patch: (id: string, body: unknown, token = signedIn().token) => call(running().url, 'PATCH', `/api/users/${id}`, token, body),
    setPassword: (id: string, body: unknown, token: string | null = signedIn().token) => call(running().url, 'POST', `/api/users/${id}/password`, token, body),
    signInStatus: async (username: string, password: string) => (await call(running().url, 'POST', '/api/auth/login', null, { username, password })).status,
  };
};
