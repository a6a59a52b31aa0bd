import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { contentSecurityPolicy } from './windowOptions';

/**
 * The renderer's origin in the desktop app. It never changes (unlike a server URL or a dev port),
 * so the IndexedDB cache that lives under this origin is found again after every update or change
 * of server.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `standard` gives the scheme real origins (relative URLs, `location.origin`, per-origin storage);
 * `secure` makes it a secure context (clipboard, crypto.subtle). Deliberately no service workers
 * (the main process syncs; a worker would only be a second, stale cache), no CORS (nothing else
 * may read our files) and no CSP bypass.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  allowServiceWorkers: false,
  corsEnabled: false,
  bypassCSP: false,
  stream: false,
} as const;

export type SchemeRegistrar = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: typeof APP_SCHEME_PRIVILEGES }[]): void;
};

/** Electron accepts privileges only before `app` is ready: call this first, at start-up. */
export const registerAppSchemePrivileges = (protocol: SchemeRegistrar): void => {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json',
  map: 'application/json',
  woff2: 'font/woff2',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
};

export type AppRequestResolution = { kind: 'file'; path: string; contentType: string } | { kind: 'not-found' } | { kind: 'forbidden' };

const FORBIDDEN: AppRequestResolution = { kind: 'forbidden' };

const extensionOf = (segment: string): string | null => {
  const dot = segment.lastIndexOf('.');
  return dot > 0 ? segment.slice(dot + 1).toLowerCase() : null;
};

/** Encoded separators and NUL survive URL parsing and would change meaning after decoding. */
const ENCODED_DANGER = /%(2f|5c|00)/i;

/**
 * A dot segment, plain or encoded, in the URL as given. The URL parser would quietly resolve it
 * (clamped at the root), but Chromium hands the handler canonical URLs, so one that still has
 * them was made by hand: refused rather than guessed at.
 */
const DOT_SEGMENT = /(^|[/\\])(\.|%2e){1,2}([/\\]|$)/i;

const rawPathOf = (url: string): string => {
  const afterScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '');
  return afterScheme.split(/[?#]/, 1)[0] ?? '';
};

const splitPath = (pathname: string): string[] | null => {
  if (ENCODED_DANGER.test(pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // No dot segments (`..` and `.` that the URL parser left, e.g. from `%2e%2e`), no hidden files,
  // no drive letters or stream names (`C:`, `file.txt:$DATA`) that Windows paths would honour.
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null;
  return segments;
};

/**
 * Maps an `app://console/...` URL to a file under `rootDir` (the built renderer), as a pure
 * decision the protocol handler then carries out. Invariant: a `file` answer is always inside
 * `rootDir`; whatever could leave it (dot segments, encoded or back slashes, NUL bytes, absolute or
 * drive paths) is `forbidden`. Symbolic links inside the build are not looked at: the build folder
 * is ours and read-only once packaged. Paths without an extension are the console's own routes
 * (`/ticket/ABCD-2345`) and get `index.html`, which routes in the page.
 */
export const resolveAppRequest = (url: string, rootDir: string): AppRequestResolution => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return FORBIDDEN;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return FORBIDDEN;
  if (parsed.username !== '' || parsed.password !== '') return FORBIDDEN;
  if (DOT_SEGMENT.test(rawPathOf(url))) return FORBIDDEN;
  const segments = splitPath(parsed.pathname);
  if (segments === null) return FORBIDDEN;
  const last = segments.at(-1);
  const extension = last === undefined ? null : extensionOf(last);
  const wanted = extension === null ? ['index.html'] : segments;
  const root = resolve(rootDir);
  const path = resolve(root, ...wanted);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside) || win32.isAbsolute(inside)) return FORBIDDEN;
  // Only the kinds of file a build contains; anything else is not ours to serve.
  const contentType = CONTENT_TYPES[extension ?? 'html'];
  return contentType === undefined ? { kind: 'not-found' } : { kind: 'file', path, contentType };
};

/** What the handler needs of Electron's `protocol` after ready; the real one satisfies it. */
export type ProtocolHandlerRegistrar = {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
};

export type ReadFile = (path: string) => Promise<Uint8Array>;

// The renderer makes no network requests in the desktop app (the main process syncs), so the
// policy allows connections to our own origin only.
const APP_POLICY = contentSecurityPolicy();

const headers = (contentType: string): Record<string, string> => ({
  'content-type': contentType,
  'content-security-policy': APP_POLICY,
  'x-content-type-options': 'nosniff',
});

const plain = (status: number, text: string): Response => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

/** The answer to one request for a file of the console; exported for tests. */
export const answerAppRequest = async (request: Pick<Request, 'method' | 'url'>, rootDir: string, readFile: ReadFile): Promise<Response> => {
  if (request.method !== 'GET') return plain(405, 'Method not allowed');
  const resolution = resolveAppRequest(request.url, rootDir);
  if (resolution.kind === 'forbidden') return plain(403, 'Forbidden');
  if (resolution.kind === 'not-found') return plain(404, 'Not found');
  try {
    const body = await readFile(resolution.path);
    return new Response(body, { status: 200, headers: headers(resolution.contentType) });
  } catch {
    // Missing, a folder, or unreadable: to the page all of these are simply not there.
    return plain(404, 'Not found');
  }
};

/** Serves the built renderer from `rootDir` on `app://console/`; call after `app` is ready. */
export const handleAppScheme = (protocol: ProtocolHandlerRegistrar, rootDir: string, readFile: ReadFile): void => {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, rootDir, readFile));
};
