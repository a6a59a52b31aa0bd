import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseAptStatus, type AptProgress } from './aptProgress';

/** Whether Debian's packages can be installed here: root, on Debian, with apt-get. */
export const canInstallDebianPackages = (): boolean => process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

/** Runs apt-get, reporting its progress; waits for another apt to let go of its lock rather than failing at once. */
export const runAptGet = (args: readonly string[], progress: (step: AptProgress) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn('apt-get', ['-o', 'APT::Status-Fd=3', '-o', 'DPkg::Lock::Timeout=600', '-q', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-2_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let pending = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const step = parseAptStatus(line);
        if (step !== null) progress(step);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`apt-get ${args.join(' ')} failed (exit ${String(code)}): ${output.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });

/** `apt-get update`, then the packages: a fresh machine's package lists are empty. */
export const installDebianPackages = async (packages: readonly string[], progress: (step: AptProgress) => void): Promise<void> => {
  progress({ percent: 0, text: 'apt-get update' });
  await runAptGet(['update'], () => undefined);
  await runAptGet(['install', '-y', ...packages], progress);
};
