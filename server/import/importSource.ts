import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import { crc32, createGunzip, createInflateRaw } from 'node:zlib';

/** A file the importer cannot read (not a zip/gzip/CSV we understand, corrupt, ...): exit code 2 or HTTP 400. */
export class ImportSourceError extends Error {
  override readonly name = 'ImportSourceError';
}

/** The text of an import file, decoded as UTF-8, and how far reading the file itself has come. */
export type ImportSource = {
  kind: 'zip' | 'gzip' | 'csv';
  /** The CSV entry's name inside a zip. */
  entryName: string | null;
  text: AsyncIterable<string>;
  /** Bytes of the file on disk (for a zip: of the compressed entry) that progress is measured against. */
  totalBytes: number;
  bytesRead(): number;
};

type ZipEntry = { name: string; method: number; flags: number; crc: number; compressedSize: number; size: number; localOffset: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;

const readAt = async (path: string, position: number, length: number): Promise<Buffer> => {
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
const checkEntry = (entry: ZipEntry): Transform => {
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

/** Counts the bytes of the file read so far, for the progress bar. */
const counter = (): { stream: Transform; read: () => number } => {
  let read = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      read += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, read: () => read };
};

/** Decompression errors (zlib's "invalid block type", ...) surface as a corrupt-file error with zlib's words. */
const asSourceError = (error: unknown): ImportSourceError =>
  error instanceof ImportSourceError ? error : new ImportSourceError(`The file is corrupt or not what it claims to be: ${error instanceof Error ? error.message : String(error)}`);

async function* decoded(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (error) {
    throw asSourceError(error);
  }
}

const build = (raw: Readable, stages: Transform[]): Readable => {
  const out = new PassThrough();
  // pipeline hands the first error of any stage to `out`, so the reader of the text sees it.
  pipeline([raw, ...stages, out], (error) => {
    if (error) out.destroy(error);
  });
  return out;
};

const startsWith = (head: Buffer, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);

/**
 * Opens a zip (its single `.csv` entry, stored or deflated), a gzip or a plain CSV file, told
 * apart by their first bytes rather than the name (an upload has none).
 */
export const openImportSource = async (path: string): Promise<ImportSource> => {
  let fileSize: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportSourceError(`${path} is not a file.`);
    fileSize = info.size;
  } catch (error) {
    if (error instanceof ImportSourceError) throw error;
    throw new ImportSourceError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const head = await readAt(path, 0, 4);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return openZip(path, fileSize);
  const count = counter();
  if (startsWith(head, [0x1f, 0x8b])) {
    return { kind: 'gzip', entryName: null, text: decoded(build(createReadStream(path), [count.stream, createGunzip()])), totalBytes: fileSize, bytesRead: count.read };
  }
  return { kind: 'csv', entryName: null, text: decoded(build(createReadStream(path), [count.stream])), totalBytes: fileSize, bytesRead: count.read };
};

const openZip = async (path: string, fileSize: number): Promise<ImportSource> => {
  const entries = (await readZipDirectory(path, fileSize)).filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/'));
  const csvs = entries.filter((e) => e.name.toLowerCase().endsWith('.csv'));
  const entry = csvs[0];
  if (entry === undefined || csvs.length > 1) {
    throw new ImportSourceError(`The zip must hold exactly one .csv file; it holds ${csvs.length === 0 ? 'none' : csvs.map((e) => e.name).join(', ')}.`);
  }
  if ((entry.flags & 1) !== 0) throw new ImportSourceError(`The zip entry ${entry.name} is encrypted.`);
  if (entry.method !== 0 && entry.method !== 8) throw new ImportSourceError(`The zip entry ${entry.name} uses compression method ${entry.method}; only stored (0) and deflate (8) are supported.`);
  const local = await readAt(path, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ImportSourceError(`The zip entry ${entry.name} is damaged: no local header where the directory says.`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize) throw new ImportSourceError(`The zip entry ${entry.name} is truncated.`);
  const count = counter();
  const raw = entry.compressedSize === 0 ? new PassThrough().end() : createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  const stages = entry.method === 8 ? [count.stream, createInflateRaw(), checkEntry(entry)] : [count.stream, checkEntry(entry)];
  return { kind: 'zip', entryName: entry.name, text: decoded(build(raw, stages)), totalBytes: entry.compressedSize, bytesRead: count.read };
};
