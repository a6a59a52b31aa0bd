import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isErrorLine, libpqConnection, versionHint } from './libpq';
import { Refused } from './refused';

export type PgTool = 'pg_dump' | 'pg_restore';

const missingTool = (tool: PgTool): Refused =>
  new Refused(
    `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version (Debian and Ubuntu: apt install postgresql-client-<major>), or put their bin folder (e.g. /usr/lib/postgresql/15/bin) first on PATH.`,
  );

/**
 * Runs pg_dump or pg_restore against the database a URL names and hands each line it writes to
 * stderr to `onLine` (its -v progress). Resolves with stdout; a missing binary is refused with
 * what to install, a failure rejects with the tool's own error lines and, for a version mismatch,
 * what to do about it.
 */
export const runPgTool = (tool: PgTool, args: readonly string[], url: string | null, onLine: (line: string) => void = () => undefined): Promise<string> => {
  const connection = url === null ? null : libpqConnection(url);
  const argv = connection === null ? [...args] : [...args, `--dbname=${connection.dbname}`];
  return new Promise((resolve, reject) => {
    const child = spawn(tool, argv, { env: { ...process.env, ...connection?.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const errors: string[] = [];
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (isErrorLine(line)) errors.push(line);
      onLine(line);
    });
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingTool(tool) : error));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const said = errors.join('\n');
      const hint = versionHint(tool, said);
      reject(new Error(`${tool} failed (${signal ?? `exit code ${code}`})${said === '' ? '' : `:\n${said}`}${hint === null ? '' : `\n${hint}`}`));
    });
  });
};
