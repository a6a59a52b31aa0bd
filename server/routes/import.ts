import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DatabaseKind } from '../config';
import { auditRequest } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { IMPORT_FORMATS, isImportFormat } from '../import/draft';
import { ImportSourceError } from '../import/importSource';
import { runImport } from '../import/runImport';
import type { Notifier } from '../sync/notifier';

/** The full UCI log is 2.4 MB zipped and 60 MB as CSV; 100 MB leaves room without letting anyone fill the disk. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;
const UPLOAD_TYPES = ['application/zip', 'application/gzip', 'application/x-gzip', 'text/csv', 'application/octet-stream'];

type Upload = { kind: 'upload'; dir: string; path: string; bytes: number };
const isUpload = (body: unknown): body is Upload => typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'upload';

const tooLarge = (limit: number) => new HttpError(413, 'too_large', `An import file may be at most ${Math.round(limit / 1_048_576)} MB; import bigger ones with npm run import on the server.`);

/** Streams the body to a temporary file (never into memory), refusing it past the limit. */
const saveUpload = (limit: number) => async (request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Upload> => {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const dir = await mkdtemp(join(tmpdir(), 'meja-import-'));
  const path = join(dir, 'upload');
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      callback(bytes > limit ? tooLarge(limit) : null, chunk);
    },
  });
  try {
    await pipeline(payload, limiter, createWriteStream(path));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { kind: 'upload', dir, path, bytes };
};

/**
 * POST /api/admin/import?format=<format>: the raw file as the body (zip, gzip or CSV), imported
 * like `npm run import`; answers the same report. Consoles are told to pull the new tickets.
 */
export const importRoutes = (app: FastifyInstance, target: { db: Db; kind: DatabaseKind }, notifier: Notifier, limit = IMPORT_LIMIT_BYTES): void => {
  // In its own scope, so the raw-body parser applies to this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, saveUpload(limit));
    scope.post('/api/admin/import', { config: { access: ['admin'] } }, async (request, reply) => {
      const body = request.body;
      try {
        const { format } = request.query as { format?: unknown };
        if (typeof format !== 'string' || !isImportFormat(format)) {
          throw new HttpError(400, 'invalid_request', `format must be one of ${IMPORT_FORMATS.join(', ')}.`);
        }
        if (!isUpload(body)) throw new HttpError(400, 'invalid_request', `Send the file itself as the body, with Content-Type ${UPLOAD_TYPES.join(', ')}.`);
        const report = await runImport(target.db, target.kind, format, body.path);
        if (report.created + report.updated > 0) notifier.poke();
        const { rows, tickets, created, updated, unchanged } = report;
        const counts = { rows, tickets, created, updated, unchanged, techniciansCreated: report.technicians.created, skipped: report.skipped.length };
        await auditRequest(target.db, request, { action: 'import', actorId: currentUser(request).id, subject: format, detail: { format, bytes: body.bytes, ...counts } });
        return await reply.status(201).send(report);
      } catch (error) {
        if (error instanceof ImportSourceError) throw new HttpError(400, 'invalid_file', error.message);
        throw error;
      } finally {
        if (isUpload(body)) await rm(body.dir, { recursive: true, force: true });
      }
    });
  });
};
