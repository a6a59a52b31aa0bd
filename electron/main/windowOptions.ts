import type { BrowserWindowConstructorOptions } from 'electron';

/** Where the window sits and how big it is; `maximized` is restored after the window is shown. */
export type WindowBounds = { x?: number; y?: number; width: number; height: number };

export type ConsoleWindowInput = { preloadPath: string; bounds: WindowBounds };

/**
 * The console window's options. Every security switch is spelled out, even where it equals
 * Electron's default, so the checklist can be read (and tested) here rather than trusted to
 * defaults that have changed between Electron versions.
 */
export const consoleWindowOptions = ({ preloadPath, bounds }: ConsoleWindowInput): BrowserWindowConstructorOptions => ({
  ...bounds,
  minWidth: 800,
  minHeight: 560,
  show: false,
  title: 'Meja',
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Technicians type notes all day; the system spellchecker runs locally and sends nothing out.
    spellcheck: true,
  },
});

/**
 * The page's Content-Security-Policy: only our own scripts and styles, and network access only to
 * our own origin, plus `serverOrigin` when given (a page that talks to the sync server itself).
 * The desktop page on `app://console` passes none: the main process syncs for it.
 * Throws if `serverOrigin` is not an http(s) origin, so a bad setting cannot widen the policy.
 */
export const contentSecurityPolicy = (serverOrigin?: string): string => {
  const connectTo = ["'self'"];
  if (serverOrigin !== undefined) {
    const { protocol, origin } = new URL(serverOrigin);
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`Server origin must be http(s): ${serverOrigin}`);
    connectTo.push(origin);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The cache worker (renderer/cacheWorker/), from the build's own files; said outright rather than left to script-src.
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectTo.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
};
