import type { LiveChanges, PullResponse, PushRequest, PushResponse, TicketRecordsResponse } from './protocol';

/** Why a call to the server failed; the engine decides from `kind` whether to retry, re-sync or stop. */
export type RemoteErrorKind = 'network' | 'unauthorized' | 'too_old' | 'client' | 'server';

export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly status?: number,
    /** The server's Retry-After (503, 429), in ms and bounded: the engine waits at least this long before trying again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * `scoped`: only the user's working set (`scope=working`). `heldSince`: the time of the set the
 * console last pruned to (`since`): it also hears of the tickets that were in that set.
 */
export type PullOptions = { count: boolean; scoped?: boolean; heldSince?: string };

/** The server as the sync engine sees it. Implementations throw RemoteError. */
export type Remote = {
  /**
   * One page of changes after `cursor`. `count: false` spares the server counting what lies after
   * the page (it walks the rest of the feed): `remaining` is then absent.
   */
  pull(cursor: string | null, limit: number, options?: PullOptions): Promise<PullResponse>;
  /** Every record of these tickets in their newest state (GET /api/sync/tickets): a scoped console catching up on a ticket. */
  ticketRecords(ticketIds: readonly string[]): Promise<TicketRecordsResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  /**
   * Calls `onPoke` whenever the server commits a change; `onConnection` reports the stream's
   * state, and when it is lost, how (see StreamLoss). With `live`, the stream asks for live batches
   * (`event: changes`): each goes to `live.onChanges`, and pokes come only when the server cannot
   * send one (or the stream (re)connects).
   */
  subscribe(onPoke: () => void, onConnection?: (connected: boolean, loss?: StreamLoss) => void, live?: LiveSubscription): () => void;
};

/**
 * A stream of live batches. `scope`: a working-set console and its `since` when it connects (read at
 * every connection; null: none yet, and the server pokes such a stream instead); absent: the whole feed.
 */
export type LiveSubscription = { onChanges: (batch: LiveChanges) => void; scope?: () => { since: string | null } };

/**
 * How an event stream was lost. `network`: it could not connect, was cut, or fell silent past its
 * heartbeats (the server is out of reach). `server`: the server answered but refused or ended it.
 */
export type StreamLoss = 'network' | 'server';
