import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';

/** Answers smaller than this go as they are: compressing them costs more than it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Compresses answers for clients that accept it, Brotli first, then gzip. A console's first sync
 * is mostly JSON pages of tickets and events, which shrink several times over (docs/BENCHMARKS.md).
 * Brotli runs at quality 4: its default (11) is meant for files compressed once ahead of time and
 * costs an order of magnitude more CPU for a little less size, paid again on every pull page.
 * The event stream is not compressed: it writes its own answer (hijacked) and must flush each
 * event as it happens, not when a compressor's buffer fills.
 */
export const installCompression = async (app: FastifyInstance): Promise<void> => {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
};
