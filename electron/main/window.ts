import { BrowserWindow, screen, session, shell, type WebContents } from 'electron';
import type { EventPayload } from '../../shared/ipc/contract';
import type { DeepLink } from './deepLink';
import { externalUrlToOpen, isAllowedNavigation, isPermissionGranted } from './navigation';
import { consoleWindowOptions, contentSecurityPolicy } from './windowOptions';
import { restoreBounds } from './windowState';
import { loadWindowState, saveWindowState } from './windowStateFile';

/**
 * Guards on the default session, installed once before any window loads: our Content-Security-Policy on
 * every response from the app's origin (so it holds even if the page's own meta tag is lost),
 * and browser permissions refused except the clipboard write our Copy buttons use.
 */
export const installSessionGuards = (appOrigin: string): void => {
  const target = session.defaultSession;
  const policy = contentSecurityPolicy(appOrigin);
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAllowedNavigation(details.url, appOrigin)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  target.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isPermissionGranted(permission, contents.getURL(), appOrigin));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, appOrigin),
  );
};

/** Keeps the page on our origin: no navigation or redirect away, no new windows, no webviews. */
export const lockNavigation = (contents: WebContents, appOrigin: string): void => {
  const stayHome = (event: { preventDefault: () => void }, target: string): void => {
    if (!isAllowedNavigation(target, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', (event, target) => stayHome(event, target));
  contents.on('will-redirect', (event, target) => stayHome(event, target));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Web links (a vendor's knowledge base) open in the system browser; nothing opens in the app.
    const external = externalUrlToOpen(url);
    if (external !== null) void shell.openExternal(external);
    return { action: 'deny' };
  });
};

export type ConsoleWindowSetup = { serverUrl: string; preloadPath: string; stateFolder: string };

/**
 * The console window, where the user left it last time (if that is still on a screen), locked to
 * the server's origin. Its bounds are remembered when it closes.
 */
export const createConsoleWindow = async ({ serverUrl, preloadPath, stateFolder }: ConsoleWindowSetup): Promise<BrowserWindow> => {
  const appOrigin = new URL(serverUrl).origin;
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const { maximized, ...bounds } = restoreBounds(await loadWindowState(stateFolder), workAreas);
  const window = new BrowserWindow(consoleWindowOptions({ preloadPath, bounds }));
  lockNavigation(window.webContents, appOrigin);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      saveWindowState(stateFolder, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch {
      // A read-only profile folder only means the next start uses the default place.
    }
  });
  void window.loadURL(serverUrl);
  return window;
};

/** Brings the window forward and asks the page to open the linked ticket, once the page has loaded. */
export const openDeepLink = (window: BrowserWindow, link: DeepLink): void => {
  if (window.isMinimized()) window.restore();
  window.focus();
  const payload: EventPayload<'deepLink:openTicket'> = { code: link.code };
  const send = (): void => window.webContents.send('deepLink:openTicket', payload);
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
};
