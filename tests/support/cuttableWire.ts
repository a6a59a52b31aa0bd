import type { FetchLike } from '../../shared/sync/httpRemote';

/** What went over one console's wire during a load run. */
export type WireCounts = {
  requests: number;
  refusedOffline: number;
  cutByOutage: number;
  /** 503 answers: the server asks to come back later (its database restarting, or refusing writes). */
  unavailable: number;
  /** Other 5xx answers. */
  serverErrors: number;
  /** The first few of those, `status path: body`, for a failure message. */
  serverErrorSamples: string[];
  clientErrors: number;
  failed: number;
};

export type Wire = {
  fetch: FetchLike;
  counts: WireCounts;
  readonly offline: boolean;
  /** Cuts the network: requests in flight (the event stream too) fail, new ones are refused. */
  goOffline(): void;
  goOnline(): void;
};

/**
 * One console's network for the load test: the real fetch over loopback, which the test can cut
 * as a lost Wi-Fi would, aborting what is in flight rather than letting a held-open event stream
 * keep delivering pokes to a console that is supposed to be offline.
 */
export const createWire = (): Wire => {
  const counts: WireCounts = {
    requests: 0,
    refusedOffline: 0,
    cutByOutage: 0,
    unavailable: 0,
    serverErrors: 0,
    serverErrorSamples: [],
    clientErrors: 0,
    failed: 0,
  };
  const inFlight = new Set<AbortController>();
  let offline = false;
  const wireFetch: FetchLike = async (url, init) => {
    counts.requests += 1;
    if (offline) {
      counts.refusedOffline += 1;
      throw new TypeError('fetch failed: network is offline');
    }
    const cut = new AbortController();
    inFlight.add(cut);
    const signals = [cut.signal, ...(init?.signal === undefined ? [] : [init.signal as AbortSignal])];
    try {
      const response = await fetch(url, { ...(init as RequestInit), signal: AbortSignal.any(signals) });
      if (response.status === 503) counts.unavailable += 1;
      else if (response.status >= 500) {
        counts.serverErrors += 1;
        if (counts.serverErrorSamples.length < 5)
          counts.serverErrorSamples.push(`${response.status} ${new URL(url).pathname}: ${(await response.clone().text()).slice(0, 300)}`);
      }
      // 401 would mean a lost session, 4xx a request the server refused: neither belongs in a clean run.
      else if (response.status >= 400) counts.clientErrors += 1;
      const body = response.body;
      if (body === null) {
        inFlight.delete(cut);
        return response;
      }
      // The stream stays cuttable until it is read to the end; then the controller is let go.
      const reader = body.getReader();
      const release = () => inFlight.delete(cut);
      return {
        ok: response.ok,
        status: response.status,
        headers: response.headers,
        json: async () => {
          const chunks: Uint8Array[] = [];
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value);
          }
          release();
          return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        },
        body: {
          getReader: () => ({
            read: async () => {
              const result = await reader.read();
              if (result.done) release();
              return result;
            },
            cancel: async () => {
              release();
              await reader.cancel();
            },
          }),
        },
      };
    } catch (error) {
      inFlight.delete(cut);
      if (cut.signal.aborted) counts.cutByOutage += 1;
      else counts.failed += 1;
      throw error;
    }
  };
  return {
    fetch: wireFetch,
    counts,
    get offline() {
      return offline;
    },
    goOffline: () => {
      offline = true;
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    },
    goOnline: () => {
      offline = false;
    },
  };
};
