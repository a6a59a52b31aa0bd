// Zip reading with Node alone: the central directory, one CSV entry, its CRC-32 and size checked as it streams.
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { ImportSourceError } from './importSourceError';

/** One file of a zip as its central directory describes it. */
export type ZipEntry = { name: string; method: number; flags: number; crc: number; compressedSize: number; size: number; localOffset: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;

export const readAt = async (path: string, position: number, length: number): Promise<Buffer> => {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
};

/** The central directory's entries, found through the end-of-central-directory record (searched backwards past a comment). */
export const readZipDirectory = async (path: string, fileSize: number): Promise<ZipEntry[]> => {
  const tailLength = Math.min(fileSize, EOCD_SIZE + 0xffff + 20);
  const tail = await readAt(path, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ImportSourceError('Not a readable zip file: no end-of-central-directory record (truncated or not a zip).');
  const entries = tail.readUInt16LE(at + 10);
  const dirSize = tail.readUInt32LE(at + 12);
  const dirOffset = tail.readUInt32LE(at + 16);
  const hasZip64Locator = at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR;
  if (hasZip64Locator || entries === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    throw new ImportSourceError('ZIP64 archives (entries over 4 GB) are not supported: unzip the file and import the CSV, or gzip it.');
  }
  if (dirOffset + dirSize > fileSize) throw new ImportSourceError('Not a readable zip file: the central directory lies beyond the end of the file.');
  const dir = await readAt(path, dirOffset, dirSize);
  const found: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < entries; i += 1) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ImportSourceError('Not a readable zip file: the central directory is damaged.');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    found.push({
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return found;
};

/** Checks the entry's CRC-32 and size as the data passes; a mismatch fails the stream at its end. */
export const checkEntry = (entry: ZipEntry): Transform => {
  let crc = 0;
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (size !== entry.size) callback(new ImportSourceError(`The zip entry ${entry.name} is corrupt: ${size} bytes instead of ${entry.size}.`));
      else if (crc !== entry.crc) callback(new ImportSourceError(`The zip entry ${entry.name} is corrupt: its CRC-32 does not match.`));
      else callback();
    },
  });
};

/** The single `.csv` entry and where its data starts; refuses what this reader cannot read, saying why. */
export const locateCsvEntry = async (path: string, fileSize: number): Promise<{ entry: ZipEntry; start: number }> => {
  const entries = (await readZipDirectory(path, fileSize)).filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/'));
  const csvs = entries.filter((e) => e.name.toLowerCase().endsWith('.csv'));
  const entry = csvs[0];
  if (entry === undefined || csvs.length > 1) {
    throw new ImportSourceError(`The zip must hold exactly one .csv file; it holds ${csvs.length === 0 ? 'none' : csvs.map((e) => e.name).join(', ')}.`);
  }
  if ((entry.flags & 1) !== 0) throw new ImportSourceError(`The zip entry ${entry.name} is encrypted.`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ImportSourceError(`The zip entry ${entry.name} uses compression method ${entry.method}; only stored (0) and deflate (8) are supported.`);
  const local = await readAt(path, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new ImportSourceError(`The zip entry ${entry.name} is damaged: no local header where the directory says.`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize) throw new ImportSourceError(`The zip entry ${entry.name} is truncated.`);
  return { entry, start };
};
