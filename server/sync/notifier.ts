/**
 * Tells open event streams that something committed. In-process now; with several server
 * instances a PostgreSQL LISTEN/NOTIFY implementation takes its place behind the same type.
 */
export type Notifier = {
  poke(): void;
  subscribe(listener: () => void): () => void;
  close(): void;
};

export const createLocalNotifier = (): Notifier => {
  const listeners = new Set<() => void>();
  return {
    poke: () => listeners.forEach((listener) => listener()),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: () => listeners.clear(),
  };
};
