import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApp, fakeEvent, resetWindowFake, windowFakeState } from '../testing/windowFake';
import { startDeepLinks } from './deepLinkRouting';
import { createConsoleWindow } from './window';

vi.mock('electron', async () => (await import('../testing/windowFake')).windowFake);

let stateFolder = '';
const originalArgv = process.argv;

beforeEach(async () => {
  resetWindowFake();
  stateFolder = await mkdtemp(join(tmpdir(), 'meja-links-'));
});
afterEach(async () => {
  process.argv = originalArgv;
  await rm(stateFolder, { recursive: true, force: true });
});

const openWindow = async () => {
  const window = await createConsoleWindow({ preloadPath: '/p.cjs', stateFolder, shouldHideOnClose: () => true });
  const fake = windowFakeState.windows[0];
  if (fake === undefined) throw new Error('no window was created');
  return { window, fake };
};

const openTicket = (code: string) => ({ channel: 'deepLink:openTicket', payload: { code } });

describe('startDeepLinks', () => {
  it('opens the ticket a second instance was started for, once the page has loaded', async () => {
    const { window, fake } = await openWindow();
    startDeepLinks(() => window);
    fakeApp.emit('second-instance', fakeEvent(), ['meja.exe', '--flag', 'meja://ticket/abcd1234']);
    expect(fake.focused).toBe(true);
    expect(fake.webContents.sent).toEqual([]);
    fake.webContents.finishLoad();
    expect(fake.webContents.sent).toEqual([openTicket('ABCD-1234')]);
  });

  it('a hostile link only focuses the window and opens nothing', async () => {
    const { window, fake } = await openWindow();
    fake.webContents.finishLoad();
    fake.minimized = true;
    startDeepLinks(() => window);
    fakeApp.emit('second-instance', fakeEvent(), ['meja.exe', 'meja://ticket/../../etc/passwd']);
    fakeApp.emit('open-url', fakeEvent(), 'meja://settings/reset?all=1');
    expect(fake.minimized).toBe(false);
    expect(fake.focused).toBe(true);
    expect(fake.webContents.sent).toEqual([]);
  });

  it('takes macOS open-url links away from the default handler', async () => {
    const { window, fake } = await openWindow();
    fake.webContents.finishLoad();
    startDeepLinks(() => window);
    const event = fakeEvent();
    fakeApp.emit('open-url', event, 'meja://ticket/WXYZ-9876');
    expect(event.defaultPrevented).toBe(true);
    expect(fake.webContents.sent).toEqual([openTicket('WXYZ-9876')]);
  });

  it('keeps the link the app was launched with until the window is ready, and delivers it once', async () => {
    process.argv = ['meja', 'meja://ticket/AAAA-BBBB'];
    const router = startDeepLinks(() => undefined);
    const { window, fake } = await openWindow();
    fake.webContents.finishLoad();
    router.windowReady(window);
    expect(fake.webContents.sent).toEqual([openTicket('AAAA-BBBB')]);
    router.windowReady(window);
    expect(fake.webContents.sent).toHaveLength(1);
  });

  it('keeps a link that arrives before the window exists', async () => {
    const router = startDeepLinks(() => undefined);
    fakeApp.emit('open-url', fakeEvent(), 'meja://ticket/CCCC-DDDD');
    const { window, fake } = await openWindow();
    fake.webContents.finishLoad();
    router.windowReady(window);
    expect(fake.webContents.sent).toEqual([openTicket('CCCC-DDDD')]);
  });

  it('registers the scheme with the system only in a packaged app', () => {
    windowFakeState.isPackaged = false;
    startDeepLinks(() => undefined);
    expect(windowFakeState.protocolClients).toEqual([]);
    resetWindowFake();
    startDeepLinks(() => undefined);
    expect(windowFakeState.protocolClients).toEqual(['meja']);
  });
});
