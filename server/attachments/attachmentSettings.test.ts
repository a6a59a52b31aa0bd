import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentSettingsOf, defaultFilesDir } from './attachmentSettings';

const MB = 1024 * 1024;

describe('attachmentSettingsOf', () => {
  it('keeps files beside the SQLite file, 25 MB each, unscanned, unless told otherwise', () => {
    expect(attachmentSettingsOf({}, 'sqlite:./data/meja.sqlite')).toEqual({ filesDir: resolve('data', 'files'), maxBytes: 25 * MB, clamd: null });
    expect(defaultFilesDir('sqlite:/srv/meja/desk.sqlite')).toBe(join('/srv/meja', 'files'));
    expect(defaultFilesDir('postgres://meja@db/meja')).toBe(resolve('data', 'files'));
  });

  it('reads the folder, the limit and the scanner', () => {
    expect(
      attachmentSettingsOf({ MEJA_FILES_DIR: '/mnt/shared/meja', MEJA_ATTACHMENT_MAX_MB: '5', MEJA_CLAMD_SOCKET: '/run/clamav/clamd.ctl' }, 'postgres://x/y'),
    ).toEqual({
      filesDir: '/mnt/shared/meja',
      maxBytes: 5 * MB,
      clamd: { socket: '/run/clamav/clamd.ctl' },
    });
    expect(attachmentSettingsOf({ MEJA_CLAMD_HOST: 'scanner' }, 'sqlite:x.sqlite').clamd).toEqual({ host: 'scanner', port: 3310 });
    expect(attachmentSettingsOf({ MEJA_CLAMD_HOST: 'scanner', MEJA_CLAMD_PORT: '3311' }, 'sqlite:x.sqlite').clamd).toEqual({ host: 'scanner', port: 3311 });
  });

  it('stops start-up on a value that cannot be meant', () => {
    expect(() => attachmentSettingsOf({ MEJA_ATTACHMENT_MAX_MB: '0' }, 'sqlite:x')).toThrow(
      'MEJA_ATTACHMENT_MAX_MB must be a whole number from 1 to 1024, not "0".',
    );
    expect(() => attachmentSettingsOf({ MEJA_ATTACHMENT_MAX_MB: '2.5' }, 'sqlite:x')).toThrow(/MEJA_ATTACHMENT_MAX_MB/);
    expect(() => attachmentSettingsOf({ MEJA_CLAMD_SOCKET: '/s', MEJA_CLAMD_HOST: 'h' }, 'sqlite:x')).toThrow('not both');
    expect(() => attachmentSettingsOf({ MEJA_CLAMD_PORT: '3310' }, 'sqlite:x')).toThrow('MEJA_CLAMD_PORT needs MEJA_CLAMD_HOST.');
    expect(() => attachmentSettingsOf({ MEJA_CLAMD_HOST: 'h', MEJA_CLAMD_PORT: '70000' }, 'sqlite:x')).toThrow(/MEJA_CLAMD_PORT/);
  });
});
