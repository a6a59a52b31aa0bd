/**
 * The `attachmentId` of an `attachment:add` made before its file reached the server (offline, or
 * while the upload runs). The change waits in the outbox with it, its file in the console's cache;
 * the sync engine uploads the file and sends the change with the server's id in its place
 * (shared/sync/uploadBeforePush.ts). The server refuses a change that still names it.
 */
export const PENDING_UPLOAD = 'pending';

/** The ids POST /api/attachments makes: `att_` and 22 base64url characters. */
export const ATTACHMENT_ID_PATTERN = /^att_[A-Za-z0-9_-]{22}$/;

export const isAttachmentId = (value: string): boolean => ATTACHMENT_ID_PATTERN.test(value);
