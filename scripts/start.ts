/**
 * `npm start`: the central server on its embedded default (SQLite, demo data), then the desktop
 * app connected to it. Where Electron's binary is missing (it downloads from outside the npm
 * registry) it says so and leaves the web console running.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serverUrl } from '../server/serverUrl';

const root = join(import.meta.dirname, '..');
const port = process.env.MEJA_PORT ?? '4780';
const host = process.env.MEJA_HOST ?? '127.0.0.1';
// The server itself checks both TLS files and says what is wrong with them; here only the scheme is needed.
const isHttps = (process.env.MEJA_TLS_CERT ?? '') !== '' || (process.env.MEJA_TLS_KEY ?? '') !== '';
const url = serverUrl({ host, port, isHttps });
const say = (line: string) => process.stdout.write(`[meja] ${line}\n`);

const ensureBuilt = () => {
  if (existsSync(join(root, 'dist', 'renderer', 'index.html')) && existsSync(join(root, 'dist', 'electron', 'main.cjs'))) return;
  say('building the console (first start)...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
};

/**
 * Whether the server started here answers its health route with 200. Over https the certificate is
 * not verified: this only asks whether our own child process is up, sends nothing secret, and the
 * certificate may well name another host than the 127.0.0.1 asked here (or be self-signed).
 */
const isHealthy = (): Promise<boolean> =>
  new Promise((resolve) => {
    const done = (response: { statusCode?: number | undefined; resume(): void }) => {
      response.resume();
      resolve(response.statusCode === 200);
    };
    const request = isHttps ? httpsGet(`${url}/api/health`, { rejectUnauthorized: false }, done) : httpGet(`${url}/api/health`, done);
    request.on('error', () => resolve(false));
  });

const waitForHealth = async (deadline: number): Promise<boolean> => {
  while (Date.now() < deadline) {
    if (await isHealthy()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
};

/** The Electron binary's path, or null if the package or its binary is missing. */
const electronBinary = (): string | null => {
  try {
    const required: unknown = createRequire(import.meta.url)('electron');
    return typeof required === 'string' && existsSync(required) ? required : null;
  } catch {
    return null;
  }
};

ensureBuilt();
// Requests are logged at `warn` here so the quick start's own lines stay readable; MEJA_LOG overrides.
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts'), '--demo'], {
  cwd: root,
  stdio: 'inherit',
  env: { MEJA_LOG: 'warn', ...process.env },
});
const stop = () => {
  server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

if (!(await waitForHealth(Date.now() + 60_000))) {
  say(`the server did not answer at ${url}/api/health within 60 s`);
  stop();
} else {
  const electron = electronBinary();
  if (electron === null) {
    say("Electron's binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download site was unreachable),");
    say('so the desktop app cannot start. The same console runs in your browser:');
    say(`  web console: ${url}/`);
    say('To get the desktop app, run `npm install` where Electron can be downloaded. Ctrl+C stops the server.');
  } else {
    say(`starting the desktop app against ${url}`);
    const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, MEJA_SERVER_URL: url } });
    app.on('exit', () => say(`desktop app closed; the server keeps running at ${url}/ (Ctrl+C stops it)`));
  }
}
