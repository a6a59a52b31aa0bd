import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

const isHttpUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * The console window: isolated, sandboxed, no Node in the page, and locked to the server's
 * origin (anything else opens in the system browser, if it is http(s) at all).
 */
export const createConsoleWindow = (serverUrl: string): BrowserWindow => {
  const origin = new URL(serverUrl).origin;
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Meja',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== origin) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(serverUrl);
  return window;
};
