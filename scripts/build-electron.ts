/** Bundles the Electron main process and preload into CommonJS files under dist/electron. */
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

await build({
  entryPoints: { main: join(root, 'electron', 'main', 'index.ts'), preload: join(root, 'electron', 'preload', 'index.ts') },
  outdir: join(root, 'dist', 'electron'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});
