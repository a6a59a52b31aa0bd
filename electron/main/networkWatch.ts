/**
 * The OS network as Electron's `net.isOnline()` reports it, polled: the main process gets no event
 * when it changes. Polled every second, a lost network shows as offline within a second, and
 * `isOnline()` only reads a flag Chromium keeps, so the poll costs nothing worth measuring.
 */
export const NETWORK_CHECK_MS = 1_000;

export type NetworkWatchOptions = {
  isOnline(): boolean;
  /** Called once at once with the state now, then at every change. */
  onChange(isOnline: boolean): void;
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
};

/** Starts watching; returns a function that stops. */
export const watchNetwork = (options: NetworkWatchOptions): (() => void) => {
  const every = options.setInterval ?? ((callback: () => void, ms: number): unknown => setInterval(callback, ms));
  const stop = options.clearInterval ?? ((handle: unknown) => clearInterval(handle as NodeJS.Timeout));
  let last = options.isOnline();
  options.onChange(last);
  const handle = every(() => {
    const now = options.isOnline();
    if (now === last) return;
    last = now;
    options.onChange(now);
  }, options.intervalMs ?? NETWORK_CHECK_MS);
  return () => stop(handle);
};
