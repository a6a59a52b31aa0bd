import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgAdminUrl } from './databases';
import { postgresForRun, startThrowawayPostgres } from './throwawayPostgres';

/* The run's PostgreSQL: a throwaway cluster per run, gone afterwards however the run ends. */

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The real user id a process runs as, from /proc. */
const uidOf = (pid: number): number => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

const query = async (url: string, text: string): Promise<Record<string, unknown>> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text)).rows[0] ?? {};
  } finally {
    await client.end();
  }
};

describe('a throwaway PostgreSQL cluster', () => {
  it('runs two at once, each on its own port and folder, as an unprivileged user, and stop() removes each', async () => {
    const [first, second] = await Promise.all([startThrowawayPostgres(), startThrowawayPostgres()]);
    try {
      expect(new URL(first.adminUrl).hostname).toBe('127.0.0.1');
      expect(new URL(first.adminUrl).port).not.toBe(new URL(second.adminUrl).port);
      expect(first.dataDir).not.toBe(second.dataDir);
      for (const server of [first, second]) {
        expect(existsSync(server.dataDir)).toBe(true);
        expect(isRunning(server.postmasterPid)).toBe(true);
        expect(uidOf(server.postmasterPid)).not.toBe(0);
        expect(
          await query(
            server.adminUrl,
            "select current_setting('fsync') as fsync, current_setting('max_connections')::int >= 100 as roomy, current_setting('data_directory') as data",
          ),
        ).toEqual({ fsync: 'on', roomy: true, data: `${server.dataDir}/data` });
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    for (const server of [first, second]) {
      expect(existsSync(server.dataDir)).toBe(false);
      expect(isRunning(server.postmasterPid)).toBe(false);
    }
  });

  it('goes when the process that started it is killed outright (SIGKILL leaves it no time to stop anything)', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./throwawayPostgresHolder.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise<{ dir: string; pid: number }>((resolve, reject) => {
      let out = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))) as { dir: string; pid: number });
      });
      holder.once('exit', (code) => reject(new Error(`the holder ended first (${String(code)})`)));
    });
    expect(existsSync(started.dir)).toBe(true);
    expect(isRunning(started.pid)).toBe(true);
    holder.kill('SIGKILL');
    await expect.poll(() => existsSync(started.dir) || isRunning(started.pid), { timeout: 20_000 }).toBe(false);
  });

  it("uses MEJA_TEST_PG_URL's server where it is set and answers, and starts none of its own", async () => {
    const given = await postgresForRun({ MEJA_TEST_PG_URL: pgAdminUrl() });
    expect(given.adminUrl).toBe(pgAdminUrl());
    expect(given.description).toMatch(/^MEJA_TEST_PG_URL /);
    await given.stop();
    expect(await query(pgAdminUrl(), 'select 1 as one')).toEqual({ one: 1 });
  });

  it('fails at once, naming MEJA_TEST_PG_URL without its password, where that server does not answer', async () => {
    await expect(postgresForRun({ MEJA_TEST_PG_URL: 'postgres://someone:secret@127.0.0.1:1/postgres' })).rejects.toThrow(
      /^MEJA_TEST_PG_URL \(postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/postgres\) does not answer: .*Unset it to let the run start a throwaway PostgreSQL of its own\.$/,
    );
  });
});
