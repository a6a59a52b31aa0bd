import { randomBytes as platformRandomBytes, randomUuid, platformTimers, type Timers } from '../platform';
import type { RandomBytes } from '../domain/ticketCode';
import { backoffDelay } from './backoff';
import { connectionState, initialConnectionFacts, type ConnectionFacts, type SyncState } from './connectionState';
import { decidePushOutcomes } from './outcomes';
import { DEFAULT_PULL_LIMIT, entityKey, MAX_PULL_LIMIT, PROTOCOL_VERSION, type Change, type LiveChanges, type PullResponse } from './protocol';
import { RemoteError, type Remote } from './remote';
import type { PullStart, SyncSteps } from './syncSteps';
import { createEmitter } from '../emitter';

export type { SyncState } from './connectionState';

export type SyncStatus = {
  state: SyncState;
  /** Local changes not yet accepted by the server. */
  pending: number;
  /** Records received in the sync under way (for a progress bar on first sync). */
  received: number;
  /**
   * `received` plus what the server said still lay after its latest page: the size of the sync
   * under way, for a percentage. Null before the first page and when the server does not say
   * (an older server without `remaining`).
   */
  total: number | null;
  /** The sync under way pulls the whole feed: this console has none of it yet, or the server forgot its cursor. */
  fromScratch: boolean;
  /** When the last complete sync ended, kept in the cache: a reload (offline too) still knows it. */
  lastSyncedAt: string | null;
  error: string | null;
  /** Whether the live event stream is connected. */
  live: boolean;
  nextRetryAt: string | null;
  /**
   * The server's clock minus this console's, from the latest pull page (0 until one has come):
   * SLA clocks on screen add it to the local time, so a console whose clock is off still shows
   * the server's "due in" and "breached".
   */
  clockOffsetMs: number;
};

/** A status before any sync: nothing received, nothing known to be waiting. */
export const initialSyncStatus = (state: SyncState): SyncStatus => ({
  state,
  pending: 0,
  received: 0,
  total: null,
  fromScratch: false,
  lastSyncedAt: null,
  error: null,
  live: false,
  nextRetryAt: null,
  clockOffsetMs: 0,
});

/** A pull page and this console's clock when it arrived (a page fetched ahead waits before it is read). */
export type ArrivedPage = { page: PullResponse; arrivedAt: number };

/**
 * Changes of the clock offset smaller than this are the network's jitter, not the clocks': kept
 * out of the status, so screens that run on the server's time do not redraw after every pull.
 */
const CLOCK_JITTER_MS = 1_000;

/** Server clock minus local clock, from a page that carries the server's time; else the known offset. */
export const clockOffsetFrom = ({ page, arrivedAt }: ArrivedPage, known: number): number => {
  const serverMs = page.serverTime === undefined ? Number.NaN : Date.parse(page.serverTime);
  if (!Number.isFinite(serverMs)) return known;
  const measured = serverMs - arrivedAt;
  return Math.abs(measured - known) < CLOCK_JITTER_MS ? known : measured;
};

export type SyncResult = { ok: true; pushed: number; pulled: number } | { ok: false; error: RemoteError | Error };

export type SyncEngine = {
  /** Listens to the server's pokes and syncs now, then soon after every poke, on a timer and after errors with backoff. */
  start(): void;
  stop(): void;
  /**
   * One sync cycle (push, pull, settle); concurrent calls share one run plus at most one follow-up.
   * Asked for by a person or a new local change, it runs even while the server's Retry-After holds.
   */
  syncNow(): Promise<SyncResult>;
  /**
   * Something changed elsewhere (the server poked, the network came back): sync after a short delay that
   * gathers a burst into one cycle, or once the server's Retry-After has passed. `syncNow` is for a person or a
   * local change, which go at once.
   */
  syncSoon(): void;
  /**
   * The platform's word on the network (the browser's `online`/`offline` events, Electron's
   * `net.isOnline()`): down shows offline at once; back up syncs soon.
   */
  networkChanged(isUp: boolean): void;
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
};

export type SyncEngineOptions = {
  /** The cache, one call per step of a sync (in the desktop app, over a port to the page). */
  steps: SyncSteps;
  remote: Remote;
  pushBatchSize?: number;
  pullLimit?: number;
  /**
   * Page size while pulling the whole feed (a first sync, or after a forgotten cursor): each page
   * is a round trip and a local transaction, so a first sync takes the server's largest pages.
   * Defaults to `pullLimit` when that is given, else to the server's maximum.
   */
  scratchPullLimit?: number;
  /** Periodic sync even without pokes (a missed poke costs at most this long). */
  intervalMs?: number;
  /**
   * `syncSoon`'s wait before syncing, so pokes arriving together make one cycle (a sync under way
   * folds later pokes into one more cycle anyway). Short: every console pays it on every change
   * it sees from another (docs/BENCHMARKS.md, "Live propagation: where the time goes").
   */
  syncSoonDelayMs?: number;
  now?: () => Date;
  random?: () => number;
  newId?: () => string;
  randomBytes?: RandomBytes;
  timers?: Timers;
  /**
   * Hold the signed-in user's working set rather than the whole desk (docs/ARCHITECTURE.md, "The
   * working set"): pulls ask for `scope=working`, tickets that come into the set are caught up
   * whole, and every `pruneEveryMs` (default 10 minutes; and after a pull from scratch) the tickets
   * that left it are dropped, but those with local work.
   */
  scope?: { userId: string; pruneEveryMs?: number };
  /**
   * Take the server's live batches over the event stream (default): a change elsewhere arrives as
   * the rows this console would pull, applied when they follow its mark, without a pull. False: a
   * poke and a pull per change, as a console before live batches.
   */
  live?: boolean;
};

/** Live batches kept while a sync runs; more, and the next sync's pull brings them instead. */
const MAX_QUEUED_BATCHES = 100;

/** Tickets per catch-up request (the server's limit, MAX_CATCH_UP_TICKETS). */
const CATCH_UP_BATCH = 100;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createSyncEngine = (options: SyncEngineOptions): SyncEngine => {
  const { steps, remote } = options;
  const pushBatchSize = options.pushBatchSize ?? 200;
  const pullLimit = options.pullLimit ?? DEFAULT_PULL_LIMIT;
  const scratchPullLimit = options.scratchPullLimit ?? options.pullLimit ?? MAX_PULL_LIMIT;
  const intervalMs = options.intervalMs ?? 60_000;
  const syncSoonDelayMs = options.syncSoonDelayMs ?? 5;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const ids = { newId: options.newId ?? randomUuid, randomBytes: options.randomBytes ?? platformRandomBytes };
  const timers = options.timers ?? platformTimers;
  const scope = options.scope;
  const pruneEveryMs = scope?.pruneEveryMs ?? 600_000;
  // Never yet this run: the first complete scoped sync prunes.
  let lastPruneAt = Number.NEGATIVE_INFINITY;
  const isLive = options.live ?? true;
  // The `since` the event stream named when it connected: batches are filtered by it.
  let streamSince: string | null = null;
  // Live batches wait here while a sync runs; one applies at a time, never beside a sync.
  const liveQueue: LiveChanges[] = [];
  let liveWork: Promise<void> | null = null;

  let status: SyncStatus = initialSyncStatus('idle');
  // The state on screen is never set directly: it follows from these facts (connectionState.ts).
  let facts: ConnectionFacts = initialConnectionFacts;
  // The platform's last word on the network, to act on its changes only.
  let isNetworkUp = true;
  const statusChanged = createEmitter<SyncStatus>();
  const setStatus = (patch: Partial<SyncStatus>, factsPatch: Partial<ConnectionFacts> = {}) => {
    facts = { ...facts, ...factsPatch };
    status = { ...status, ...patch, state: connectionState(facts) };
    statusChanged.emit(status);
  };
  // Any answer proves the server reachable; told once, not on every page of a long sync.
  const heard = () => {
    if (facts.server !== 'answered') setStatus({}, { server: 'answered' });
  };

  // Each local step is one call (in the desktop app a round trip to the page) that a change waits
  // out on its way to the other consoles: the client id comes with the first batch, and the call
  // that keeps a batch's outcomes also reads the next batch.
  const push = async (): Promise<number> => {
    const first = await steps.nextPushBatch({ limit: pushBatchSize });
    let batch = first.entries;
    let pushed = 0;
    while (batch.length > 0) {
      const response = await remote.push({
        protocol: PROTOCOL_VERSION,
        clientId: first.clientId,
        sentAt: now().toISOString(),
        mutations: batch.map((entry) => ({ id: entry.id, name: entry.name, args: entry.args, at: entry.at })),
      });
      heard();
      const outcomes = decidePushOutcomes(batch, response.results, ids);
      if (outcomes.length === 0) throw new RemoteError('server', 'The server answered none of the pushed changes.');
      const settled = await steps.settlePush({ outcomes, now: now().toISOString(), limit: pushBatchSize });
      pushed += outcomes.length;
      setStatus({ pending: settled.pending });
      batch = settled.next;
    }
    return pushed;
  };

  const pull = async (start: PullStart): Promise<number> => {
    let cursor = start.cursor;
    let reset = false;
    let received = 0;
    // The size of this sync as the first page counted it; later pages skip the count, which walks
    // the rest of the feed on the server (it cost more than the pages themselves on a first sync).
    let total: number | null = null;
    // The next page, asked for while this one is written: the network and the disk work at once.
    let ahead: Promise<ArrivedPage> | null = null;
    // The page size is chosen once per pull: large when it starts from nothing.
    let limit = cursor === null ? scratchPullLimit : pullLimit;
    // Scoped: since when this console holds no more than the working set (its last pruning).
    const heldSince = scope === undefined || cursor === null ? null : start.heldSince;
    const request = (after: string | null, count: boolean): Promise<ArrivedPage> =>
      remote
        .pull(after, limit, { count, ...(scope === undefined ? {} : { scoped: true }), ...(heldSince === null ? {} : { heldSince }) })
        .then((page) => ({ page, arrivedAt: now().getTime() }));
    if (cursor === null) setStatus({ fromScratch: true });
    for (;;) {
      let arrived: ArrivedPage;
      try {
        arrived = await (ahead ?? request(cursor, total === null));
      } catch (error) {
        ahead = null;
        // The server no longer keeps history that old: start over, keeping the outbox.
        if (error instanceof RemoteError && error.kind === 'too_old' && cursor !== null) {
          cursor = null;
          reset = true;
          limit = scratchPullLimit;
          setStatus({ fromScratch: true });
          continue;
        }
        throw error;
      }
      ahead = null;
      heard();
      const { page } = arrived;
      if (page.hasMore) {
        const counted = page.remaining !== undefined || total !== null;
        ahead = request(page.cursor, !counted);
        // Awaited on the next turn; if this page fails to apply, nobody will, and that is fine.
        ahead.catch(() => undefined);
      }
      await apply(page, reset);
      reset = false;
      cursor = page.cursor;
      received += page.changes.length;
      if (page.remaining !== undefined) total = received + page.remaining;
      // Changes committed during a long sync make it a little longer than first counted.
      else if (total !== null) total = Math.max(total, received);
      setStatus({ received, total, clockOffsetMs: clockOffsetFrom(arrived, status.clockOffsetMs) });
      if (!page.hasMore) return received;
    }
  };

  /**
   * Applies a page in one step; a scoped page read from the feed in order may first need the whole
   * records of the tickets that came (back) into the working set (shared/sync/catchUp.ts). The
   * cache says which and applies nothing; they are fetched and land with the page in one
   * transaction, so a crash between them leaves neither.
   */
  const apply = async (page: PullResponse, reset: boolean): Promise<void> => {
    const checked = await steps.applyPull({ page, reset, ...(scope === undefined ? {} : { scopeUserId: scope.userId }) });
    if (checked.applied) return;
    const tickets = checked.catchUp;
    const records: Change[] = [];
    for (let from = 0; from < tickets.length; from += CATCH_UP_BATCH)
      records.push(...(await remote.ticketRecords(tickets.slice(from, from + CATCH_UP_BATCH))).changes);
    // Read after the page, the caught-up records are at least as new as the page's.
    const fresh = new Set(records.map((change) => entityKey(change.entity, change.id)));
    const caughtUp = { ...page, changes: [...page.changes.filter((change) => !fresh.has(entityKey(change.entity, change.id))), ...records] };
    const applied = await steps.applyPull({ page: caughtUp, reset, caughtUp: tickets });
    if (!applied.applied) throw new Error('The local store did not apply a page it was given caught up.');
  };

  const cycle = async (): Promise<{ pushed: number; pulled: number; syncedAt: string; pending: number }> => {
    setStatus({ received: 0, total: null, fromScratch: false }, { isSyncing: true });
    const pushed = await push();
    // Entries acknowledged before this pull began are settled once it completes.
    const start = await steps.beginPull();
    learnSince(start.heldSince);
    const pulled = await pull(start);
    const syncedAt = now().toISOString();
    const pruneAt = now().getTime();
    const prune = scope !== undefined && (status.fromScratch || pruneAt - lastPruneAt >= pruneEveryMs);
    const finished = await steps.finishSync({ acked: start.acked, syncedAt, ...(prune ? { pruneFor: scope.userId } : {}) });
    if (prune) lastPruneAt = pruneAt;
    return { pushed, pulled, syncedAt, pending: finished.pending };
  };

  let running: Promise<SyncResult> | null = null;
  let again = false;
  let started = false;
  let failures = 0;
  // Until when (this console's ms) the server asked us not to come back (Retry-After): the retry
  // timer waits at least that long, and pokes meanwhile do not bring the attempt forward.
  let holdUntil = 0;
  const held = (): boolean => now().getTime() < holdUntil;
  let timer: unknown = null;
  let soonTimer: unknown = null;
  let unsubscribe: (() => void) | null = null;

  const schedule = (ms: number) => {
    if (!started) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void syncNow();
    }, ms);
  };

  const runCycles = async (): Promise<SyncResult> => {
    let total = { pushed: 0, pulled: 0 };
    let syncedAt: string;
    let pending: number;
    for (;;) {
      again = false;
      try {
        const done = await cycle();
        total = { pushed: total.pushed + done.pushed, pulled: total.pulled + done.pulled };
        syncedAt = done.syncedAt;
        pending = done.pending;
      } catch (error) {
        failures += 1;
        const kind = error instanceof RemoteError ? error.kind : 'error';
        const serverWait = error instanceof RemoteError ? (error.retryAfterMs ?? 0) : 0;
        const delay = Math.max(backoffDelay(failures, random), serverWait);
        holdUntil = serverWait > 0 ? now().getTime() + serverWait : 0;
        const retry = kind === 'unauthorized' ? null : new Date(now().getTime() + delay).toISOString();
        const waiting = await steps.pendingCount().catch(() => status.pending);
        // A failure at the network says the server is out of reach; any other came with an answer
        // (or from the local store, which says nothing about the server).
        const server = kind === 'network' ? 'unreachable' : kind === 'error' ? facts.server : 'answered';
        setStatus(
          { error: describe(error), nextRetryAt: retry, pending: waiting },
          { isSyncing: false, server, isSignedOut: kind === 'unauthorized', hasFailed: kind !== 'network' && kind !== 'unauthorized' },
        );
        if (retry !== null) schedule(delay);
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
      // A change made during the cycle (even after its last step counted what waits) asked for a
      // sync: serve it now, not at the next timer.
      if (again) continue;
      failures = 0;
      holdUntil = 0;
      setStatus(
        { error: null, nextRetryAt: null, lastSyncedAt: syncedAt, pending },
        { isSyncing: false, isSignedOut: false, hasFailed: false, server: 'answered' },
      );
      schedule(intervalMs);
      return { ok: true, ...total };
    }
  };

  const syncNow = (): Promise<SyncResult> => {
    if (running !== null) {
      again = true;
      return running;
    }
    // A live batch being applied finishes first: a pull never runs beside one.
    const before = liveWork;
    running = (before === null ? runCycles() : before.then(runCycles)).finally(() => {
      running = null;
      drainLive();
      // Asked for between the last check and here (or during a failed cycle): one more run, unless
      // the server asked for a pause; then the retry timer runs it once the pause is over.
      if (again && started && !held()) {
        again = false;
        void syncNow();
      }
    });
    return running;
  };

  /** Applies queued live batches one by one, unless a sync runs (it drains them when it ends); any that does not fit asks for a sync. */
  const drainLive = () => {
    if (liveWork !== null || running !== null || !started || liveQueue.length === 0) return;
    liveWork = (async () => {
      while (liveQueue.length > 0 && running === null && started) {
        const batch = liveQueue.shift();
        if (batch === undefined) break;
        const arrivedAt = now().getTime();
        let outcome: 'applied' | 'ignored' | 'pull';
        try {
          const result = await steps.applyLive({ batch, ...(scope === undefined ? {} : { scopeUserId: scope.userId }) });
          outcome = result.outcome;
          learnSince(result.heldSince);
        } catch {
          outcome = 'pull';
        }
        if (outcome === 'pull') {
          // The pull brings what the rest of the queue holds.
          liveQueue.length = 0;
          engine.syncSoon();
        } else if (outcome === 'applied') {
          heard();
          setStatus({ clockOffsetMs: clockOffsetFrom({ page: batch, arrivedAt }, status.clockOffsetMs) });
        }
      }
    })().finally(() => {
      liveWork = null;
      drainLive();
    });
  };

  const streamScope = () => ({ since: streamSince });
  const subscribeStream = (): (() => void) =>
    remote.subscribe(
      () => engine.syncSoon(),
      (live, loss) => {
        // A stream cut at the network is as good a sign as a failed request; one the server
        // ended or refused says it answered.
        if (live) setStatus({ live }, { server: 'answered' });
        else setStatus({ live }, loss === 'network' ? { server: 'unreachable' } : {});
      },
      isLive
        ? {
            onChanges: (batch) => {
              // A long sync (a first one) lets batches pile up: past a few, one more pull is cheaper than checking each.
              if (liveQueue.length >= MAX_QUEUED_BATCHES) {
                liveQueue.length = 0;
                engine.syncSoon();
                return;
              }
              liveQueue.push(batch);
              drainLive();
            },
            ...(scope === undefined ? {} : { scope: streamScope }),
          }
        : undefined,
    );

  /** A working-set console's batches are filtered by the `since` its stream named: a new one reconnects the stream with it. */
  function learnSince(since: string | null): void {
    if (!isLive || scope === undefined || since === streamSince) return;
    streamSince = since;
    if (!started || unsubscribe === null) return;
    unsubscribe();
    unsubscribe = subscribeStream();
  }

  const engine: SyncEngine = {
    start: () => {
      if (started) return;
      started = true;
      if (facts.isStopped) setStatus({}, { isStopped: false });
      // The last sync's time as the cache keeps it, so a reload shows it before (or without) a sync.
      steps.lastSyncedAt().then(
        (kept) => {
          if (status.lastSyncedAt === null && kept !== null) setStatus({ lastSyncedAt: kept });
        },
        () => undefined,
      );
      unsubscribe = subscribeStream();
      void syncNow();
    },
    stop: () => {
      started = false;
      liveQueue.length = 0;
      unsubscribe?.();
      unsubscribe = null;
      if (timer !== null) timers.clearTimeout(timer);
      if (soonTimer !== null) timers.clearTimeout(soonTimer);
      timer = null;
      soonTimer = null;
      setStatus({ live: false, nextRetryAt: null }, { isStopped: true });
    },
    syncNow,
    syncSoon: () => {
      // Held by the server's Retry-After: the retry timer, set past the pause, will sync.
      if (soonTimer !== null || held()) return;
      soonTimer = timers.setTimeout(() => {
        soonTimer = null;
        void syncNow();
      }, syncSoonDelayMs);
    },
    networkChanged: (isUp) => {
      if (isUp === isNetworkUp) return;
      isNetworkUp = isUp;
      // Gone: offline at once. Either way, ask the server: back, to send what waits; gone, because
      // a server on this machine still answers over loopback, and its answer then has the last word.
      if (!isUp) setStatus({}, { server: 'unreachable' });
      if (started) engine.syncSoon();
    },
    status: () => status,
    onStatus: statusChanged.on,
  };
  return engine;
};
