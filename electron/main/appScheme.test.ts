import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  handleAppScheme,
  registerAppSchemePrivileges,
  resolveAppRequest,
  type ProtocolHandlerRegistrar,
  type SchemeRegistrar,
} from './appScheme';

const root = resolve(tmpdir(), 'meja-renderer-build');
const fileAt = (...parts: string[]) => ({ kind: 'file', path: join(root, ...parts) });

// Stricter than the code under test: nothing starting with `..` at all, not even a file name.
const isInside = (path: string): boolean => {
  const inside = relative(root, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
};

describe('resolveAppRequest', () => {
  it('serves the built files under the root', () => {
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/index-abc123.js`, root)).toEqual({
      ...fileAt('assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest(`${APP_ORIGIN}/index.html`, root)).toMatchObject(fileAt('index.html'));
  });

  it.each([
    ['the root', `${APP_ORIGIN}/`],
    ['the root without a slash', APP_ORIGIN],
    ['a ticket route', `${APP_ORIGIN}/ticket/ABCD-2345`],
    ['a route with a query and a hash', `${APP_ORIGIN}/queue?tier=2#top`],
    ['a route that looks like a folder', `${APP_ORIGIN}/assets/`],
  ])('answers %s with index.html, which routes in the page', (_label, url) => {
    expect(resolveAppRequest(url, root)).toEqual({ ...fileAt('index.html'), contentType: 'text/html; charset=utf-8' });
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.PNG', 'image/png'],
    ['data.json', 'application/json'],
    ['font.woff2', 'font/woff2'],
    ['favicon.ico', 'image/x-icon'],
    ['app.webmanifest', 'application/manifest+json'],
  ])('gives %s the content type %s', (name, contentType) => {
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/${name}`, root)).toMatchObject({ kind: 'file', contentType });
  });

  it('does not serve kinds of file a build does not contain', () => {
    expect(resolveAppRequest(`${APP_ORIGIN}/secret.sqlite`, root)).toEqual({ kind: 'not-found' });
    expect(resolveAppRequest(`${APP_ORIGIN}/run.exe`, root)).toEqual({ kind: 'not-found' });
  });

  it('decodes the path once: a space is a space, a double encoding stays literal', () => {
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/my%20font.woff2`, root)).toMatchObject(fileAt('assets', 'my font.woff2'));
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/%252e%252e.js`, root)).toMatchObject(fileAt('assets', '%2e%2e.js'));
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://console.evil/index.html'],
    ['a port', 'app://console:8080/index.html'],
    ['credentials', 'app://user:pw@console/index.html'],
    ['another scheme', 'http://console/index.html'],
    ['a file URL', 'file:///etc/passwd'],
    ['no host', 'app:///etc/passwd'],
    ['an opaque path', 'app:console/index.html'],
    ['not a URL', 'not a url'],
    ['an encoded dot-dot', `${APP_ORIGIN}/assets/%2e%2e/%2e%2e/secret.js`],
    ['an encoded slash', `${APP_ORIGIN}/..%2f..%2fetc%2fpasswd.txt`],
    ['an encoded upper-case slash', `${APP_ORIGIN}/assets%2F..%2F..%2Fx.js`],
    ['an encoded backslash', `${APP_ORIGIN}/..%5c..%5cwindows%5cwin.ini.txt`],
    ['a backslash', `${APP_ORIGIN}/assets\\..\\..\\x.js`],
    ['a NUL byte', `${APP_ORIGIN}/index.html%00.png`],
    ['a Windows drive', `${APP_ORIGIN}/C:/Windows/win.ini.txt`],
    ['an alternate data stream', `${APP_ORIGIN}/index.html::$DATA`],
    ['a hidden file', `${APP_ORIGIN}/.env.json`],
    ['a broken escape', `${APP_ORIGIN}/%E0%A4%A.js`],
  ])('forbids %s', (_label, url) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'forbidden' });
  });

  it.each([
    `${APP_ORIGIN}/../../../etc/passwd.txt`,
    `${APP_ORIGIN}/assets/./index.js`,
    `${APP_ORIGIN}/%2e%2e/index.html`,
    `${APP_ORIGIN}/assets/%2E./x.js`,
    `${APP_ORIGIN}/assets/..`,
  ])('forbids the dot segments Chromium would have removed: %s', (url) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'forbidden' });
  });

  it('still serves file names with dots in them', () => {
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/index.abc..min.js`, root)).toMatchObject(fileAt('assets', 'index.abc..min.js'));
  });

  it('never answers with a file outside the root, whatever the path', () => {
    const piece = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '\\', '%00', '/', '//', 'a', 'b.js', 'C:', '%', '%25', '~', 'index.html', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }), (pieces) => {
        const answer = resolveAppRequest(`${APP_ORIGIN}/${pieces.join('')}`, root);
        if (answer.kind === 'file') expect(isInside(answer.path), answer.path).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('registerAppSchemePrivileges', () => {
  it("takes Electron's own protocol object (checked by the typecheck)", () => {
    expectTypeOf<Protocol>().toMatchTypeOf<SchemeRegistrar>();
    expectTypeOf<Protocol>().toMatchTypeOf<ProtocolHandlerRegistrar>();
  });

  it('registers app: as standard and secure, without service workers, CORS or a CSP bypass', () => {
    const registered: unknown[] = [];
    registerAppSchemePrivileges({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      allowServiceWorkers: false,
      corsEnabled: false,
      bypassCSP: false,
    });
  });
});

describe('handleAppScheme', () => {
  let buildDir = '';
  let handler: ((request: Request) => Promise<Response>) | null = null;
  const schemes: string[] = [];

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'meja-app-scheme-'));
    await mkdir(join(buildDir, 'assets'));
    await writeFile(join(buildDir, 'index.html'), '<!doctype html><title>Meja</title>');
    await writeFile(join(buildDir, 'assets', 'index-1.js'), 'console.log(1)');
    const protocol: ProtocolHandlerRegistrar = {
      handle: (scheme, given) => {
        schemes.push(scheme);
        handler = given;
      },
    };
    handleAppScheme(protocol, buildDir, (path) => readFile(path));
  });
  afterAll(async () => {
    await rm(buildDir, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET'): Promise<Response> => {
    if (handler === null) throw new Error('no handler registered');
    return handler(new Request(url, { method }));
  };

  it('registers the handler for the app scheme', () => {
    expect(schemes).toEqual(['app']);
  });

  it('serves a file with its type, our policy and nosniff', async () => {
    const response = await get(`${APP_ORIGIN}/assets/index-1.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self';");
  });

  it('answers a console route with index.html', async () => {
    const response = await get(`${APP_ORIGIN}/ticket/ABCD-2345`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Meja</title>');
  });

  it('answers 404 in plain text for a missing file', async () => {
    const response = await get(`${APP_ORIGIN}/assets/gone.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 403 to a way out of the build', async () => {
    // The Request canonicalises dot segments away, as Chromium does; an encoded slash survives.
    const response = await get(`${APP_ORIGIN}/..%2f..%2fmeja-secret.txt`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Forbidden');
  });

  it('answers 405 to anything but GET', async () => {
    expect((await get(`${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
  });
});
