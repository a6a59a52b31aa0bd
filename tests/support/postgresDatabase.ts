import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestDatabase = { url: string; kind: 'sqlite' | 'postgres'; drop: () => Promise<void> };

const withUrlDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** A new, empty database on the server `adminUrl` names (as a role that may create databases), dropped by `drop()`. */
export const createPostgresDatabaseOn = async (adminUrl: string): Promise<TestDatabase> => {
  const name = `meja_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withUrlDatabase(adminUrl, name),
    kind: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
};
