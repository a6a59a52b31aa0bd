import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportSourceError, openImportSource } from './importSource';

const dir = mkdtempSync(join(tmpdir(), 'meja-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { name: string; data: Buffer; method: 0 | 8 };

/** A minimal zip writer (local headers, central directory, end record), enough to test the reader. */
const makeZip = (entries: Entry[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.method === 8 ? deflateRawSync(e.data) : e.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dirBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
};

const csv = Buffer.from(`number,incident_state\n${Array.from({ length: 2000 }, (_, i) => `INC${i},Caf\u00e9 \u2713`).join('\n')}\n`);

const write = (name: string, data: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const readAll = async (path: string): Promise<{ text: string; kind: string; read: number; total: number }> => {
  const source = await openImportSource(path);
  let text = '';
  for await (const chunk of source.text) text += chunk;
  return { text, kind: source.kind, read: source.bytesRead(), total: source.totalBytes };
};

describe('openImportSource', () => {
  it('reads the single CSV of a deflated zip, next to other entries, and counts the compressed bytes', async () => {
    const path = write(
      'a.zip',
      makeZip([
        { name: 'README.txt', data: Buffer.from('hi'), method: 0 },
        { name: 'log/events.csv', data: csv, method: 8 },
      ]),
    );
    const got = await readAll(path);
    expect(got.text).toBe(csv.toString('utf8'));
    expect(got.kind).toBe('zip');
    expect(got.read).toBe(got.total);
    expect(got.total).toBeLessThan(csv.length);
  });

  it('reads a stored (method 0) entry', async () => {
    const got = await readAll(write('stored.zip', makeZip([{ name: 'x.csv', data: csv, method: 0 }])));
    expect(got.text).toBe(csv.toString('utf8'));
  });

  it('reads gzip and plain CSV, told apart by their first bytes', async () => {
    expect((await readAll(write('upload', gzipSync(csv)))).text).toBe(csv.toString('utf8'));
    const plain = await readAll(write('plain.txt', csv));
    expect(plain).toMatchObject({ kind: 'csv', text: csv.toString('utf8'), read: csv.length, total: csv.length });
  });

  it('refuses a zip whose data does not match its CRC-32', async () => {
    const zip = makeZip([{ name: 'x.csv', data: csv, method: 0 }]);
    const at = 30 + 'x.csv'.length + 100; // one byte of the stored data
    zip.writeUInt8(zip.readUInt8(at) ^ 0xff, at);
    await expect(readAll(write('crc.zip', zip))).rejects.toThrow(/x\.csv is corrupt: its CRC-32 does not match/);
  });

  it('refuses corrupt deflate data with a clear error', async () => {
    const zip = makeZip([{ name: 'x.csv', data: csv, method: 8 }]);
    for (let i = 40; i < 60; i += 1) zip[i] = 0xff;
    const error: unknown = await readAll(write('bad.zip', zip)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSourceError);
    expect(String(error)).toMatch(/corrupt/);
  });

  it('refuses a truncated zip, a zip without a CSV, one with two, and ZIP64', async () => {
    const zip = makeZip([{ name: 'x.csv', data: csv, method: 8 }]);
    await expect(openImportSource(write('cut.zip', zip.subarray(0, zip.length - 30)))).rejects.toThrow(/no end-of-central-directory record/);
    await expect(openImportSource(write('none.zip', makeZip([{ name: 'a.txt', data: csv, method: 0 }])))).rejects.toThrow(
      /exactly one \.csv file; it holds none/,
    );
    const two = makeZip([
      { name: 'a.csv', data: csv, method: 0 },
      { name: 'b.csv', data: csv, method: 0 },
    ]);
    await expect(openImportSource(write('two.zip', two))).rejects.toThrow(/a\.csv, b\.csv/);
    const zip64 = Buffer.from(zip);
    zip64.writeUInt16LE(0xffff, zip64.length - 22 + 10);
    await expect(openImportSource(write('64.zip', zip64))).rejects.toThrow(/ZIP64/);
  });

  it('says which file it cannot read', async () => {
    await expect(openImportSource(join(dir, 'missing.csv'))).rejects.toThrow(/Cannot read .*missing\.csv: ENOENT/);
    await expect(openImportSource(dir)).rejects.toThrow(/is not a file/);
  });
});
