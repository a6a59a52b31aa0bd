/** Levels in increasing order of severity; messages below the threshold are dropped. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = { [L in LogLevel]: (message: string, detail?: unknown) => void };

/** The renderer's one way to the developer console (the desktop shell may later forward it to a file). */
export const createLogger = (scope: string, threshold: LogLevel = import.meta.env.DEV ? 'debug' : 'info'): Logger => {
  const min = LOG_LEVELS.indexOf(threshold);
  const at =
    (level: LogLevel) =>
    (message: string, detail?: unknown): void => {
      if (LOG_LEVELS.indexOf(level) < min) return;
      const line = `[${scope}] ${message}`;
      // eslint-disable-next-line no-console -- the logger is the one place that writes to the console
      console[level](...(detail === undefined ? [line] : [line, detail]));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
