/**
 * One kind of event, and who listens to it: the one listener set every layer uses (the sync
 * engine's status, the queue index's changes, pulled pages, the desktop session, the server's
 * commit announcements). `on` returns the function that removes that listener.
 *
 * Every listener runs, in the order added, even when one throws, since one broken screen must not
 * keep the others (or a sync) from hearing: a thrown error goes to `onListenerError` when given
 * (to log it), else the first one is thrown again once all have run, so it is never lost.
 * Listeners added or removed while an event is being delivered take effect from the next one.
 */
export type Emitter<T> = {
  on(listener: (value: T) => void): () => void;
  emit(value: T): void;
  /** Removes every listener (closing the owner). */
  clear(): void;
  /** How many listeners there are. */
  size(): number;
};

export type EmitterOptions = { onListenerError?(error: unknown): void };

export const createEmitter = <T = void>(options: EmitterOptions = {}): Emitter<T> => {
  const listeners = new Set<(value: T) => void>();
  return {
    on: (listener) => {
      // A wrapper per subscription, so the same function added twice is two listeners, each removed by its own call.
      const entry = (value: T) => listener(value);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit: (value) => {
      let failed: { error: unknown } | null = null;
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          if (options.onListenerError !== undefined) options.onListenerError(error);
          else failed ??= { error };
        }
      }
      if (failed !== null) throw failed.error;
    },
    clear: () => listeners.clear(),
    size: () => listeners.size,
  };
};
