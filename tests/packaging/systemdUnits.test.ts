/**
 * The systemd units in build/systemd that docs/OPERATIONS.md installs: hardened, running what
 * this checkout has, and read by systemd itself without a complaint.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const unitsDir = join(root, 'build', 'systemd');

/** A unit file as section → key → every value it is given (a key may repeat). */
const readUnit = (name: string): Map<string, Map<string, string[]>> => {
  const sections = new Map<string, Map<string, string[]>>();
  let current = new Map<string, string[]>();
  for (const raw of readFileSync(join(unitsDir, name), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section !== null) {
      current = new Map();
      sections.set(section[1] ?? '', current);
      continue;
    }
    const at = line.indexOf('=');
    const key = line.slice(0, at);
    current.set(key, [...(current.get(key) ?? []), line.slice(at + 1)]);
  }
  return sections;
};

const value = (unit: Map<string, Map<string, string[]>>, section: string, key: string): string | undefined => unit.get(section)?.get(key)?.at(-1);

const HARDENING: Record<string, string> = {
  NoNewPrivileges: 'true',
  ProtectSystem: 'strict',
  ProtectHome: 'true',
  PrivateTmp: 'true',
  PrivateDevices: 'true',
  RestrictSUIDSGID: 'true',
  CapabilityBoundingSet: '',
  UMask: '0077',
  SystemCallFilter: '@system-service',
};

/** The data folder of the example settings' SQLite database. */
const exampleDataDir = (): string => {
  const line = readFileSync(join(unitsDir, 'meja.env.example'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('MEJA_DATABASE_URL='));
  return dirname((line ?? '').slice('MEJA_DATABASE_URL=sqlite:'.length));
};

describe('systemd units', () => {
  for (const name of ['meja.service', 'meja-backup.service']) {
    it(`${name} runs as its own user with its settings file, hardened, writing only to the data folder`, () => {
      const unit = readUnit(name);
      expect(value(unit, 'Service', 'User')).toBe('meja');
      expect(value(unit, 'Service', 'EnvironmentFile')).toBe('/etc/meja/meja.env');
      for (const [key, wanted] of Object.entries(HARDENING)) expect(value(unit, 'Service', key), key).toBe(wanted);
      expect(value(unit, 'Service', 'ReadWritePaths')?.split(' ')).toContain(exampleDataDir());
      expect(value(unit, 'Service', 'MemoryDenyWriteExecute'), "V8's JIT needs writable code").toBeUndefined();
    });
  }

  it('start what this checkout has: the server, and the backup command', () => {
    const server = value(readUnit('meja.service'), 'Service', 'ExecStart') ?? '';
    expect(server).toBe('/usr/bin/node --import tsx server/main.ts');
    expect(existsSync(join(root, 'server', 'main.ts'))).toBe(true);
    const backup = value(readUnit('meja-backup.service'), 'Service', 'ExecStart') ?? '';
    expect(backup).toContain('/usr/bin/node --import tsx scripts/backup.ts ');
    expect(existsSync(join(root, 'scripts', 'backup.ts'))).toBe(true);
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.server).toBe('tsx server/main.ts');
    expect(packageJson.scripts.backup).toBe('tsx scripts/backup.ts');
    expect(value(readUnit('meja-backup.timer'), 'Timer', 'Unit')).toBe('meja-backup.service');
  });

  it('are read by systemd without a complaint (systemd-analyze verify; required in CI, as PostgreSQL is)', () => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined && process.env.CI === 'true') throw new Error(`systemd-analyze is required in CI: ${probe.error.message}`);
    if (probe.error !== undefined) return;
    const verify = spawnSync(
      'systemd-analyze',
      ['verify', ...['meja.service', 'meja-backup.service', 'meja-backup.timer'].map((name) => join(unitsDir, name))],
      { encoding: 'utf8' },
    );
    expect(verify.stderr).toBe('');
  });
});
