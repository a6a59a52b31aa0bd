import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** The operations commands as `npm run` runs them. */
export const OPS_SCRIPTS = { backup: 'backup.ts', restore: 'restore.ts', 'migrate-db': 'migrateDb.ts' } as const;

/**
 * Runs `npm run backup|restore|migrate-db -- <args>` as its own process, without blocking this
 * one: a test's clients keep pushing to the server meanwhile. `env` is added to this process's.
 */
export const runOpsCli = (command: keyof typeof OPS_SCRIPTS, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', OPS_SCRIPTS[command]), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
