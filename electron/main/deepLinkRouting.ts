import { app, type BrowserWindow } from 'electron';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink, type DeepLink } from './deepLink';
import { openDeepLink, showConsoleWindow } from './window';

export type DeepLinkRouter = { windowReady: (window: BrowserWindow) => void };

/**
 * Delivers `meja://` links from every platform's path: macOS sends `open-url` (possibly before
 * the app is ready), Windows and Linux start us with the link in argv, or hand it to the running
 * instance as `second-instance`. A link that arrives before the window exists waits for it.
 * Must be called before the app is ready, so no early `open-url` is missed.
 */
export const startDeepLinks = (consoleWindow: () => BrowserWindow | undefined): DeepLinkRouter => {
  let pending: DeepLink | null = deepLinkFromArgv(process.argv);
  const deliver = (link: DeepLink | null): void => {
    if (link === null) return;
    const window = consoleWindow();
    if (window === undefined) pending = link;
    else openDeepLink(window, link);
  };
  // In development the binary is Electron itself; registering it would hijack the scheme.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(parseDeepLink(url));
  });
  app.on('second-instance', (_event, argv) => {
    const window = consoleWindow();
    // The window may be hidden in the tray: starting the app again brings it back.
    if (window !== undefined) showConsoleWindow(window);
    deliver(deepLinkFromArgv(argv));
  });
  return {
    windowReady: (window) => {
      if (pending !== null) openDeepLink(window, pending);
      pending = null;
    },
  };
};
