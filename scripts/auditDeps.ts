import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { auditVerdict, type AuditException } from './auditVerdict';

// `npm audit` exits non-zero both for findings and for a service that did not answer; the JSON
// tells them apart, so its exit code is not used.
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const parsed = (output: string): unknown => {
  try {
    return JSON.parse(output);
  } catch {
    return null;
  }
};
const report = parsed(run.stdout);
const exceptions = JSON.parse(readFileSync(new URL('../audit-exceptions.json', import.meta.url), 'utf8')) as AuditException[];
const verdict = auditVerdict(report, exceptions);
for (const line of verdict.lines) process.stdout.write(`audit: ${line}\n`);
process.exitCode = verdict.kind === 'blocked' ? 1 : 0;
