import { isSafeTransport } from '../../shared/network/transportSecurity';

/** Messages of the updater go to the app's log; electron-updater's own logger has this shape too. */
export type UpdaterLog = { info(message: string): void; warn(message: string): void; error(message: string): void };

/** The part of electron-updater's AppUpdater this module drives; `autoUpdater` fits it. */
export type AppUpdaterLike = {
  autoDownload: boolean;
  logger: UpdaterLog | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export type UpdatesOptions = {
  updater: AppUpdaterLike;
  /** Usually `process.env.MEJA_UPDATE_URL`; updates stay off without it. */
  url: string | undefined;
  log: UpdaterLog;
  intervalMs?: number;
};

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60_000;

/**
 * The update server's address, or why it is refused: https only, plain http only on this machine
 * (a test server), since the app would install whatever an attacker on the path could serve.
 */
export const checkUpdateUrl = (raw: string | undefined): { ok: true; url: string } | { ok: false; reason: string } => {
  const value = raw?.trim() ?? '';
  if (value === '') return { ok: false, reason: 'no update URL is configured (MEJA_UPDATE_URL)' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `the update URL is not a URL: ${value}` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the update URL must not carry credentials' };
  if (isSafeTransport(url)) return { ok: true, url: url.href };
  return { ok: false, reason: `the update URL must use https (http only on this machine: 127.0.0.0/8, ::1, localhost): ${url.origin}` };
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Checks a generic update server at start and every 6 hours, downloading what it finds (it is
 * installed when the app quits). Off unless a valid URL is given. Never throws: an update server
 * that is down must not disturb the help desk, so errors only go to the log.
 * Returns the function that stops the periodic checks.
 */
export const startUpdates = (options: UpdatesOptions): (() => void) => {
  const { updater, log } = options;
  const checked = checkUpdateUrl(options.url);
  if (!checked.ok) {
    log.info(`updates off: ${checked.reason}`);
    return () => undefined;
  }
  try {
    updater.logger = log;
    // An EventEmitter with no 'error' listener throws the error; this one only logs it.
    updater.on('error', (error) => log.error(`update failed: ${describe(error)}`));
    updater.setFeedURL({ provider: 'generic', url: checked.url });
    updater.autoDownload = true;
  } catch (error) {
    log.error(`updates off: the updater refused its settings: ${describe(error)}`);
    return () => undefined;
  }
  log.info(`updates on: ${checked.url}`);
  const check = (): void => {
    try {
      updater.checkForUpdates().catch((error: unknown) => log.error(`update check failed: ${describe(error)}`));
    } catch (error) {
      log.error(`update check failed: ${describe(error)}`);
    }
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  return () => clearInterval(timer);
};
