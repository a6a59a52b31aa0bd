import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { startDeepLinks } from './deepLinkRouting';
import { isTrustedSenderFor, registerIpcHandlers } from './ipc';
import { createShellHandlers } from './ipcHandlers';
import { createConsoleWindow, installSessionGuards } from './window';

// Start-up only: each concern lives in its own module.
const serverUrl = process.env.MEJA_SERVER_URL ?? 'http://127.0.0.1:4780';

const consoleWindow = (): BrowserWindow | undefined => BrowserWindow.getAllWindows()[0];

const startConsole = (): void => {
  const deepLinks = startDeepLinks(consoleWindow);
  const openConsole = async (): Promise<void> => {
    const window = await createConsoleWindow({
      serverUrl,
      preloadPath: join(__dirname, 'preload.cjs'),
      stateFolder: app.getPath('userData'),
    });
    deepLinks.windowReady(window);
  };
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (consoleWindow() === undefined) void openConsole();
  });
  void app.whenReady().then(async () => {
    installSessionGuards(new URL(serverUrl).origin);
    registerIpcHandlers(ipcMain, createShellHandlers(consoleWindow), isTrustedSenderFor(new URL(serverUrl).origin));
    await openConsole();
  });
};

app.enableSandbox();
// A second instance only hands its argv (and any meja:// link) to the first, through `second-instance`.
if (app.requestSingleInstanceLock()) startConsole();
else app.quit();
