import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Workspace } from '../sync/workspace';
import { createLiveQueueIndex, type IndexProgress } from './liveQueueIndex';
import type { QueueIndex } from './queueIndex';

/** The live index of the workspace's cache, with its version (to memoise on) and load progress. */
export const useLiveQueueIndex = (workspace: Workspace): { index: QueueIndex; version: number; progress: IndexProgress } => {
  const live = useMemo(() => createLiveQueueIndex(workspace.db, workspace.ticketChanges), [workspace]);
  // Started in an effect, so React's double mount in development stops and restarts it cleanly.
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  // A page being hidden may be closing: the first screen for the next restart is stored without waiting for quiet.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') live.keepFirstScreen();
    };
    document.addEventListener('visibilitychange', onHidden);
    return () => document.removeEventListener('visibilitychange', onHidden);
  }, [live]);
  const version = useSyncExternalStore(live.subscribe, live.index.version);
  const progress = useSyncExternalStore(live.subscribe, live.progress);
  return { index: live.index, version, progress };
};
