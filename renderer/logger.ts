import { desktopBridge } from './desktop/bridge';

/** Levels in increasing order of severity; messages below the threshold are dropped. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = { [L in LogLevel]: (message: string, detail?: unknown) => void };

// Vite sets import.meta.env; the tests compiled for Node have no such type, and no Vite.
const isDev = (import.meta as ImportMeta & { env?: { DEV?: boolean } }).env?.DEV === true;

/** A scope the main process's log accepts (log:write): a lower-case letter, then up to 31 of a-z, 0-9, ':' and '-'. */
export const logScope = (scope: string): string => {
  const cleaned = scope
    .toLowerCase()
    .replace(/[^a-z0-9:-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 32);
  return cleaned === '' ? 'renderer' : cleaned;
};

const MAX_MESSAGE = 4000;

const detailText = (detail: unknown): string => {
  if (detail instanceof Error) return detail.message;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
};

/** The line as the main process's log file gets it, cut to the contract's limit. */
export const forwardedMessage = (message: string, detail?: unknown): string =>
  (detail === undefined ? message : `${message}: ${detailText(detail)}`).slice(0, MAX_MESSAGE);

// Warnings and errors of the desktop app end up in the main process's log file, where a support
// engineer looks; a failure to forward is swallowed, since logging must never break the page.
const forward = (level: 'warn' | 'error', scope: string, message: string, detail: unknown): void => {
  try {
    const bridge = desktopBridge();
    if (bridge === null) return;
    bridge.invoke('log:write', { level, scope: logScope(scope), message: forwardedMessage(message, detail) }).catch(() => undefined);
  } catch {
    // The bridge itself threw: nothing else to do with a log line.
  }
};

/** The renderer's one way to the developer console, and in the desktop app to its log file (warn and error). */
export const createLogger = (scope: string, threshold: LogLevel = isDev ? 'debug' : 'info'): Logger => {
  const min = LOG_LEVELS.indexOf(threshold);
  const at =
    (level: LogLevel) =>
    (message: string, detail?: unknown): void => {
      if (LOG_LEVELS.indexOf(level) < min) return;
      const line = `[${scope}] ${message}`;
      // eslint-disable-next-line no-console -- the logger is the one place that writes to the console
      console[level](...(detail === undefined ? [line] : [line, detail]));
      if (level === 'warn' || level === 'error') forward(level, scope, message, detail);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
