import { execFileSync } from 'node:child_process';

/*
 * Where the end-to-end server listens and how to sign in to it; shared by the config and the tests.
 * Playwright's runner loads the config (and so this file) first and starts its workers with its own
 * environment: the runner picks a free port once and the workers read the same one.
 */

/** A loopback port nothing listens on now, asked of the kernel by a short child process (the config cannot wait for a socket). */
const freePortNow = (): number =>
  Number(
    execFileSync(
      process.execPath,
      ['-e', "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
      {
        encoding: 'utf8',
      },
    ),
  );

process.env.MEJA_E2E_PORT ??= String(freePortNow());

export const E2E_PORT = Number(process.env.MEJA_E2E_PORT);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
export const DEMO_PASSWORD = 'demo-password';
