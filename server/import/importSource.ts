import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { ImportSourceError } from './importSourceError';
import { checkEntry, locateCsvEntry, readAt } from './zipEntry';

// Callers catch this one error type for every bad file.
export { ImportSourceError };

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
  error instanceof ImportSourceError
    ? error
    : new ImportSourceError(`The file is corrupt or not what it claims to be: ${error instanceof Error ? error.message : String(error)}`);

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
    return {
      kind: 'gzip',
      entryName: null,
      text: decoded(build(createReadStream(path), [count.stream, createGunzip()])),
      totalBytes: fileSize,
      bytesRead: count.read,
    };
  }
  return { kind: 'csv', entryName: null, text: decoded(build(createReadStream(path), [count.stream])), totalBytes: fileSize, bytesRead: count.read };
};

const openZip = async (path: string, fileSize: number): Promise<ImportSource> => {
  const { entry, start } = await locateCsvEntry(path, fileSize);
  const count = counter();
  const raw = entry.compressedSize === 0 ? new PassThrough().end() : createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  const stages = entry.method === 8 ? [count.stream, createInflateRaw(), checkEntry(entry)] : [count.stream, checkEntry(entry)];
  return { kind: 'zip', entryName: entry.name, text: decoded(build(raw, stages)), totalBytes: entry.compressedSize, bytesRead: count.read };
};
