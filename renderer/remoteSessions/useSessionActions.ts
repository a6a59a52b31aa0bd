import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteSession, SessionOutcome } from '../../shared/domain/records';
import { randomUuid } from '../../shared/platform';
import type { Workspace } from '../sync/workspace';
import { ended, newSession, runningSessionOf, startRefusal, withStep, type SessionSaveArgs, type StartInput } from './sessionRules';

/** A refusal, for people; null when the change was applied to the cache and queued. */
export type SessionRefusal = string | null;

export type SessionActions = {
  start(input: StartInput): Promise<SessionRefusal>;
  addStep(sessionId: string, text: string): Promise<SessionRefusal>;
  end(sessionId: string, outcome: SessionOutcome): Promise<SessionRefusal>;
};

/**
 * Starting, adding steps to and ending sessions, each saved at once through `session:save` (the cache
 * and the outbox in one transaction, so a reload or crash loses nothing). Changes run one after
 * another and each reads the session fresh from the cache: `session:save` carries the whole session,
 * so two quick Enters built from the same rendered copy would otherwise drop the first step, and two
 * quick Start clicks would otherwise start two sessions.
 */
export const useSessionActions = (workspace: Workspace, ticketId: string): SessionActions => {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const { t } = useTranslation('remoteSession');
  return useMemo((): SessionActions => {
    const { db, user } = workspace;
    const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.current.then(work, work);
      queue.current = next.catch(() => undefined);
      return next;
    };
    const save = async (args: SessionSaveArgs | null): Promise<SessionRefusal> => {
      if (args === null) return null;
      const result = await workspace.run('session:save', args);
      return result.ok ? null : result.error.message;
    };
    const update = (sessionId: string, change: (session: RemoteSession) => SessionSaveArgs | null) =>
      inTurn(async () => {
        const session = await db.sessions.get(sessionId);
        return session === undefined ? t('refusal.notCached') : save(change(session));
      });
    return {
      start: (input) =>
        inTurn(async () => {
          const sessions = await db.sessions.where('ticketId').equals(ticketId).toArray();
          const refusal = startRefusal(input, runningSessionOf(sessions, user.id) !== null);
          return refusal === null ? save(newSession(randomUuid(), ticketId, input, new Date().toISOString())) : t(`refusal.${refusal}`);
        }),
      addStep: (sessionId, text) => update(sessionId, (session) => withStep(session, text, new Date().toISOString())),
      end: (sessionId, outcome) => update(sessionId, (session) => ended(session, outcome, new Date().toISOString())),
    };
  }, [workspace, ticketId, t]);
};
