import type { StatsQueryParams, StatsRoute } from '../../shared/stats/api';

/** The part of fetch a statistics request uses; Node's and Electron's net.fetch satisfy it. */
export type StatsFetch = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** The route's address on the server with the query as the page gave it (already checked by the contract). */
export const statsRequestUrl = (serverUrl: string, route: StatsRoute, query: StatsQueryParams): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return `${serverUrl}/api/stats/${route}?${search.toString()}`;
};
