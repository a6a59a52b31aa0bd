import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The server programs a throwaway cluster needs; pg_ctl is not among them, the keeper signals `postgres` itself. */
export const POSTGRES_PROGRAMS = ['initdb', 'postgres'] as const;

/** Where to look, in order, already read from the machine, so the choice is a pure function. */
export type PostgresBinDirCandidates = {
  /** `pg_config --bindir`, or null where pg_config is missing or fails. */
  pgConfigBindir: string | null;
  /** The folder names under /usr/lib/postgresql (Debian's versioned installs: '15', '16'). */
  debianVersions: readonly string[];
  /** The folders of PATH, in order. */
  pathDirs: readonly string[];
};

export type PostgresBinDirChoice = { kind: 'found'; binDir: string } | { kind: 'missing'; message: string };

export const POSTGRES_MISSING_MESSAGE =
  'PostgreSQL server programs (initdb, postgres) not found in pg_config --bindir, /usr/lib/postgresql/*/bin or PATH: ' +
  "install Debian's package (apt-get install postgresql) or set MEJA_TEST_PG_URL to a server where this user may create databases.";

const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The first folder holding every program of POSTGRES_PROGRAMS: pg_config's answer, then Debian's
 * versioned folders, newest major first, then PATH.
 */
export const choosePostgresBinDir = (candidates: PostgresBinDirCandidates, isExecutable: (path: string) => boolean): PostgresBinDirChoice => {
  const debian = [...candidates.debianVersions]
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_ROOT, version, 'bin'));
  const ordered = [...(candidates.pgConfigBindir === null ? [] : [candidates.pgConfigBindir]), ...debian, ...candidates.pathDirs];
  const binDir = ordered.find((dir) => dir !== '' && POSTGRES_PROGRAMS.every((program) => isExecutable(join(dir, program))));
  return binDir === undefined ? { kind: 'missing', message: POSTGRES_MISSING_MESSAGE } : { kind: 'found', binDir };
};

const readPgConfigBindir = (): string | null => {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
};

const readDebianVersions = (): string[] => {
  try {
    return readdirSync(DEBIAN_ROOT);
  } catch {
    return [];
  }
};

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** This machine's candidates, as choosePostgresBinDir takes them. */
export const machinePostgresCandidates = (env: NodeJS.ProcessEnv = process.env): PostgresBinDirCandidates => ({
  pgConfigBindir: readPgConfigBindir(),
  debianVersions: readDebianVersions(),
  pathDirs: (env.PATH ?? '').split(delimiter),
});

/** The folder with initdb and postgres on this machine; throws POSTGRES_MISSING_MESSAGE where there is none. */
export const findPostgresBinDir = (): string => {
  const choice = choosePostgresBinDir(machinePostgresCandidates(), isExecutableFile);
  if (choice.kind === 'missing') throw new Error(choice.message);
  return choice.binDir;
};
