import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { AptProgress } from '../apt/aptProgress';
import { noChromiumMessage, type ChromiumChoice } from './chooseChromium';
import { ensureChromium, type EnsureChromiumDeps } from './ensureChromium';

const FOUND: ChromiumChoice = { kind: 'found', path: '/usr/bin/chromium', source: 'debian' };
const NONE: ChromiumChoice = { kind: 'missing', installable: true, message: noChromiumMessage(true) };

/** A machine whose answers to find() are `choices`, in turn, and whose install reports `steps`. */
const fakeMachine = (choices: ChromiumChoice[], options: { canInstall: boolean; steps?: AptProgress[] }) => {
  const lines: string[] = [];
  let installs = 0;
  let clock = 1_000;
  const deps: EnsureChromiumDeps = {
    find: () => choices.shift() ?? NONE,
    canInstall: options.canInstall,
    install: async (progress) => {
      installs += 1;
      clock += 84_000;
      for (const step of options.steps ?? []) progress(step);
    },
    log: (line) => lines.push(line),
    now: () => clock,
  };
  return { deps, lines, installs: () => installs };
};

describe('ensureChromium', () => {
  it('takes a Chromium already there and installs nothing', async () => {
    const machine = fakeMachine([FOUND], { canInstall: true });
    await expect(ensureChromium(machine.deps)).resolves.toBe('/usr/bin/chromium');
    expect(machine.installs()).toBe(0);
    expect(machine.lines).toEqual([]);
  });

  it('with none there and no way to install, fails at once with one line saying what is missing and how to get it', async () => {
    const machine = fakeMachine([NONE], { canInstall: false });
    const failure = ensureChromium(machine.deps);
    await expect(failure).rejects.toThrow(noChromiumMessage(false));
    expect(machine.installs()).toBe(0);
    const message = noChromiumMessage(false);
    expect(message).not.toContain('\n');
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain('MEJA_CHROMIUM');
  });

  it("with none there, as root on Debian, installs Debian's package, showing its progress, and takes it", async () => {
    const steps = [0, 3, 12, 15, 48, 51, 77, 100].map((percent) => ({ percent, text: `step ${percent}` }));
    const machine = fakeMachine([NONE, FOUND], { canInstall: true, steps });
    await expect(ensureChromium(machine.deps)).resolves.toBe('/usr/bin/chromium');
    expect(machine.installs()).toBe(1);
    expect(machine.lines).toEqual([
      "Chromium not found: installing Debian's chromium (apt-get update && apt-get install -y chromium), about 1.5 min, once per machine…",
      '  chromium: 0% step 0',
      '  chromium: 12% step 12',
      '  chromium: 48% step 48',
      '  chromium: 51% step 51',
      '  chromium: 77% step 77',
      '  chromium: 100% step 100',
      'Chromium installed in 84 s: /usr/bin/chromium',
    ]);
  });

  it('does not install anything when MEJA_CHROMIUM names a missing file: the choice was explicit', async () => {
    const wrong: ChromiumChoice = { kind: 'missing', installable: false, message: 'MEJA_CHROMIUM=/x is not an executable file' };
    const machine = fakeMachine([wrong], { canInstall: true });
    await expect(ensureChromium(machine.deps)).rejects.toThrow('MEJA_CHROMIUM=/x is not an executable file');
    expect(machine.installs()).toBe(0);
  });

  it('says so when the install ran and still no Chromium is found', async () => {
    const machine = fakeMachine([NONE, NONE], { canInstall: true });
    await expect(ensureChromium(machine.deps)).rejects.toThrow(/^apt-get installed chromium, yet: Chromium not found/);
  });
});

describe('scripts/ensureChromium.ts and playwright.config.ts on this machine', () => {
  const run = (command: string, args: string[], chromium: string) =>
    spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, MEJA_CHROMIUM: chromium }, timeout: 60_000 });

  it('take MEJA_CHROMIUM when it names an executable, quietly', () => {
    const result = run('npx', ['tsx', 'scripts/ensureChromium.ts'], process.execPath);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('stop at once with one line on stderr when MEJA_CHROMIUM names nothing', () => {
    const line = 'MEJA_CHROMIUM=/nonexistent/chromium is not an executable file: point it at a Chromium, or unset it to use /usr/bin/chromium.';
    const script = run('npx', ['tsx', 'scripts/ensureChromium.ts'], '/nonexistent/chromium');
    expect({ status: script.status, stdout: script.stdout, stderr: script.stderr }).toEqual({ status: 1, stdout: '', stderr: `${line}\n` });
    const config = run('npx', ['playwright', 'test', '--list'], '/nonexistent/chromium');
    expect(config.status).toBe(1);
    expect(config.stderr.trim().split('\n')).toEqual([`${line} (\`npm run test:e2e\` installs it by itself where it runs as root on Debian.)`]);
  });
});
