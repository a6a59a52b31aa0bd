import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../app/useWorkspace';
import { useNow, useUsers } from '../sync/liveData';
import { RemoteSessionsView } from './RemoteSessionsView';
import { useSessionActions, type SessionActions } from './useSessionActions';

/**
 * The ticket's remote sessions: the running one (if any), a way to start one, and past ones. Read
 * live from the cache, so a session running before a reload or crash is found again as it was.
 */
export const RemoteSessions = ({ ticketId }: { ticketId: string }) => {
  const { t } = useTranslation('remoteSession');
  const workspace = useWorkspace();
  const { db, user } = workspace;
  const sessions = useLiveQuery(() => db.sessions.where('ticketId').equals(ticketId).toArray(), [db, ticketId]);
  const users = useUsers(db);
  // Every second: the running timer ticks.
  const now = useNow(1000);
  const actions = useSessionActions(workspace, ticketId);
  // The ticket on which this view started a session, so only that session's step box takes the focus.
  const [startedOn, setStartedOn] = useState<string | null>(null);

  if (sessions === undefined) return <section className="sessions" aria-label={t('heading')} aria-busy="true" />;
  const withFocus: SessionActions = {
    ...actions,
    start: async (input) => {
      const refusal = await actions.start(input);
      if (refusal === null) setStartedOn(ticketId);
      return refusal;
    },
  };
  return (
    <RemoteSessionsView
      ticketId={ticketId}
      sessions={sessions}
      userId={user.id}
      users={users}
      nowMs={Date.parse(now)}
      focusStep={startedOn === ticketId}
      actions={withFocus}
    />
  );
};
