import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');
const SERVICE_WORKER = 'sw.js';

/**
 * Fills the service worker's precache list with every file of this build (hashed assets and
 * index.html) and a version derived from their contents, so a new build installs a new worker and
 * the old cache is dropped. The worker is an entry of the same build, written unhashed at /sw.js.
 */
const serviceWorkerManifest = (): Plugin => ({
  name: 'meja-service-worker-manifest',
  apply: 'build',
  // After writing, because index.html joins the bundle late (Vite emits it in its own last step).
  async writeBundle(options, bundle) {
    const outDir = options.dir ?? resolve(import.meta.dirname, 'dist/renderer');
    const names = Object.keys(bundle)
      .filter((name) => name !== SERVICE_WORKER && !name.endsWith('.map'))
      .sort();
    if (!names.includes('index.html')) throw new Error('index.html is missing from the build');
    const hash = createHash('sha256');
    for (const name of names) {
      const output = bundle[name];
      hash.update(name).update(output?.type === 'chunk' ? output.code : (output?.source ?? ''));
    }
    const version = hash.digest('hex').slice(0, 12);
    const file = resolve(outDir, SERVICE_WORKER);
    const code = await readFile(file, 'utf8');
    if (!code.includes('__MEJA_PRECACHE__')) throw new Error(`${SERVICE_WORKER} has no precache placeholder`);
    const files = names.map((name) => `/${name}`);
    await writeFile(file, code.replaceAll('__MEJA_PRECACHE__', JSON.stringify(files)).replaceAll('__MEJA_CACHE_VERSION__', JSON.stringify(version)));
  },
});

/**
 * The dev server injects inline scripts and styles (React refresh, CSS hot reload) and talks to
 * its own web socket; only there is the page's policy relaxed. The built page keeps it strict.
 */
const relaxCspForDev = (): Plugin => ({
  name: 'meja-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
});

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), relaxCspForDev(), serviceWorkerManifest()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    rolldownOptions: {
      input: {
        main: resolve(root, 'index.html'),
        track: resolve(root, 'track/index.html'),
        help: resolve(root, 'help/index.html'),
        sw: resolve(root, 'serviceWorker/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER : 'assets/[name]-[hash].js'),
      },
    },
  },
  // The cache worker (renderer/cacheWorker/) is started as a module worker, in development too.
  worker: { format: 'es' },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:4780', changeOrigin: false } },
  },
});
