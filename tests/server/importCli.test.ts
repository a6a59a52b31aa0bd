import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'meja-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real command, as `npm run import` runs it, into a database of its own. */
const runCli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'import.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MEJA_DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` },
  });

describe('npm run import', () => {
  it('imports a file, prints the report and writes the full one as JSON', () => {
    const reportPath = join(dir, 'report.json');
    const run = runCli('servicenow-events', join(root, 'tests', 'fixtures', 'uci-incident-excerpt.csv'), '--report', reportPath);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('format servicenow-events: 45 rows, 5 tickets');
    expect(run.stdout).toContain('created 5, updated 0, unchanged 0');
    // Not a terminal: progress comes as whole lines on stderr.
    expect(run.stderr).toMatch(/^writing \[#+\] 100% 5\/5 tickets/m);
    expect(JSON.parse(readFileSync(reportPath, 'utf8'))).toMatchObject({ format: 'servicenow-events', tickets: 5, created: 5 });
    expect(runCli('servicenow-events', join(root, 'tests', 'fixtures', 'uci-incident-excerpt.csv')).stdout).toContain('created 0, updated 0, unchanged 5');
  });

  it('exits with code 2 and says why for a bad format, a missing file or the wrong kind of file', () => {
    const format = runCli('jira', 'x.csv');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('Unknown format "jira".');
    const missing = runCli('csv', join(dir, 'nothing.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const notZip = runCli('servicenow-events', join(root, 'tests', 'fixtures', 'README.md'));
    expect(notZip.status).toBe(2);
    expect(notZip.stderr).toContain('This is not a servicenow-events file: its header lacks number, incident_state');
  });
});
