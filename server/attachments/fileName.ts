/** Longest name kept; longer ones are cut (keeping the extension where it is short). */
export const MAX_FILE_NAME = 200;

/**
 * The name a client gave in `x-file-name`, as stored and offered back on download: percent-decoded
 * UTF-8 (headers carry only Latin-1, so clients encode), without any folder part, control
 * characters or surrounding space. Null when nothing is left.
 */
export const cleanFileName = (header: string | undefined): string | null => {
  if (header === undefined) return null;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    name = header;
  }
  // eslint-disable-next-line no-control-regex -- the point is to drop control characters
  name = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') return null;
  if (name.length <= MAX_FILE_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_FILE_NAME - extension.length) + extension;
};

/** A Content-Disposition value naming the file, in ASCII for old clients and exactly in UTF-8 (RFC 6266). */
export const contentDisposition = (kind: 'inline' | 'attachment', name: string): string => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};
