import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createEmitter } from '../../shared/emitter';
import type { Notifier } from './notifier';

/** The channel every Meja instance on one database LISTENs on. */
export const NOTIFY_CHANNEL = 'meja_changes';

/**
 * Payloads on the channel: a commit is the sending instance's id alone; an access signal is
 * `access:<instance>:<user id>`, `*` standing for anyone. An instance that does not know access
 * signals takes one for a commit elsewhere, which costs its consoles one pull and nothing else.
 */
const ACCESS_PREFIX = 'access:';
const accessPayload = (instance: string, userId: string | null): string => `${ACCESS_PREFIX}${instance}:${userId ?? '*'}`;
const parseAccess = (payload: string): { from: string; userId: string | null } | null => {
  if (!payload.startsWith(ACCESS_PREFIX)) return null;
  const rest = payload.slice(ACCESS_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return null;
  const user = rest.slice(colon + 1);
  return { from: rest.slice(0, colon), userId: user === '*' ? null : user };
};

export type PostgresNotifierOptions = {
  /** Sends one NOTIFY (through the server's pool, so a dropped connection is simply replaced). */
  notify(channel: string, payload: string): Promise<void>;
  onError?(error: unknown): void;
  /** Longest wait between attempts to listen again after the listening connection dropped. */
  maxRetryMs?: number;
};

/**
 * Announces commits to the event streams of every server instance on one PostgreSQL database
 * (docs/ARCHITECTURE.md, "Several instances"). A commit reaches this instance's streams at once and
 * goes out as a NOTIFY whose payload is only this instance's id (consoles pull what changed
 * themselves, so nothing else needs to travel); every instance LISTENs on a connection of its own
 * and announces another instance's commit to its own streams. Commits announced while a NOTIFY is
 * in flight are sent as one more NOTIFY after it, so a burst of pushes costs two statements, not
 * one per push, and the last commit is always announced. If the listening connection drops,
 * notifications are lost until it is back: it reconnects with backoff and then announces a commit
 * to its own streams once, so their consoles pull whatever they missed. Access signals (a sign-out, a deactivation) travel on
 * the same channel and connection; after a reconnect every stream checks its token once.
 */
export const createPostgresNotifier = async (url: string, options: PostgresNotifierOptions): Promise<Notifier> => {
  const instance = randomUUID();
  const commits = createEmitter();
  const access = createEmitter<string | null>();
  const announceLocally = () => commits.emit();
  // Short: until it listens again its consoles hear of no other instance's commit, and its poke
  // once back is what brings consoles current after a database restart. An attempt is one
  // connection, refused at once while the database is down.
  const maxRetryMs = options.maxRetryMs ?? 1_000;
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 100;
  let retryTimer: NodeJS.Timeout | null = null;

  const listen = async (): Promise<void> => {
    // Not waiting for ever on a server that accepts the connection but does not answer.
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    next.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || message.payload === undefined) return;
      const signal = parseAccess(message.payload);
      if (signal === null) {
        if (message.payload !== instance) announceLocally();
      } else if (signal.from !== instance) {
        access.emit(signal.userId);
      }
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
    try {
      await next.connect();
      await next.query(`listen ${NOTIFY_CHANNEL}`);
    } catch (error) {
      // A server still starting may take the connection and refuse the statement: let it go.
      await next.end().catch(() => undefined);
      throw error;
    }
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
          // Whatever was notified while this instance was not listening is lost: have its consoles
          // pull, and every stream check its token (a sign-out elsewhere may have been missed).
          announceLocally();
          access.emit(null);
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
      .notify(NOTIFY_CHANNEL, instance)
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
    announceCommit: () => {
      announceLocally();
      send();
    },
    onCommit: commits.on,
    accessChanged: (userId) => {
      access.emit(userId);
      if (closed) return;
      // Rare (a sign-out, a deactivation) and each one names its user: sent one by one, not coalesced.
      options.notify(NOTIFY_CHANNEL, accessPayload(instance, userId)).catch((error: unknown) => options.onError?.(error));
    },
    onAccessChanged: access.on,
    close: () => {
      closed = true;
      commits.clear();
      access.clear();
      if (retryTimer !== null) clearTimeout(retryTimer);
      const last = client;
      client = null;
      last?.end().catch(() => undefined);
    },
  };
};
