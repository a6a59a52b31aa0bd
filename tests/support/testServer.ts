import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startServer, type RunningServer, type StartOptions } from '../../server/app';
import type { Notifier } from '../../server/sync/notifier';
import type { Role } from '../../shared/domain/records';
import type { SlaPolicy } from '../../shared/domain/sla';
import { login } from './syncClient';

export const TEST_ADMIN_PASSWORD = 'admin-test-password';

export type TestServer = RunningServer & {
  adminPassword: string;
  /** Where this server keeps attachment files. */
  filesDir: string;
  createUser(token: string, user: { username: string; password: string; displayName: string; role: Role; tier?: number | null }): Promise<void>;
};

/** The real server on a free loopback port over the given database. */
export const startTestServer = async (
  databaseUrl: string,
  options: { demo?: boolean; slaPolicy?: SlaPolicy; notifier?: Notifier; staticDir?: string; pullWaitMs?: number } & Pick<
    StartOptions,
    | 'trackRate'
    | 'helpRate'
    | 'loginAccountRate'
    | 'loginAddressRate'
    | 'eventHeartbeatMs'
    | 'tls'
    | 'trustProxy'
    | 'now'
    | 'syncScope'
    | 'onQuery'
    | 'pullFewRows'
    | 'attachments'
    | 'autoCloseDays'
    | 'closeOnConfirm'
    | 'autoCloseEveryMs'
    | 'mail'
    | 'mailIn'
    | 'publicUrl'
    | 'mailEveryMs'
    | 'uploadCleanupEveryMs'
  > = {},
): Promise<TestServer> => {
  // Attachment files in a folder of this server's own (the default, beside a PostgreSQL server's working directory, would be the checkout).
  const filesDir = await mkdtemp(join(tmpdir(), 'meja-test-files-'));
  const attachments = { filesDir, ...options.attachments };
  const server = await startServer({ databaseUrl, port: 0, adminPassword: TEST_ADMIN_PASSWORD, ...options, attachments, demo: options.demo ?? false });
  return {
    ...server,
    filesDir: attachments.filesDir,
    close: async () => {
      await server.close();
      await rm(filesDir, { recursive: true, force: true });
    },
    adminPassword: TEST_ADMIN_PASSWORD,
    createUser: async (token, user) => {
      const response = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(user),
      });
      if (response.status !== 201) throw new Error(`create user ${user.username}: ${response.status} ${await response.text()}`);
    },
  };
};

/** Creates the technician tina (tier 1) through the admin and signs her in, as most sync tests act; returns her token. */
export const signInTechnician = async (server: TestServer, password = 'tina-password'): Promise<string> => {
  const admin = await login(server.url, 'admin', server.adminPassword);
  await server.createUser(admin.token, { username: 'tina', password, displayName: 'Tina', role: 'technician', tier: 1 });
  return (await login(server.url, 'tina', password)).token;
};

/** What the server recorded for every mutation id it has seen, read straight from its database. */
export const appliedMutationStatuses = async (databaseUrl: string): Promise<Map<string, string>> => {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      const rows = db.prepare('select id, status from applied_mutations').all() as Array<{ id: string; status: string }>;
      return new Map(rows.map((row) => [row.id, row.status]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; status: string }>('select id, status from applied_mutations');
    return new Map(rows.map((row) => [row.id, row.status]));
  } finally {
    await client.end();
  }
};
