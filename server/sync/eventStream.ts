import type { ServerResponse } from 'node:http';
import type { LiveFeed, LiveListener } from './liveFeed';
import type { Notifier } from './notifier';

/** How often an idle event stream sends a heartbeat comment and checks its token again. */
export const DEFAULT_HEARTBEAT_MS = 25_000;

export type EventStreamOptions = {
  /** The hijacked answer of `GET /api/sync/events`. */
  stream: ServerResponse;
  notifier: Notifier;
  /** Whose token opened the stream: access signals for other users are ignored. */
  userId: string;
  /** Whether the token that opened the stream still signs someone in (server/auth/sessions.ts). */
  isSignedIn: () => Promise<boolean>;
  heartbeatMs: number;
  onCheckError: (error: unknown) => void;
  /** The console takes live batches (`event: changes`) instead of pokes; its scope as its stream named it. */
  live?: { feed: LiveFeed; scope: LiveListener['scope'] };
};

/**
 * Serves one event stream: `hello`, a `poke` per commit (or a live batch, `changes`, for a console
 * that asked for them: server/sync/liveFeed.ts), a heartbeat comment, and — once its token
 * no longer signs anyone in — `signed-out` followed by the end of the stream, so the client can
 * tell a sign-out from a network cut. The token is checked when an access signal names its user
 * (a sign-out or a deactivation on any instance), at every heartbeat (expiry, lost signals) and
 * once right after subscribing (a sign-out between the guard's check and the subscription).
 * A check that fails (the database is unreachable) keeps the stream: the next heartbeat checks again.
 * Returns the function that forgets the stream (the client went away).
 */
export const serveEventStream = (options: EventStreamOptions): (() => void) => {
  const { stream, notifier } = options;
  let ended = false;
  let checking = false;
  let checkAgain = false;

  const write = (text: string) => {
    if (!ended) stream.write(text);
  };
  write('event: hello\ndata: {}\n\n');
  const { live } = options;
  const unsubscribe =
    live === undefined
      ? notifier.onCommit(() => write('event: poke\ndata: {}\n\n'))
      : live.feed.subscribe({ userId: options.userId, scope: live.scope, send: write });

  const forget = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    stopAccess();
  };

  const check = () => {
    if (ended) return;
    // A signal during a check may follow a revocation the running check read too early: check once more after it.
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = true;
    options
      .isSignedIn()
      .then((isSignedIn) => {
        if (isSignedIn || ended) return;
        stream.write('event: signed-out\ndata: {}\n\n');
        forget();
        stream.end();
      })
      .catch(options.onCheckError)
      .finally(() => {
        checking = false;
        if (checkAgain) {
          checkAgain = false;
          check();
        }
      });
  };

  const stopAccess = notifier.onAccessChanged((userId) => {
    if (userId === null || userId === options.userId) check();
  });
  // Keeps idle proxies from closing the stream, lets the client notice a dead one, and notices expiry.
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n');
    check();
  }, options.heartbeatMs);
  check();
  return forget;
};
