import { BrowserWindow, screen, session, shell, type WebContents } from 'electron';
import type { EventPayload } from '../../shared/ipc/contract';
import { APP_ORIGIN } from './appScheme';
import type { DeepLink } from './deepLink';
import { externalUrlToOpen, isAllowedNavigation, isPermissionGranted } from './navigation';
import { consoleWindowOptions } from './windowOptions';
import { restoreBounds } from './windowState';
import { loadWindowState, saveWindowState } from './windowStateFile';

/**
 * Guards on the default session, installed once before any window loads: browser permissions are
 * refused except the clipboard write our Copy buttons use, and only to our page. (The page's
 * Content-Security-Policy comes with every response of the `app://` handler, see appScheme.ts.)
 */
export const installSessionGuards = (appOrigin: string = APP_ORIGIN): void => {
  const target = session.defaultSession;
  target.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isPermissionGranted(permission, contents.getURL(), appOrigin));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, appOrigin));
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

export type ConsoleWindowSetup = {
  preloadPath: string;
  stateFolder: string;
  /**
   * Asked on every close: true hides the window to the tray instead, so the page (and the sync it
   * serves) keeps running. The app answers false once it is quitting (`before-quit`). Without it
   * a close really closes: hiding with no way to quit would keep the app alive for good.
   */
  shouldHideOnClose?: () => boolean;
};

/**
 * The console window on `app://console/`, where the user left it last time (if that is still on a
 * screen), locked to that origin. Its bounds are remembered when it closes or hides.
 */
export const createConsoleWindow = async ({ preloadPath, stateFolder, shouldHideOnClose = () => false }: ConsoleWindowSetup): Promise<BrowserWindow> => {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const { maximized, ...bounds } = restoreBounds(await loadWindowState(stateFolder), workAreas);
  const window = new BrowserWindow(consoleWindowOptions({ preloadPath, bounds }));
  lockNavigation(window.webContents, APP_ORIGIN);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', (event) => {
    try {
      saveWindowState(stateFolder, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch {
      // A read-only profile folder only means the next start uses the default place.
    }
    if (!shouldHideOnClose()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(`${APP_ORIGIN}/`);
  return window;
};

/** Brings the window back from the tray, the taskbar or behind other windows. */
export const showConsoleWindow = (window: BrowserWindow): void => {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
};

/** Brings the window forward and asks the page to open the linked ticket, once the page has loaded. */
export const openDeepLink = (window: BrowserWindow, link: DeepLink): void => {
  showConsoleWindow(window);
  const payload: EventPayload<'deepLink:openTicket'> = { code: link.code };
  const send = (): void => window.webContents.send('deepLink:openTicket', payload);
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
};
