/**
 * Where a console stands with the server. `offline`: the network or the server cannot be reached;
 * `error`: the server answered but the sync failed; `signed-out`: the token was refused.
 */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out' | 'stopped';

/**
 * Whether the server can be reached, by the latest word on it from any signal. `answered`: a
 * request got an answer (any status) or the event stream connected. `unreachable`: the platform
 * said the network went (the browser's `offline` event, Electron's `net.isOnline()`), or a request
 * or the event stream failed at the network (refused, cut, timed out, silent). `unknown` before
 * any. The latest word wins, whichever signal spoke: a server on the same machine still answers
 * over loopback when the platform reports no network, and then the console is online.
 */
export type Reach = 'unknown' | 'answered' | 'unreachable';

/**
 * What a console knows about its link to the server. The state on screen follows from these alone
 * (`connectionState`), so every signal can flip it at once: a technician on site sees being
 * offline the moment the platform, a request or the event stream says so, not at the next timed sync.
 */
export type ConnectionFacts = {
  /** The engine was stopped (signed out, closing). */
  isStopped: boolean;
  /** The server refused the token: nothing more gets through until someone signs in again. */
  isSignedOut: boolean;
  server: Reach;
  /** A sync cycle is under way. */
  isSyncing: boolean;
  /** The latest cycle failed although the server answered (a 5xx, a refusal, a local store error). */
  hasFailed: boolean;
};

export const initialConnectionFacts: ConnectionFacts = {
  isStopped: false,
  isSignedOut: false,
  server: 'unknown',
  isSyncing: false,
  hasFailed: false,
};

/**
 * The state to show. Offline wins over a sync under way: an attempt that has not yet heard from
 * the server proves nothing, and the header should not flicker to "Syncing" at every retry.
 */
export const connectionState = (facts: ConnectionFacts): SyncState => {
  if (facts.isStopped) return 'stopped';
  if (facts.isSignedOut) return 'signed-out';
  if (facts.server === 'unreachable') return 'offline';
  if (facts.isSyncing) return 'syncing';
  if (facts.hasFailed) return 'error';
  return 'idle';
};
