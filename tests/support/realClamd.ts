import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClamdAddress } from '../../server/attachments/clamdScanner';
import { findClamd, NO_CLAMD } from './findClamd';

export type RunningClamd = { address: ClamdAddress; stop(): Promise<void> };

/** The name clamd reports for the test's own signatures (it adds `.UNOFFICIAL`). */
export const TEST_SIGNATURE = 'Meja.Test.Malware';

const waitFor = async (ready: () => boolean, what: string, child: ChildProcess, log: string, timeoutMs = 60_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (child.exitCode !== null)
      throw new Error(`clamd exited (${String(child.exitCode)}) before ${what}: ${existsSync(log) ? (await readFile(log, 'utf8')).slice(-800) : 'no log'}`);
    if (Date.now() > until) throw new Error(`clamd did not ${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * A real clamd of the test's own, on a local socket in a temporary folder, whose only signatures
 * are SHA-256 hashes of the given files (a `.hsb` database): the public signature downloads are not
 * reachable here, and a made signature says exactly which file must be found.
 */
export const startClamd = async (signed: readonly Buffer[]): Promise<RunningClamd> => {
  const binary = findClamd();
  if (binary === null) throw new Error(NO_CLAMD);
  const dir = await mkdtemp(join(tmpdir(), 'meja-clamd-'));
  const database = join(dir, 'db');
  await mkdir(database);
  const signatures = signed.map(
    (file, index) => `${createHash('sha256').update(file).digest('hex')}:${file.length}:${TEST_SIGNATURE}${index === 0 ? '' : `.${index}`}`,
  );
  await writeFile(join(database, 'meja-test.hsb'), `${signatures.join('\n')}\n`);
  const socket = join(dir, 'clamd.sock');
  const log = join(dir, 'clamd.log');
  const config = join(dir, 'clamd.conf');
  await writeFile(
    config,
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${database}`,
      'Foreground yes',
      `LogFile ${log}`,
      `TemporaryDirectory ${dir}`,
      'StreamMaxLength 64M',
      'MaxThreads 4',
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-c', config], { stdio: 'ignore' });
  try {
    await waitFor(() => existsSync(socket), 'open its socket', child, log);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    address: { socket },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
