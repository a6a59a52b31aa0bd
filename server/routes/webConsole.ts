import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meja</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Meja server is running</h1>
<p>The web console is not built yet. Run <code>npm run build</code> and reload this page.</p>
<p>The API answers at <a href="/api/health">/api/health</a>.</p></body></html>`;

/** Serves the built console at `/`, with every other non-API path falling back to it (client-side routes). */
export const webConsoleRoutes = async (app: FastifyInstance, staticDir: string): Promise<void> => {
  const isBuilt = existsSync(join(staticDir, 'index.html'));
  const assetsDir = join(staticDir, 'assets');
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      setHeaders: (response, path) => {
        // Hashed asset names never change content; the page and the service worker must be revalidated.
        const isAsset = path.startsWith(assetsDir);
        response.header('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/')) throw new HttpError(404, 'not_found', `No route ${request.method} ${path}.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(404, 'not_found', 'Not found.');
    // A missing script or image must fail as such, not arrive as the HTML page (nosniff would then block it with a confusing error).
    if (/\.[A-Za-z0-9]+$/.test(path) && !path.endsWith('.html')) throw new HttpError(404, 'not_found', `No file ${path}.`);
    if (!isBuilt) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
};
