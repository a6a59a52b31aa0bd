import { createEmitter } from '../../shared/emitter';

/**
 * Tells open event streams that something committed, and that someone's sign-in may have ended.
 * In-process here; with several server instances a PostgreSQL LISTEN/NOTIFY implementation takes
 * its place behind the same type (server/sync/postgresNotifier.ts).
 */
export type Notifier = {
  /** Something committed: every open event stream sends a poke, and its console pulls. */
  announceCommit(): void;
  onCommit(listener: () => void): () => void;
  /**
   * A token of this user was revoked or the account deactivated (null: anyone's, e.g. after
   * signals may have been lost). Each event stream of that user checks its own token again and
   * ends if it no longer signs anyone in; the signal carries no verdict, so a lost or spurious
   * one costs at most a check.
   */
  accessChanged(userId: string | null): void;
  onAccessChanged(listener: (userId: string | null) => void): () => void;
  close(): void;
};

export const createLocalNotifier = (): Notifier => {
  const commits = createEmitter();
  const access = createEmitter<string | null>();
  return {
    announceCommit: () => commits.emit(),
    onCommit: commits.on,
    accessChanged: access.emit,
    onAccessChanged: access.on,
    close: () => {
      commits.clear();
      access.clear();
    },
  };
};
