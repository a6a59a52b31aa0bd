import type { MejaBridge } from '../../shared/ipc/contract';
import { STATS_ROUTES, type StatsRoute } from '../../shared/stats/api';
import type { StatsTransport } from './statsClient';

const routeOf = (path: string): StatsRoute | null => STATS_ROUTES.find((route) => path === `/api/stats/${route}`) ?? null;

/**
 * The desktop app's way to the statistics: the page may not reach the server (CSP connect-src
 * 'self') and holds no token, so the main process asks (`stats:get`) and hands the answer back,
 * here turned into a Response so the panel treats both modes alike.
 */
export const createDesktopStatsTransport = (bridge: MejaBridge): StatsTransport => ({
  token: () => null,
  fetch: async (url) => {
    const parsed = new URL(url, 'http://desktop.invalid');
    const route = routeOf(parsed.pathname);
    if (route === null) throw new Error(`not a statistics route: ${parsed.pathname}`);
    // The contract's schema checks and coerces these the same way the server does.
    const query = Object.fromEntries(parsed.searchParams) as { from: string; to: string };
    const answer = await bridge.invoke('stats:get', { route, query });
    if (!answer.ok) throw new Error(answer.error.message);
    // Thrown like a failed fetch, so the panel falls back to the cached figures.
    if (answer.value.kind === 'unreachable') throw new TypeError('server unreachable');
    const headers = new Headers({ 'content-type': answer.value.contentType });
    if (answer.value.contentDisposition !== null) headers.set('content-disposition', answer.value.contentDisposition);
    return new Response(answer.value.body, { status: answer.value.status, headers });
  },
});
