import { describe, expect, it } from 'vitest';
import { backupFileKind } from './fileKind';

const bytes = (text: string, size = text.length): Uint8Array => {
  const out = new Uint8Array(size);
  out.set([...text].map((c) => c.charCodeAt(0)));
  return out;
};

describe('backupFileKind', () => {
  it('knows a SQLite database by its header and a pg_dump custom archive by PGDMP', () => {
    expect(backupFileKind(bytes('SQLite format 3\u0000\u0010\u0000', 100))).toEqual({ kind: 'sqlite' });
    expect(backupFileKind(bytes('PGDMP\u0001\u000e\u0000', 100))).toEqual({ kind: 'postgres' });
  });

  it('takes nothing less than the whole SQLite magic, NUL included', () => {
    expect(backupFileKind(bytes('SQLite format 3 and some text'))).toMatchObject({ kind: 'other' });
    expect(backupFileKind(bytes('SQLite format'))).toMatchObject({ kind: 'other' });
    expect(backupFileKind(bytes('PGDM'))).toMatchObject({ kind: 'other' });
  });

  it('names what else it was given: empty, gzip, tar, a plain SQL dump, anything', () => {
    expect(backupFileKind(new Uint8Array())).toEqual({ kind: 'other', what: 'an empty file' });
    expect(backupFileKind(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toMatchObject({ what: expect.stringContaining('gzip') });
    const tar = bytes('meja.dump', 512);
    tar.set(bytes('ustar'), 257);
    expect(backupFileKind(tar)).toMatchObject({ what: expect.stringContaining('tar archive') });
    expect(backupFileKind(bytes('--\n-- PostgreSQL database dump\n--\n'))).toMatchObject({ what: expect.stringContaining('plain SQL dump') });
    expect(backupFileKind(bytes('id,title\n1,printer\n'))).toEqual({ kind: 'other', what: 'neither a SQLite database nor a pg_dump custom-format archive' });
  });
});
