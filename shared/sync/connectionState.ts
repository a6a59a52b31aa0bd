/**
 * Where a console stands with the server. `offline`: the network or the server cannot be reached;
 * `error`: the server answered but the sync failed; `signed-out`: the token was refused.
 */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out' | 'stopped';

/**
 * What a console knows about its link to the server, each fact from its own signal. The state on
 * screen follows from these alone (`connectionState`), so every signal can flip it at once: a
 * technician on site sees being offline the moment the platform, a request or the event stream
 * says so, not at the next timed sync.
 */
export type ConnectionFacts = {
  /** The engine was stopped (signed out, closing). */
  isStopped: boolean;
  /** The server refused the token: nothing more gets through until someone signs in again. */
  isSignedOut: boolean;
  /**
   * The platform's own word on the network: the browser's `online` and `offline` events, Electron's
   * `net.isOnline()`. False only when it says there is none; it cannot promise the server answers.
   */
  isNetworkUp: boolean;
  /**
   * The latest evidence from the server itself. `answered`: a request got an answer (any status)
   * or the event stream connected. `unreachable`: a request or the event stream failed at the
   * network (refused, cut, timed out). `unknown` before either.
   */
  server: 'unknown' | 'answered' | 'unreachable';
  /** A sync cycle is under way. */
  isSyncing: boolean;
  /** The latest cycle failed although the server answered (a 5xx, a refusal, a local store error). */
  hasFailed: boolean;
};

export const initialConnectionFacts: ConnectionFacts = {
  isStopped: false,
  isSignedOut: false,
  isNetworkUp: true,
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
  if (!facts.isNetworkUp || facts.server === 'unreachable') return 'offline';
  if (facts.isSyncing) return 'syncing';
  if (facts.hasFailed) return 'error';
  return 'idle';
};
