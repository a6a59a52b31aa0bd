import type { FetchLike } from '../../shared/sync/httpRemote';

/** Electron's net.fetch, or anything with the WHATWG fetch signature. */
type WhatwgFetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * A WHATWG fetch in the shape the shared sync remote asks for. shared/ types its abort signals
 * structurally (it compiles without DOM or Node types); the ones it passes come from the
 * platform's own AbortController, so at run time they are real AbortSignals.
 */
export const asSyncFetch =
  (fetchImpl: WhatwgFetch): FetchLike =>
  (url, init) =>
    fetchImpl(url, init === undefined ? undefined : { ...init, signal: (init.signal ?? null) as AbortSignal | null });
