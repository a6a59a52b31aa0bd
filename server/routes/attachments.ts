import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { attachmentReceiptSchema } from '../../shared/api/attachments';
import { ATTACHMENT_TYPES, SNIFF_BYTES, sniffAttachmentType, type AttachmentReceipt, type AttachmentType } from '../../shared/attachments/attachmentType';
import { isAttachmentId } from '../../shared/attachments/pendingUpload';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { AttachmentSettings } from '../attachments/attachmentSettings';
import { scanFile } from '../attachments/clamdScanner';
import { cleanFileName } from '../attachments/fileName';
import { sendStoredFile } from '../attachments/serveFile';
import type { FileStore } from '../attachments/fileStore';
import { currentUser } from '../auth/guard';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { saveBody } from '../uploads/saveUpload';

// One body for an unknown attachment and one this user may not read: the answer must not say which exist.
const NOT_FOUND_MESSAGE = 'No attachment has this id.';

/** Ids are made here: `att_` and 22 base64url characters (128 random bits; shared/attachments/pendingUpload.ts). */
const newAttachmentId = (): string => `att_${randomBytes(16).toString('base64url')}`;

type Received = { kind: 'attachment-upload'; path: string } & Awaited<ReturnType<typeof saveBody>>;
const isReceived = (body: unknown): body is Received => typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'attachment-upload';

const uploadRoute = defineRoute({
  id: 'uploadAttachment',
  method: 'POST',
  url: '/api/attachments',
  access: 'signed-in',
  summary: 'Store a file to attach to a ticket or a note',
  description:
    'The file itself is the body, its name in the `x-file-name` header (percent-encoded UTF-8; without one, `attachment` and the extension of its type). Its type is read from its bytes, never from its name or Content-Type: images (PNG, JPEG, GIF, WebP), PDF, zip, gzip and plain UTF-8 text are accepted; HTML, SVG and XML never are. With a scanner configured (MEJA_CLAMD_SOCKET or MEJA_CLAMD_HOST), the file is scanned by clamd before it is stored. The same bytes are stored once however often they are sent. Until an `attachment:add` change attaches it, only its uploader may read it.',
  upload: {
    contentTypes: ['*/*'],
    description: 'The file, at most MEJA_ATTACHMENT_MAX_MB megabytes (default 25); any Content-Type header.',
    examples: { '*/*': '2026-12-07 09:12:01 ERROR Outlook: sync failed (0x800CCC0E)\n' },
  },
  responses: { 201: { description: 'Stored (and scanned, when a scanner is configured).', content: { 'application/json': attachmentReceiptSchema } } },
  errors: ['invalid_file', 'too_large', 'unsupported_media_type', 'malware_found', 'scan_failed', 'storage_unavailable'],
});

/** A wildcard rather than an `:id` parameter, so that any path under it gets the same 404 as an unknown id. */
const downloadRoute = defineRoute({
  id: 'readAttachment',
  method: 'GET',
  url: '/api/attachments/*',
  wildcard: 'attachmentId',
  access: 'signed-in',
  summary: 'An attachment file',
  description:
    'Readable by every signed-in user once a ticket carries it (as the ticket is), by its uploader only before. Served with the type found at upload, `X-Content-Type-Options: nosniff`, a sandboxing Content-Security-Policy, and `Content-Disposition: attachment` unless it is an image. An unknown id and one this user may not read get the same 404.',
  params: { schema: z.object({ attachmentId: z.string().meta({ description: 'The id POST /api/attachments answered.' }) }), what: 'attachment id' },
  responses: {
    200: {
      description: 'The file, with the type found in its bytes at upload.',
      content: Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type.split(';')[0] ?? type, z.string().meta({ format: 'binary' })])),
    },
  },
  errors: ['not_found'],
});

export const ATTACHMENT_ROUTES = [uploadRoute, downloadRoute] as const;

/** Reads the first bytes, which decide the type. */
const headOf = async (path: string, size: number): Promise<Uint8Array> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** The extension a file without a name is given, by its type. */
const EXTENSIONS: Readonly<Record<AttachmentType, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'text/plain; charset=utf-8': '.txt',
};

const megabytes = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;

/** Refuses the received file unless its type is allowed and the scanner (if any) passes it. */
const check = async (received: Received, settings: AttachmentSettings): Promise<AttachmentType> => {
  if (received.bytes === 0) throw new HttpError(400, 'invalid_file', 'The file is empty.');
  const sniffed = sniffAttachmentType(await headOf(received.path, received.bytes), received.bytes <= SNIFF_BYTES);
  if (!sniffed.ok) throw new HttpError(415, 'unsupported_media_type', sniffed.reason);
  if (settings.clamd === null) return sniffed.contentType;
  const verdict = await scanFile(settings.clamd, received.path);
  if (verdict.kind === 'found') throw new HttpError(422, 'malware_found', `The virus scanner found ${verdict.signature} in this file; it was not stored.`);
  if (verdict.kind === 'failed')
    throw new HttpError(422, 'scan_failed', 'The virus scanner could not check this file, so it was not stored; try again later or tell an administrator.');
  return sniffed.contentType;
};

const receive =
  (store: FileStore, limit: number) =>
  async (request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Received> => {
    const path = await store.incomingPath();
    try {
      return {
        kind: 'attachment-upload',
        path,
        ...(await saveBody(request, payload, path, limit, () => new HttpError(413, 'too_large', `An attachment may be at most ${megabytes(limit)}.`))),
      };
    } catch (error) {
      await store.discard(path);
      throw error;
    }
  };

/**
 * POST /api/attachments stores a file (checked, scanned, content-addressed); GET
 * /api/attachments/<id> serves it to whoever may read it, in a way no browser will run.
 */
export const attachmentRoutes = (app: FastifyInstance, db: Db, settings: AttachmentSettings, store: FileStore, now = Date.now): void => {
  // In its own scope, so every body of this route (whatever its Content-Type) is a file to save, and no other route's is.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', receive(store, settings.maxBytes));
    route(
      scope,
      uploadRoute,
      async (_input, request, reply) => {
        const received = request.body;
        if (!isReceived(received)) throw new HttpError(400, 'invalid_file', 'Send the file itself as the request body.');
        const contentType = await check(received, settings);
        // A file sent without a usable name is still kept, under a plain one with its type's extension.
        const name =
          cleanFileName(typeof request.headers['x-file-name'] === 'string' ? request.headers['x-file-name'] : undefined) ??
          `attachment${EXTENSIONS[contentType]}`;
        await store.keep(received.path, received.sha256);
        const receipt: AttachmentReceipt = { id: newAttachmentId(), size: received.bytes, contentType };
        await db
          .insertInto('attachments')
          .values({
            id: receipt.id,
            sha256: received.sha256,
            size: received.bytes,
            content_type: contentType,
            name,
            uploaded_by: currentUser(request).id,
            uploaded_at: now(),
            ticket_id: null,
            note_id: null,
          })
          .execute();
        return reply.status(201).send(receipt);
      },
      // Also when the file was refused: what was received and not kept must not stay behind.
      { cleanup: async (request) => (isReceived(request.body) ? store.discard(request.body.path) : undefined) },
    );
  });

  route(app, downloadRoute, async ({ params }, request, reply) => {
    const row = isAttachmentId(params.attachmentId)
      ? await db
          .selectFrom('attachments')
          .select(['sha256', 'size', 'content_type', 'name', 'uploaded_by', 'ticket_id'])
          .where('id', '=', params.attachmentId)
          .executeTakeFirst()
      : undefined;
    if (row === undefined || (row.ticket_id === null && row.uploaded_by !== currentUser(request).id)) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    return sendStoredFile(reply, store, row, 'private, max-age=86400');
  });
};
