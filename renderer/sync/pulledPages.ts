import type { PullResponse } from '../../shared/sync/protocol';
import { liveChangesApplied, type SyncSteps } from '../../shared/sync/syncSteps';
import { createLogger } from '../logger';
import { createEmitter } from '../../shared/emitter';

const log = createLogger('sync');

/** A pull page the cache has just taken in, and whether it belongs to a pull of the whole feed. */
export type PulledPage = { page: PullResponse; fromScratch: boolean };

export type PulledPageFeed = { subscribe(listener: (pulled: PulledPage) => void): () => void };

/**
 * Wraps the store the engine writes pull pages through (in the page, or served to the desktop
 * shell's engine over its port), to tell listeners each page once its transaction committed: what
 * others changed, as it arrives. `isFromScratch` reads the engine's status: a first sync brings
 * the whole history, which is nobody's news. A listener that throws is logged, never fails the
 * sync (the engine would fetch a page it applied again).
 */
export const trackPulledPages = (inner: SyncSteps, isFromScratch: () => boolean): { steps: SyncSteps; pulled: PulledPageFeed } => {
  const pulledPage = createEmitter<PulledPage>({ onListenerError: (error) => log.error('a listener of pulled pages failed', error) });
  const steps: SyncSteps = {
    ...inner,
    applyPull: async (input) => {
      const outcome = await inner.applyPull(input);
      // A page that waits for its catch-up was not applied: it is told when it is, caught up.
      if (outcome.applied) pulledPage.emit({ page: input.page, fromScratch: input.reset || isFromScratch() });
      return outcome;
    },
    applyLive: async (input) => {
      const outcome = await inner.applyLive(input);
      if (outcome.outcome === 'applied') pulledPage.emit({ page: liveChangesApplied(input.batch, outcome), fromScratch: false });
      return outcome;
    },
  };
  return {
    steps,
    pulled: { subscribe: pulledPage.on },
  };
};
