import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { ATTACHMENT_TYPES, isInlineImage } from '../../shared/attachments/attachmentType';
import { contentDisposition } from './fileName';
import type { FileStore } from './fileStore';

/** The sandbox makes even a file a browser chose to render a document without script, forms or origin. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** An attachment row as far as serving it goes. */
export type StoredFile = { sha256: string; size: number; content_type: string; name: string };

/**
 * Sends a stored attachment in a way no browser will run: its type as found at upload, nosniff, a
 * sandboxing CSP, and a download unless it is an image. Every route that serves a file uses this.
 */
export const sendStoredFile = (reply: FastifyReply, store: FileStore, file: StoredFile, cacheControl: string): FastifyReply => {
  const type = ATTACHMENT_TYPES.find((known) => known === file.content_type);
  if (type === undefined) throw new Error(`attachment of unknown stored type ${file.content_type}`);
  return reply
    .header('content-type', type)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(isInlineImage(type) ? 'inline' : 'attachment', file.name))
    .header('content-security-policy', DOWNLOAD_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', cacheControl)
    .header('etag', `"${file.sha256}"`)
    .send(createReadStream(store.pathOf(file.sha256)));
};
