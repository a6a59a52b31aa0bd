import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { freePort } from '../support/freePort';
import { makeTestCertificate, type TestCertificate } from '../support/testCertificate';

type Run = { code: number | null; stdout: string; stderr: string };

/**
 * `npm run server` as an operator runs it (`server/main.ts` in its own process), until it prints
 * the web console's address or exits; then it is stopped with SIGTERM.
 */
const runServer = (env: Record<string, string>): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, MEJA_HOST: '127.0.0.1', MEJA_LOG: 'warn', MEJA_ADMIN_PASSWORD: 'tls-startup-admin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // main.ts ends what it prints with an empty line.
      if (stdout.includes('web console:') && stdout.endsWith('\n\n')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('npm run server with MEJA_TLS_CERT and MEJA_TLS_KEY', () => {
  let certificate: TestCertificate;
  let database: TestDatabase;

  beforeAll(async () => {
    certificate = await makeTestCertificate();
    database = await createSqliteDatabase();
  });

  afterAll(async () => {
    await certificate?.close();
    await database?.drop();
  });

  it('prints an https address, and the certificate it serves', async () => {
    const port = await freePort();
    const run = await runServer({
      MEJA_PORT: String(port),
      MEJA_DATABASE_URL: database.url,
      MEJA_TLS_CERT: certificate.certFile,
      MEJA_TLS_KEY: certificate.keyFile,
      MEJA_TRUST_PROXY: '127.0.0.1',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Meja server https://127.0.0.1:${port} (sqlite:`);
    expect(run.stdout).toContain(`web console: https://127.0.0.1:${port}/`);
    expect(run.stdout).toMatch(/certificate \(MEJA_TLS_CERT\) valid until \d{4}-/);
    expect(run.stdout).toContain('client addresses from X-Forwarded-For sent by: 127.0.0.1 (MEJA_TRUST_PROXY)');
    expect(run.stdout).not.toContain('http://');
  });

  it("does not start, and says why, with a key that is not the certificate's or with one file of the two", async () => {
    const port = String(await freePort());
    const mismatched = await runServer({
      MEJA_PORT: port,
      MEJA_DATABASE_URL: database.url,
      MEJA_TLS_CERT: certificate.certFile,
      MEJA_TLS_KEY: certificate.otherKeyFile,
    });
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain(
      `Meja server could not start: MEJA_TLS_KEY: the key in ${certificate.otherKeyFile} does not belong to the certificate in ${certificate.certFile}`,
    );
    expect(mismatched.stdout).toBe('');
    const half = await runServer({ MEJA_PORT: port, MEJA_DATABASE_URL: database.url, MEJA_TLS_CERT: certificate.certFile });
    expect(half.code).toBe(1);
    expect(half.stderr).toContain('Meja server could not start: MEJA_TLS_CERT is set but MEJA_TLS_KEY is not');
    const badList = await runServer({ MEJA_PORT: port, MEJA_DATABASE_URL: database.url, MEJA_TRUST_PROXY: '10.0.0.0/0' });
    expect(badList.code).toBe(1);
    expect(badList.stderr).toContain('Meja server could not start: MEJA_TRUST_PROXY must list the addresses or CIDR ranges');
  });
});
