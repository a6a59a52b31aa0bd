/**
 * Which files a ticket may carry, decided by their first bytes, never by their name or the type a
 * client claims: a name says nothing about what a browser would do with the bytes. The allow list
 * is what callers send a help desk (screenshots, PDFs, logs, zipped bundles); markup is refused
 * outright, because HTML, SVG and XML can carry script that would run on whatever origin served
 * them, and a plain-text log never needs to begin like one.
 */

/** The types an attachment may have: the server serves a file with exactly this type. */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'text/plain; charset=utf-8',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** How many first bytes the rule reads: enough for every signature and a fair sample of a text file. */
export const SNIFF_BYTES = 64 * 1024;

export type SniffResult = { ok: true; contentType: AttachmentType } | { ok: false; reason: string };

const startsWith = (head: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  head.length >= offset + signature.length && signature.every((byte, index) => head[offset + index] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Binary formats by their magic numbers (the WHATWG MIME sniffing table's, for those allowed). */
const SIGNATURES: readonly { type: AttachmentType; test: (head: Uint8Array) => boolean }[] = [
  { type: 'image/png', test: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (head) => startsWith(head, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (head) => startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')) },
  { type: 'image/webp', test: (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBPVP'), 8) },
  { type: 'application/pdf', test: (head) => startsWith(head, ascii('%PDF-')) },
  // Also Office documents (docx, xlsx), which are zip files.
  { type: 'application/zip', test: (head) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]) },
  { type: 'application/gzip', test: (head) => startsWith(head, [0x1f, 0x8b, 0x08]) },
];

/**
 * Beginnings a browser would take for markup (the WHATWG "scriptable MIME type" patterns, compared
 * without case after leading white space), plus `<svg`, which the standard's table reaches through XML.
 */
const MARKUP_STARTS = [
  '<!doctype html',
  '<html',
  '<head',
  '<script',
  '<iframe',
  '<h1',
  '<div',
  '<font',
  '<table',
  '<a',
  '<style',
  '<title',
  '<b',
  '<body',
  '<br',
  '<p',
  '<!--',
  '<?xml',
  '<svg',
];

/** Control characters a log does not hold: all below space except tab, line feed, form feed, carriage return and escape; and DEL. */
const isForbiddenControl = (byte: number): boolean => (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(byte)) || byte === 0x7f;

/** How many continuation bytes a UTF-8 lead byte announces, or -1 for a byte that cannot lead. */
const continuationsOf = (lead: number): number =>
  lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;

const isContinuationRun = (head: Uint8Array, from: number, to: number): boolean => {
  for (let index = from; index < to; index += 1) if (((head[index] ?? 0) & 0xc0) !== 0x80) return false;
  return true;
};

/**
 * Whether the head is UTF-8 text: well-formed (no overlong forms, surrogates or code points past
 * U+10FFFF) and without the control characters a log does not hold. `complete` false means the
 * head was cut off at SNIFF_BYTES, so a character split at its very end is not an error.
 */
const isText = (head: Uint8Array, complete: boolean): boolean => {
  let index = 0;
  while (index < head.length) {
    const lead = head[index] ?? 0;
    const extra = continuationsOf(lead);
    if (extra < 0) return false;
    if (extra === 0) {
      if (isForbiddenControl(lead)) return false;
      index += 1;
      continue;
    }
    // A character running past the head's end is fine only where the head was cut off there.
    if (index + extra >= head.length) return !complete && isContinuationRun(head, index + 1, head.length);
    const second = head[index + 1] ?? 0;
    // The second byte's range rules out overlong forms (E0, F0), surrogates (ED) and past U+10FFFF (F4).
    const [low, high] =
      lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (second < low || second > high || !isContinuationRun(head, index + 2, index + extra + 1)) return false;
    index += extra + 1;
  }
  return true;
};

/** The first characters after a byte-order mark and white space, lower-cased: only ASCII can start markup. */
const startOf = (head: Uint8Array): string => {
  let index = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (index < head.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(head[index] ?? 0)) index += 1;
  let start = '';
  for (; index < head.length && start.length < 16 && (head[index] ?? 0x80) < 0x80; index += 1) start += String.fromCharCode(head[index] ?? 0);
  return start.toLowerCase();
};

const looksLikeMarkup = (head: Uint8Array): boolean => {
  const start = startOf(head);
  return MARKUP_STARTS.some((tag) => start.startsWith(tag) && (tag.endsWith('-') || !/[a-z0-9]/.test(start.charAt(tag.length))));
};

/**
 * The type of a file from its first bytes (at most SNIFF_BYTES; `complete` when that is the whole
 * file). Empty files, markup and anything not on the allow list are refused with a reason a person
 * can act on.
 */
export const sniffAttachmentType = (head: Uint8Array, complete: boolean): SniffResult => {
  if (head.length === 0) return { ok: false, reason: 'The file is empty.' };
  const binary = SIGNATURES.find((signature) => signature.test(head));
  if (binary !== undefined) return { ok: true, contentType: binary.type };
  if (!isText(head, complete))
    return { ok: false, reason: 'This kind of file is not accepted: attach images (PNG, JPEG, GIF, WebP), PDF, zip or gzip files, or plain text.' };
  if (looksLikeMarkup(head))
    return { ok: false, reason: 'HTML, SVG and XML files are not accepted: they could run script. Zip the file, or attach a screenshot.' };
  return { ok: true, contentType: 'text/plain; charset=utf-8' };
};

/** Images are the only attachments a browser may show in place (thumbnails); every other type is downloaded. */
export const isInlineImage = (type: AttachmentType): boolean => type.startsWith('image/');

/** POST /api/attachments' answer: the stored file's id, its size in bytes and the type it is served with. */
export type AttachmentReceipt = { id: string; size: number; contentType: AttachmentType };
