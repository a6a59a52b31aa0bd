import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { HttpError } from '../http';

/** A request body written to a file: how many bytes, and their SHA-256 (hex). */
export type SavedBody = { bytes: number; sha256: string };

/**
 * Streams a request body to `path` (never into memory), hashing it on the way, and refuses it
 * with `tooLarge()` past `limit` bytes: at once when Content-Length says so, else as soon as the
 * stream passes it. On refusal the partial file is left for the caller to remove with its folder.
 */
export const saveBody = async (
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  path: string,
  limit: number,
  tooLarge: () => HttpError,
): Promise<SavedBody> => {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const hash = createHash('sha256');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) return callback(tooLarge());
      hash.update(chunk);
      return callback(null, chunk);
    },
  });
  await pipeline(payload, counter, createWriteStream(path));
  return { bytes, sha256: hash.digest('hex') };
};
