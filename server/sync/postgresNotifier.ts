import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Notifier } from './notifier';

/** The channel every Meja instance on one database LISTENs on. */
export const POKE_CHANNEL = 'meja_changes';

export type PostgresNotifierOptions = {
  /** Sends one NOTIFY (through the server's pool, so a dropped connection is simply replaced). */
  notify(channel: string, payload: string): Promise<void>;
  onError?(error: unknown): void;
  /** Longest wait between attempts to listen again after the listening connection dropped. */
  maxRetryMs?: number;
};

/**
 * Pokes the event streams of every server instance on one PostgreSQL database (docs/ARCHITECTURE.md,
 * "Several instances"). A poke reaches this instance's streams at once and goes out as a NOTIFY
 * whose payload is only this instance's id (consoles pull what changed themselves, so nothing
 * else needs to travel); every instance LISTENs on a connection of its own and pokes its
 * streams for another instance's id. Pokes that arrive while a NOTIFY is in flight are sent as
 * one more NOTIFY after it, so a burst of pushes costs two statements, not one per push, and the
 * last commit is always followed by a poke. If the listening connection drops, notifications are
 * lost until it is back: it reconnects with backoff and then pokes its own streams once, so
 * their consoles pull whatever they missed.
 */
export const createPostgresNotifier = async (url: string, options: PostgresNotifierOptions): Promise<Notifier> => {
  const instance = randomUUID();
  const listeners = new Set<() => void>();
  const pokeLocal = () => listeners.forEach((listener) => listener());
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 100;
  let retryTimer: NodeJS.Timeout | null = null;

  const listen = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === POKE_CHANNEL && message.payload !== instance) pokeLocal();
    });
    const dropped = (error?: unknown) => {
      if (client !== next) return;
      client = null;
      if (error !== undefined) options.onError?.(error);
      next.end().catch(() => undefined);
      scheduleRetry();
    };
    next.on('error', dropped);
    next.on('end', () => dropped());
    await next.connect();
    await next.query(`listen ${POKE_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };

  const scheduleRetry = () => {
    if (closed || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      listen()
        .then(() => {
          retryMs = 100;
          // Whatever was notified while this instance was not listening is lost: have its consoles pull.
          pokeLocal();
        })
        .catch((error: unknown) => {
          options.onError?.(error);
          retryMs = Math.min(retryMs * 2, maxRetryMs);
          scheduleRetry();
        });
    }, retryMs);
    // Waiting to listen again must not keep a process alive that is otherwise done.
    retryTimer.unref();
  };

  let sending = false;
  let again = false;
  const send = () => {
    if (closed) return;
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    options
      .notify(POKE_CHANNEL, instance)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        sending = false;
        if (again) {
          again = false;
          send();
        }
      });
  };

  await listen();
  return {
    poke: () => {
      pokeLocal();
      send();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: () => {
      closed = true;
      listeners.clear();
      if (retryTimer !== null) clearTimeout(retryTimer);
      const last = client;
      client = null;
      last?.end().catch(() => undefined);
    },
  };
};
