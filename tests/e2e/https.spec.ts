import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HSTS_MAX_AGE_S } from '../../server/securityHeaders';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { makeTestCertificate, type TestCertificate } from '../support/testCertificate';
import { consolePage } from './pages/consolePage';
import { loginPage } from './pages/loginPage';
import { makeTicketInput } from './support/factories';
import { chromium, type Browser } from '@playwright/test';
import { expect, test } from './support/fixtures';

/*
 * The web console from a server that speaks https itself (MEJA_TLS_CERT, MEJA_TLS_KEY), started
 * here as an operator would (`server/main.ts --demo`) with a certificate made for this run.
 * Chromium is told to trust that one certificate (by its public key), not to ignore certificate
 * errors: with errors ignored the page loads, but Chromium refuses the service worker, which a
 * trusted certificate must allow like any other.
 */

let certificate: TestCertificate;
let folder: string;
let server: ProcessServer;
let trusting: Browser;

/** The base64 SHA-256 of the certificate's public key, as --ignore-certificate-errors-spki-list takes it. */
const spkiHash = (pem: string): string =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

test.beforeAll(async () => {
  certificate = await makeTestCertificate();
  folder = await mkdtemp(join(tmpdir(), 'meja-e2e-https-'));
  server = await startProcessServer(`sqlite:${join(folder, 'meja.sqlite')}`, {
    args: ['--demo'],
    env: { MEJA_TLS_CERT: certificate.certFile, MEJA_TLS_KEY: certificate.keyFile },
    fetch: (url) => certificate.fetch(url),
  });
  const configured = test.info().project.use.launchOptions ?? {};
  trusting = await chromium.launch({
    ...configured,
    args: [...(configured.args ?? []), `--ignore-certificate-errors-spki-list=${spkiHash(certificate.cert)}`],
  });
});

test.afterAll(async () => {
  await trusting?.close();
  await server?.stop();
  await certificate?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

test('the console over https signs in, syncs a new ticket both ways, and is told to stay on https', async ({ browserLog }) => {
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const context = await trusting.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    page.on('console', (message) => browserLog.push(`[https] ${message.type()}: ${message.text()}`));
    const answer = await page.goto('/');
    expect(answer?.url()).toMatch(/^https:/);
    expect(await answer?.headerValue('strict-transport-security')).toBe(`max-age=${HSTS_MAX_AGE_S}; includeSubDomains`);
    expect(await answer?.headerValue('content-security-policy')).toContain('upgrade-insecure-requests');

    await loginPage(page).signIn('tina');
    const console = consolePage(page);
    await console.waitForFirstSync();
    // The app shell's service worker installs over https as it does over loopback http.
    await console.waitForOfflineShell();

    await console.pressNewTicket();
    const input = makeTicketInput();
    await console.newTicketDialog.fill(input);
    await console.newTicketDialog.submit();
    // The number comes from the server: the change went out and came back over https.
    await expect(console.newTicketDialog.number).toHaveText(/^#\d+$/);
    const code = (await console.newTicketDialog.code.textContent()) ?? '';
    await console.newTicketDialog.close();
    await expect(console.row(code)).toContainText(input.title);
    await console.waitForSynced();

    // And the server has it: asked over verified TLS, outside the browser.
    const tracked = await certificate.fetch(`${server.url}/api/track/${code}`);
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ code, status: 'new' });
    expect(browserLog.filter((line) => /certificate|SSL/i.test(line))).toEqual([]);
  } finally {
    await context.close();
  }
});
