import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { shellAgainstServer } from '../../electron/testing/shellAgainstServer';
import { namedHostFetch } from '../support/namedHostFetch';
import { E2E_PORT } from './support/env';
import { expect, test } from './support/fixtures';
import { desktopUpstream, startLayeredServer, type LayeredServer } from './support/layeredServer';

/*
 * The desktop app's sign-in card against a plain-http server on another machine. The page is the
 * built renderer as the app:// handler serves it; its window.meja calls the main process's real
 * IPC handlers and session (sender check, zod contract, session.ts, the session file) in this
 * test's process, since the Electron binary cannot run here. The session reaches the end-to-end
 * server under an office host name that resolves to 127.0.0.1 (see namedHostFetch).
 */

const OFFICE_HOST = 'meja.office.test';
const officeUrl = `http://${OFFICE_HOST}:${E2E_PORT}`;

let desktop: LayeredServer;
let folder: string;

test.beforeAll(async () => {
  desktop = await startLayeredServer(desktopUpstream);
  folder = await mkdtemp(join(tmpdir(), 'meja-e2e-desktop-'));
});

test.afterAll(async () => {
  await desktop?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

/** A desktop page whose window.meja reaches `shell.invoke` as the preload would reach ipcMain. */
const openDesktopPage = async (context: BrowserContext, invoke: (channel: string, args: unknown) => Promise<unknown>): Promise<Page> => {
  await context.exposeBinding('__mejaInvoke', (_source, channel: string, args: unknown) => invoke(channel, args));
  await context.addInitScript({
    content: "window.meja = Object.freeze({ platform: 'electron', invoke: (channel, args) => window.__mejaInvoke(channel, args), on: () => () => {} });",
  });
  const page = await context.newPage();
  await page.goto(`${desktop.url}/`);
  return page;
};

test('refuses plain http to another machine until the technician allows it, in English and Bahasa Indonesia, and remembers the choice', async ({ browser }) => {
  const network = namedHostFetch({ [OFFICE_HOST]: '127.0.0.1' });
  const shell = await shellAgainstServer(officeUrl, folder, undefined, network.fetch);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await openDesktopPage(context, (channel, args) => shell.invoke(channel, args));
    const warning = page.getByTestId('login-unencrypted');
    const error = page.getByTestId('login-error');
    await expect(page.getByText(`Server: ${officeUrl}`)).toBeVisible();
    await expect(warning).toContainText('The connection to this server is not encrypted');
    const allow = page.getByLabel('Allow an unencrypted connection to this server');
    await expect(allow).not.toBeChecked();

    await page.getByLabel('Username').fill('tina');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(error).toHaveText(/^Not signed in: the connection to this server is not encrypted \(http\)/);
    // The main process sent nothing: the password never left this machine.
    expect(network.requests).toEqual([]);

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Bahasa Indonesia' });
    await expect(warning).toContainText('Koneksi ke server ini tidak terenkripsi');
    await expect(error).toHaveText(/^Belum masuk: koneksi ke server ini tidak terenkripsi \(http\)/);
    const izinkan = page.getByLabel('Izinkan koneksi tanpa enkripsi ke server ini');
    // By keyboard, as a technician would: Space ticks the box, Enter in a field submits.
    await izinkan.focus();
    await page.keyboard.press('Space');
    await expect(izinkan).toBeChecked();
    await page.getByLabel('Kata sandi').press('Enter');
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    expect(network.requests).toEqual([`${officeUrl}/api/auth/login`]);

    // Signed out, the card says the choice was made on this computer and asks no more.
    const user = page.getByTestId('signed-in-user');
    await user.click();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(warning).toContainText('Anda telah mengizinkan koneksi tanpa enkripsi ke server ini di komputer ini.');
    await expect(izinkan).toHaveCount(0);
    await page.getByLabel('Nama pengguna').fill('tina');
    await page.getByLabel('Kata sandi').fill('demo-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(user).toBeVisible();
  } finally {
    await context.close();
    await network.close();
  }
});
