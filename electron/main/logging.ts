import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `scope` names the module (`session`, `sync`, `renderer:tickets`); `detail` is an Error or any data. */
export type LogWrite = (scope: string, message: string, detail?: unknown) => void;
export type Logger = { [L in LogLevel]: LogWrite };
export type LogFile = Logger & {
  /** Resolves once every line written so far is on disk (or given up on); for tests and quitting. */
  flush(): Promise<void>;
};

export type LogFileOptions = {
  /** The user-data folder; the log goes to `logs/main.log` inside it. */
  folder: string;
  /** Lines below this level are dropped (MEJA_LOG_LEVEL; see parseLogLevel). */
  level?: LogLevel;
  /** Past this size main.log becomes main.1.log (1 MiB by default). */
  maxBytes?: number;
  /** How many rotated files to keep (main.1.log is the newest). */
  keep?: number;
  now?: () => Date;
  /** Also hands each line here (the terminal in development). */
  mirror?: (line: string) => void;
};

const MAX_ENTRY_CHARS = 16_000;

/** A level from the environment; anything else is the default, so a typo never silences the log. */
export const parseLogLevel = (value: string | undefined, fallback: LogLevel = 'info'): LogLevel => {
  const wanted = value?.trim().toLowerCase();
  return LOG_LEVELS.find((level) => level === wanted) ?? fallback;
};

const SECRET_KEYS = 'password|token|encryptedToken|authorization';
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer\s+)[^\s"',;\\]+/gi, '$1[redacted]'],
  [new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), '$1"[redacted]"'],
  // The same inside a JSON string that holds JSON (a request body logged as a detail): quotes escaped.
  [new RegExp(`(\\\\+"(?:${SECRET_KEYS})\\\\+"\\s*:\\s*\\\\+")[\\s\\S]*?(\\\\+"\\s*[,}])`, 'gi'), '$1[redacted]$2'],
  [/\b((?:password|token)=)[^&\s"']+/gi, '$1[redacted]'],
];

/** Hides tokens and passwords however they got into a message: a header, a JSON body, a query string. */
export const redact = (text: string): string => SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

const describe = (detail: unknown): string => {
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    // Circular or a BigInt: the shape is lost, the fact that there was a detail is not.
    return String(detail);
  }
};

/** One entry: `<ISO time> <LEVEL> [scope] message detail`, continuation lines indented, secrets redacted. */
export const formatLogLine = (at: Date, level: LogLevel, scope: string, message: string, detail?: unknown): string => {
  const text = detail === undefined ? message : `${message} ${describe(detail)}`;
  const capped = text.length > MAX_ENTRY_CHARS ? `${text.slice(0, MAX_ENTRY_CHARS)}… (${text.length - MAX_ENTRY_CHARS} more characters)` : text;
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${redact(capped).replace(/\r?\n/g, '\n  ')}\n`;
};

/**
 * The main process's log file with levels and rotation. Writing never throws and never blocks:
 * lines queue and are appended in order; a full disk or a vanished folder loses lines, not the app.
 */
export const createLogFile = (options: LogFileOptions): LogFile => {
  const { folder, level = 'info', maxBytes = 1024 * 1024, keep = 3, now = () => new Date(), mirror } = options;
  const directory = join(folder, 'logs');
  const fileAt = (index: number) => join(directory, index === 0 ? 'main.log' : `main.${index}.log`);
  const threshold = LOG_LEVELS.indexOf(level);
  let size: number | null = null;
  let queue: Promise<void> = Promise.resolve();

  const rotate = async (): Promise<void> => {
    await rm(fileAt(keep), { force: true });
    for (let index = keep - 1; index >= 0; index -= 1) {
      await rename(fileAt(index), fileAt(index + 1)).catch(() => undefined);
    }
    size = 0;
  };

  const append = async (line: string): Promise<void> => {
    try {
      if (size === null) {
        await mkdir(directory, { recursive: true });
        size = await stat(fileAt(0)).then(
          (stats) => stats.size,
          () => 0,
        );
      }
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) await rotate();
      await appendFile(fileAt(0), line, 'utf8');
      size += bytes;
    } catch {
      // Measure again next time: the folder may be back, or another write may have moved the file.
      size = null;
    }
  };

  const write =
    (entryLevel: LogLevel): LogWrite =>
    (scope, message, detail) => {
      if (LOG_LEVELS.indexOf(entryLevel) < threshold) return;
      let line: string;
      try {
        line = formatLogLine(now(), entryLevel, scope, message, detail);
        mirror?.(line);
      } catch {
        return;
      }
      queue = queue.then(() => append(line));
    };

  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), flush: () => queue };
};
