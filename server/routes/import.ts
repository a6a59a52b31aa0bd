import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { DatabaseKind } from '../config';
import { auditRequest } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { IMPORT_FORMATS } from '../import/draft';
import { ImportSourceError } from '../import/importSource';
import { runImport } from '../import/runImport';
import type { Notifier } from '../sync/notifier';
import { saveBody } from '../uploads/saveUpload';
import { rolesWith } from '../../shared/auth/capabilities';

/** The full UCI log is 2.4 MB zipped and 60 MB as CSV; 100 MB leaves room without letting anyone fill the disk. */
export const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024;
const UPLOAD_TYPES = ['application/zip', 'application/gzip', 'application/x-gzip', 'text/csv', 'application/octet-stream'];

type Upload = { kind: 'upload'; dir: string; path: string; bytes: number };
const isUpload = (body: unknown): body is Upload => typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'upload';

const tooLarge = (limit: number) =>
  new HttpError(413, 'too_large', `An import file may be at most ${Math.round(limit / 1_048_576)} MB; import bigger ones with npm run import on the server.`);

/** Streams the body to a temporary file (never into memory), refusing it past the limit. */
const saveUpload =
  (limit: number) =>
  async (request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Upload> => {
    const dir = await mkdtemp(join(tmpdir(), 'meja-import-'));
    const path = join(dir, 'upload');
    try {
      const { bytes } = await saveBody(request, payload, path, limit, () => tooLarge(limit));
      return { kind: 'upload', dir, path, bytes };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  };

const skipNote = z.object({ line: z.number().int(), reason: z.string() });

export const importReportSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    rows: z.number().int().min(0),
    tickets: z.number().int().min(0),
    created: z.number().int().min(0),
    updated: z.number().int().min(0),
    unchanged: z.number().int().min(0),
    technicians: z.object({ total: z.number().int().min(0), created: z.number().int().min(0) }),
    creditDisagreements: z.number().int().min(0),
    skipped: z.array(skipNote).meta({ description: 'Rows not imported, and why.' }),
    notes: z.array(skipNote).meta({ description: 'Rows imported with something worth knowing.' }),
  })
  .meta({ id: 'ImportReport' });

export const importRoute = defineRoute({
  id: 'importFile',
  method: 'POST',
  url: '/api/admin/import',
  access: rolesWith('import:run'),
  summary: 'Import history from a file, like npm run import',
  description: 'Importing the same file again changes nothing. Consoles are poked when anything was written. Audited as `import`.',
  query: {
    schema: z.object({ format: z.enum(IMPORT_FORMATS).meta({ description: 'Rules and columns: docs/IMPORT.md.' }) }),
    what: 'import query',
    refusal: `format must be one of ${IMPORT_FORMATS.join(', ')}.`,
  },
  upload: {
    contentTypes: UPLOAD_TYPES,
    description: 'The file itself (zip, gzip or plain CSV, told apart by their first bytes), at most 100 MB.',
    examples: { 'text/csv': 'external_id,title,requester_name,created_at\r\nIMP-1,Printer jams on every page,Ann Lee,2026-03-02T09:00:00Z\r\n' },
  },
  responses: { 201: { description: 'Imported: the report.', content: { 'application/json': importReportSchema } } },
  errors: ['invalid_file', 'too_large', 'storage_unavailable'],
});

/**
 * POST /api/admin/import?format=<format>: the raw file as the body (zip, gzip or CSV), imported
 * like `npm run import`; answers the same report. Consoles are told to pull the new tickets.
 */
export const importRoutes = (app: FastifyInstance, target: { db: Db; kind: DatabaseKind }, notifier: Notifier, limit = IMPORT_LIMIT_BYTES): void => {
  // In its own scope, so the raw-body parser applies to this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, saveUpload(limit));
    const removeUpload = async (request: FastifyRequest): Promise<void> => {
      if (isUpload(request.body)) await rm(request.body.dir, { recursive: true, force: true });
    };
    route(
      scope,
      importRoute,
      async ({ query: { format } }, request, reply) => {
        const body = request.body;
        if (!isUpload(body)) throw new HttpError(400, 'invalid_request', `Send the file itself as the body, with Content-Type ${UPLOAD_TYPES.join(', ')}.`);
        try {
          const report = await runImport(target.db, target.kind, format, body.path);
          if (report.created + report.updated > 0) notifier.announceCommit();
          const { rows, tickets, created, updated, unchanged } = report;
          const counts = { rows, tickets, created, updated, unchanged, techniciansCreated: report.technicians.created, skipped: report.skipped.length };
          await auditRequest(target.db, request, {
            action: 'import',
            actorId: currentUser(request).id,
            subject: format,
            detail: { format, bytes: body.bytes, ...counts },
          });
          return await reply.status(201).send(report);
        } catch (error) {
          if (error instanceof ImportSourceError) throw new HttpError(400, 'invalid_file', error.message);
          throw error;
        }
      },
      // Also when the query is refused: the file was saved before the route ran.
      { cleanup: removeUpload },
    );
  });
};
