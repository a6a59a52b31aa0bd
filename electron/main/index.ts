import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, net, Notification, powerMonitor, protocol, safeStorage, shell, Tray } from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventPayload } from '../../shared/ipc/contract';
import { APP_ORIGIN, handleAppScheme, registerAppSchemePrivileges } from './appScheme';
import { startDeepLinks } from './deepLinkRouting';
import { createDesktopSync } from './desktopSync';
import { isTrustedSenderFor, registerIpcHandlers } from './ipc';
import { createShellHandlers } from './ipcHandlers';
import { createLogFile, parseLogLevel } from './logging';
import { asSyncFetch } from './netFetch';
import { applicationMenuTemplate, installApplicationMenu } from './menu';
import { createNoticeStateFile } from './noticeStateFile';
import { createNotifier } from './notifications';
import { createSecretStore } from './secretStore';
import { watchNetwork } from './networkWatch';
import { createMainSession } from './session';
import { createTrayController, trayIconFile } from './tray';
import { startUpdates } from './updater';
import { createConsoleWindow, installSessionGuards, showConsoleWindow } from './window';

// Start-up only: each concern lives in its own module; this file connects them.
const DEFAULT_SERVER_URL = process.env.MEJA_SERVER_URL ?? 'http://127.0.0.1:4780';
const SLA_CHECK_MS = 60_000;

const consoleWindow = (): BrowserWindow | undefined => BrowserWindow.getAllWindows()[0];

const startConsole = (): void => {
  const userData = app.getPath('userData');
  const log = createLogFile({ folder: userData, level: parseLogLevel(process.env.MEJA_LOG_LEVEL) });
  const deepLinks = startDeepLinks(consoleWindow);
  let isQuitting = false;

  const sendToPage = <E extends 'sync:status' | 'notification:clicked' | 'menu:command'>(event: E, payload: EventPayload<E>): void => {
    const window = consoleWindow();
    if (window !== undefined && !window.isDestroyed()) window.webContents.send(event, payload);
  };
  // One window, however many asks arrive while it is being made (macOS sends `activate` at launch,
  // while start-up still awaits the session); none before start-up opens it.
  let mayOpenWindow = false;
  let opening: Promise<void> | null = null;
  const ensureWindow = (): Promise<void> => {
    opening ??= openConsole().finally(() => {
      opening = null;
    });
    return opening;
  };
  const showWindow = (): void => {
    const window = consoleWindow();
    if (window !== undefined) showConsoleWindow(window);
    else if (mayOpenWindow) void ensureWindow();
  };
  const quit = (): void => {
    isQuitting = true;
    app.quit();
  };

  const openConsole = async (): Promise<void> => {
    const window = await createConsoleWindow({
      preloadPath: join(__dirname, 'preload.cjs'),
      stateFolder: userData,
      // Closing hides to the tray: the page keeps the cache the main process syncs.
      shouldHideOnClose: () => !isQuitting,
    });
    deepLinks.windowReady(window);
  };

  app.on('before-quit', () => {
    isQuitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWindow);

  void app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId('org.meja.console');
      handleAppScheme(protocol, join(__dirname, '..', 'renderer'), (path) => readFile(path));
      installSessionGuards();

      const secrets = createSecretStore({ folder: userData, safeStorage, platform: process.platform });
      const session = createMainSession({ defaultServerUrl: DEFAULT_SERVER_URL, secrets, fetch: net.fetch, log });

      const notifier = createNotifier({
        NotificationCtor: Notification,
        isSupported: () => Notification.isSupported(),
        locale: () => app.getLocale(),
        onClick: (ticketId) => {
          showWindow();
          sendToPage('notification:clicked', { ticketId });
        },
      });
      const tray = createTrayController({
        createTray: (iconPath) => new Tray(iconPath),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        iconPath: join(app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'build'), 'tray', trayIconFile(process.platform)),
        locale: () => app.getLocale(),
        onOpen: showWindow,
        onSyncNow: () => sync.syncNow(),
        onQuit: quit,
      });
      const sync = createDesktopSync({
        session,
        // Chromium's network stack: the system proxy and certificate store apply, as office networks need.
        fetch: asSyncFetch((input, init) => net.fetch(input, init)),
        createPorts: () => new MessageChannelMain(),
        onStatus: (status) => {
          tray.update(status);
          sendToPage('sync:status', status);
          // The server no longer accepts the token: the session is over (the page asks to sign in).
          if (status.state === 'signed-out') void session.signOut();
        },
        onNotices: (notices) => notices.forEach((notice) => notifier.show(notice)),
        log,
        noticeState: createNoticeStateFile(userData, (error) => log.warn('notices', 'could not save the notice state', error)),
      });

      await session.restore();
      registerIpcHandlers(
        ipcMain,
        createShellHandlers({
          session,
          sync,
          log,
          appInfo: () => ({
            version: app.getVersion(),
            platform: process.platform,
            serverUrl: session.serverUrl(),
            secretStorage: secrets.kind(),
            isUnencryptedAllowed: session.isUnencryptedAllowed(session.serverUrl()),
          }),
          openExternal: (url) => shell.openExternal(url),
          setTitle: (title) => consoleWindow()?.setTitle(title),
        }),
        isTrustedSenderFor(APP_ORIGIN),
      );
      // Rebuilt whenever the session changes (sign-in, sign-out, the account as the server has it at start): it offers what the role may use.
      const installMenu = () =>
        installApplicationMenu(
          Menu,
          applicationMenuTemplate({
            role: session.get()?.user.role ?? null,
            platform: process.platform,
            locale: app.getLocale(),
            isPackaged: app.isPackaged,
            run: (command) => sendToPage('menu:command', { command }),
            syncNow: () => sync.syncNow(),
            showWindow,
            reload: () => consoleWindow()?.webContents.reload(),
            quit,
            about: () => void dialog.showMessageBox({ type: 'info', title: 'Meja', message: `Meja ${app.getVersion()}`, detail: session.serverUrl() }),
          }),
        );
      installMenu();
      session.onChange(() => installMenu());

      // Network gone: offline on screen at once. Back, and wake from sleep: sync now rather than at
      // the next timer or backoff.
      watchNetwork({ isOnline: () => net.isOnline(), onChange: (isOnline) => sync.networkChanged(isOnline) });
      powerMonitor.on('resume', () => sync.resumed());
      setInterval(() => sync.checkDue(new Date()), SLA_CHECK_MS);
      app.on('before-quit', () => {
        sync.quit();
        tray.destroy();
        void log.flush();
      });

      startUpdates({
        updater: autoUpdater,
        url: process.env.MEJA_UPDATE_URL,
        log: { info: (m) => log.info('updater', String(m)), warn: (m) => log.warn('updater', String(m)), error: (m) => log.error('updater', String(m)) },
      });
      log.info('app', `Meja ${app.getVersion()} started; server ${session.serverUrl()}`);
      mayOpenWindow = true;
      await ensureWindow();
    })
    .catch(async (error: unknown) => {
      // Without this the app would live on with no window and no word of why.
      log.error('app', 'start-up failed', error);
      await log.flush();
      dialog.showErrorBox(
        'Meja could not start',
        `${error instanceof Error ? error.message : String(error)}\n\nDetails are in ${join(userData, 'logs', 'main.log')}.`,
      );
      app.exit(1);
    });
};

app.enableSandbox();
// Before ready: app:// must be a standard, secure scheme for the page's IndexedDB and fetch.
registerAppSchemePrivileges(protocol);
// A second instance only hands its argv (and any meja:// link) to the first, through `second-instance`.
if (app.requestSingleInstanceLock()) startConsole();
else app.quit();
