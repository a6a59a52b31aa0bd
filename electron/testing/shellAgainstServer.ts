import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { isTrustedSenderFor, registerIpcHandlers } from '../main/ipc';
import { createShellHandlers } from '../main/ipcHandlers';
import { createLogFile } from '../main/logging';
import { createSecretStore } from '../main/secretStore';
import { createMainSession, type SessionFetch } from '../main/session';
import type { ServerFetch } from '../main/serverRequest';
import { invokeEventFrom, makeFakeIpcMain, makeFakeSafeStorage, makeFakeWebContents } from './fakeElectron';

const APP = 'app://console';

/**
 * The main process's IPC handlers as the console page reaches them, talking to a real server:
 * a session of its own in a fresh user-data folder under `folder`, sync stubbed out (these tests
 * are about the requests the main process makes for the page). `serverFetch` stands in for the
 * network when a test needs the server unreachable or misbehaving; `sessionFetch` is the
 * session's network (the global fetch unless given).
 */
export const shellAgainstServer = async (serverUrl: string, folder: string, serverFetch?: ServerFetch, sessionFetch: SessionFetch = fetch) => {
  const userData = await mkdtemp(join(folder, 'user-data-'));
  const ipcMain = makeFakeIpcMain();
  const session = createMainSession({
    defaultServerUrl: serverUrl,
    secrets: createSecretStore({ folder: userData, safeStorage: makeFakeSafeStorage(), platform: 'linux' }),
    fetch: sessionFetch,
  });
  const idle = {
    state: 'idle',
    pending: 0,
    received: 0,
    total: null,
    fromScratch: false,
    lastSyncedAt: null,
    error: null,
    live: true,
    nextRetryAt: null,
    clockOffsetMs: 0,
  } as const;
  registerIpcHandlers(
    ipcMain,
    createShellHandlers({
      session,
      sync: { syncNow: () => undefined, status: () => idle, attach: () => undefined, stop: () => undefined },
      log: createLogFile({ folder: userData, level: 'debug' }),
      appInfo: () => ({
        version: '0.1.0',
        platform: 'linux',
        serverUrl,
        secretStorage: 'plain-text',
        isUnencryptedAllowed: session.isUnencryptedAllowed(serverUrl),
      }),
      openExternal: async () => undefined,
      setTitle: () => undefined,
      ...(serverFetch === undefined ? {} : { fetch: serverFetch }),
    }),
    isTrustedSenderFor(APP),
  );
  const page = makeFakeWebContents(`${APP}/queue`);
  const invoke = (channel: string, ...args: unknown[]) => ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), channel, ...args);
  return { invoke };
};
