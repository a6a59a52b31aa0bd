import { describe, expect, it } from 'vitest';
import { choosePostgresBinDir, POSTGRES_MISSING_MESSAGE } from './postgresBinaries';

/** A machine whose executables are exactly these paths. */
const machine =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const both = (dir: string) => [`${dir}/initdb`, `${dir}/postgres`];

describe('choosePostgresBinDir', () => {
  it("takes pg_config's folder first", () => {
    const choice = choosePostgresBinDir(
      { pgConfigBindir: '/opt/pg/bin', debianVersions: ['15'], pathDirs: ['/usr/local/bin'] },
      machine(...both('/opt/pg/bin'), ...both('/usr/lib/postgresql/15/bin'), ...both('/usr/local/bin')),
    );
    expect(choice).toEqual({ kind: 'found', binDir: '/opt/pg/bin' });
  });

  it("then Debian's versioned folders, the newest major first (16 before 9.6, numerically)", () => {
    const choice = choosePostgresBinDir(
      { pgConfigBindir: null, debianVersions: ['9.6', '16', '15', 'README'], pathDirs: ['/usr/local/bin'] },
      machine(...both('/usr/lib/postgresql/9.6/bin'), ...both('/usr/lib/postgresql/15/bin'), ...both('/usr/lib/postgresql/16/bin'), ...both('/usr/local/bin')),
    );
    expect(choice).toEqual({ kind: 'found', binDir: '/usr/lib/postgresql/16/bin' });
  });

  it('then PATH, in order', () => {
    const choice = choosePostgresBinDir(
      { pgConfigBindir: null, debianVersions: [], pathDirs: ['', '/usr/bin', '/usr/local/bin', '/opt/bin'] },
      machine(...both('/usr/local/bin'), ...both('/opt/bin')),
    );
    expect(choice).toEqual({ kind: 'found', binDir: '/usr/local/bin' });
  });

  it('passes over a folder that has only one of the programs (a client-only install)', () => {
    const choice = choosePostgresBinDir(
      { pgConfigBindir: '/usr/lib/postgresql/15/bin', debianVersions: ['15'], pathDirs: ['/usr/bin', '/srv/pg/bin'] },
      machine('/usr/lib/postgresql/15/bin/postgres', '/usr/bin/initdb', ...both('/srv/pg/bin')),
    );
    expect(choice).toEqual({ kind: 'found', binDir: '/srv/pg/bin' });
  });

  it("says what is missing and how to get it where nothing fits: Debian's package or MEJA_TEST_PG_URL", () => {
    const choice = choosePostgresBinDir({ pgConfigBindir: null, debianVersions: [], pathDirs: ['/usr/bin'] }, machine('/usr/bin/psql'));
    expect(choice).toEqual({ kind: 'missing', message: POSTGRES_MISSING_MESSAGE });
    expect(POSTGRES_MISSING_MESSAGE).toContain('apt-get install postgresql');
    expect(POSTGRES_MISSING_MESSAGE).toContain('MEJA_TEST_PG_URL');
    expect(POSTGRES_MISSING_MESSAGE).not.toContain('\n');
  });
});
