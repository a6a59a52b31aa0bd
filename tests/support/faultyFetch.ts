import type { FetchLike } from '../../shared/sync/httpRemote';

/**
 * Network faults between one client and the server, switched by the test:
 * - offline: nothing gets through;
 * - dropRequest: the request is lost before it reaches the server;
 * - dropResponse: the server handles the request but the answer is lost (the client must retry
 *   without applying anything twice).
 * The server itself is real; only the wire in between misbehaves.
 */
export type Faults = { offline: boolean; dropRequest: number; dropResponse: number };

export const cleanFaults = (): Faults => ({ offline: false, dropRequest: 0, dropResponse: 0 });

export type FaultStats = {
  requests: number;
  droppedRequests: number;
  droppedResponses: number;
  refusedOffline: number;
  /** Answers that reached the client, by HTTP status. */
  statuses: Map<number, number>;
};

export const createFaultyFetch = (faults: Faults, random: () => number): { fetch: FetchLike; stats: FaultStats } => {
  const stats: FaultStats = { requests: 0, droppedRequests: 0, droppedResponses: 0, refusedOffline: 0, statuses: new Map() };
  const fetchThrough: FetchLike = async (url, init) => {
    stats.requests += 1;
    if (faults.offline) {
      stats.refusedOffline += 1;
      throw new TypeError('fetch failed: network is offline');
    }
    if (random() < faults.dropRequest) {
      stats.droppedRequests += 1;
      throw new TypeError('fetch failed: request lost');
    }
    const response = await fetch(url, init as RequestInit);
    if (random() < faults.dropResponse) {
      stats.droppedResponses += 1;
      await response.arrayBuffer().catch(() => undefined);
      throw new TypeError('fetch failed: response lost');
    }
    stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
    return response;
  };
  return { fetch: fetchThrough, stats };
};
