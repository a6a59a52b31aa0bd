import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEvent, resetWindowFake, windowFakeState, type HeadersResponse } from '../testing/windowFake';
import { createConsoleWindow, installSessionGuards } from './window';
import { loadWindowState, saveWindowState } from './windowStateFile';

vi.mock('electron', async () => (await import('../testing/windowFake')).windowFake);

const serverUrl = 'http://127.0.0.1:4780/';
const appOrigin = 'http://127.0.0.1:4780';
let stateFolder = '';

beforeEach(async () => {
  resetWindowFake();
  stateFolder = await mkdtemp(join(tmpdir(), 'meja-window-'));
});
afterEach(async () => {
  await rm(stateFolder, { recursive: true, force: true });
});

const openWindow = async () => {
  await createConsoleWindow({ serverUrl, preloadPath: '/app/preload.cjs', stateFolder });
  const fake = windowFakeState.windows[0];
  if (fake === undefined) throw new Error('no window was created');
  return fake;
};

describe('createConsoleWindow', () => {
  it('builds the window from the checked options and loads the server', async () => {
    const fake = await openWindow();
    expect(fake.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(fake.loadedUrl).toBe(serverUrl);
    expect(fake.shown).toBe(false);
    fake.events.emit('ready-to-show');
    expect(fake.shown).toBe(true);
  });

  it('reopens where it was closed, maximised again if it was', async () => {
    saveWindowState(stateFolder, { x: 200, y: 100, width: 1500, height: 900, maximized: true });
    const fake = await openWindow();
    expect(fake.options).toMatchObject({ x: 200, y: 100, width: 1500, height: 900 });
    fake.events.emit('ready-to-show');
    expect(fake.maximized).toBe(true);
  });

  it('remembers its bounds when it closes', async () => {
    const fake = await openWindow();
    fake.normalBounds = { x: 50, y: 60, width: 1000, height: 700 };
    fake.events.emit('close');
    expect(await loadWindowState(stateFolder)).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: false });
  });

  it('keeps the page on its origin: navigation and redirects elsewhere are prevented', async () => {
    const { webContents } = await openWindow();
    const inside = fakeEvent();
    webContents.events.emit('will-navigate', inside, `${appOrigin}/tickets`);
    expect(inside.defaultPrevented).toBe(false);
    for (const [name, target] of [
      ['will-navigate', 'https://evil.example/'],
      ['will-navigate', 'file:///etc/passwd'],
      ['will-redirect', 'http://127.0.0.1:9999/'],
    ] as const) {
      const event = fakeEvent();
      webContents.events.emit(name, event, target);
      expect(event.defaultPrevented, `${name} ${target}`).toBe(true);
    }
  });

  it('refuses to attach a webview', async () => {
    const { webContents } = await openWindow();
    const event = fakeEvent();
    webContents.events.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('opens no new windows; plain web links go to the system browser, nothing else does', async () => {
    const { webContents } = await openWindow();
    const handler = webContents.windowOpenHandler;
    if (handler === null) throw new Error('no window-open handler');
    for (const url of ['https://kb.example.com/a', 'javascript:alert(1)', 'file:///C:/x.exe', 'http://u:p@example.com/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(windowFakeState.openedExternally).toEqual(['https://kb.example.com/a']);
  });
});

describe('installSessionGuards', () => {
  const headersFor = (url: string): HeadersResponse => {
    const listener = windowFakeState.headersListener;
    if (listener === null) throw new Error('no headers listener');
    let response: HeadersResponse = {};
    listener({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (given) => {
      response = given;
    });
    return response;
  };

  it('adds our Content-Security-Policy to responses from the app origin, keeping their headers', () => {
    installSessionGuards(appOrigin);
    const headers = headersFor(`${appOrigin}/index.html`).responseHeaders ?? {};
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });

  it('leaves responses from elsewhere untouched', () => {
    installSessionGuards(appOrigin);
    expect(headersFor('https://fonts.example.com/x.css')).toEqual({});
  });

  it('refuses permission requests except clipboard writes from our page', () => {
    installSessionGuards(appOrigin);
    const request = windowFakeState.permissionRequestHandler;
    const check = windowFakeState.permissionCheckHandler;
    if (request === null || check === null) throw new Error('permission handlers missing');
    const answers: boolean[] = [];
    const ours = { getURL: () => `${appOrigin}/` };
    request(ours, 'media', (granted) => answers.push(granted));
    request(ours, 'geolocation', (granted) => answers.push(granted));
    request({ getURL: () => 'https://evil.example/' }, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    request(ours, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, true]);
    expect(check(null, 'notifications', appOrigin)).toBe(false);
  });
});
