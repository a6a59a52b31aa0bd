import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { answerAppRequest, APP_ORIGIN } from '../../../electron/main/appScheme';

/**
 * Which of the two policies a page gets. Each built page carries one of its own (a `<meta>` tag in
 * renderer/index.html), and the response that brings it carries another (the server's header,
 * or the `app://` handler's): a request must pass both. `shipped` is the product as it is; the
 * others remove one layer or both, so that each is shown to hold alone and the probes are shown
 * to get through when nothing stops them.
 */
export type PolicyLayers = 'shipped' | 'header only' | 'page only' | 'none';

/** Where the answers come from: the product's own code, given a method and a path with its query. */
export type Upstream = (method: string, path: string) => Promise<Response>;

/**
 * A loopback server in front of `upstream` that removes the layers it is told to. It is a real
 * server on 127.0.0.1 rather than a Playwright route on purpose: Chromium (since its Local Network
 * Access checks) puts a page answered by a route in no address space, i.e. the public one, and
 * then refuses every request from it to loopback whatever the policy says. Measured from a route,
 * the policy could not be told apart from that refusal.
 */
export type LayeredServer = { url: string; use(layers: PolicyLayers): void; close(): Promise<void> };

const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');
const META_POLICY = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/gi;

const withoutMetaPolicy = (html: string): string => {
  const found = html.match(META_POLICY) ?? [];
  // Not finding it would let a test believe it removed a layer it never saw.
  if (found.length !== 1) throw new Error(`expected one policy <meta> in the page, found ${found.length}`);
  return html.replace(META_POLICY, '');
};

const keepsHeader = (layers: PolicyLayers) => layers === 'shipped' || layers === 'header only';
const keepsMeta = (layers: PolicyLayers) => layers === 'shipped' || layers === 'page only';

// Hop-by-hop and framing headers are the proxy's own business.
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

const relay = async (upstream: Upstream, layers: PolicyLayers, request: IncomingMessage, response: ServerResponse) => {
  const answer = await upstream(request.method ?? 'GET', request.url ?? '/');
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!DROPPED.has(name)) headers[name] = value;
  });
  if (!keepsHeader(layers)) delete headers['content-security-policy'];
  let body = Buffer.from(await answer.arrayBuffer());
  if ((headers['content-type'] ?? '').includes('text/html') && !keepsMeta(layers)) body = Buffer.from(withoutMetaPolicy(body.toString('utf8')));
  response.writeHead(answer.status, headers).end(body);
};

export const startLayeredServer = async (upstream: Upstream): Promise<LayeredServer> => {
  let layers: PolicyLayers = 'shipped';
  const server = createServer((request, response) => {
    relay(upstream, layers, request, response).catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the layered server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    use: (given) => {
      layers = given;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
};

/** The web console: the real server's answers (GET only; the probes need nothing else of it). */
export const webConsoleUpstream =
  (serverUrl: string): Upstream =>
  (method, path) =>
    fetch(`${serverUrl}${path}`, { method, redirect: 'manual' });

/** The desktop page: the `app://` handler's own answers over the built renderer, as for `app://console`. */
export const desktopUpstream: Upstream = (method, path) => answerAppRequest({ method, url: `${APP_ORIGIN}${path}` }, RENDERER_DIR, (file) => readFile(file));
