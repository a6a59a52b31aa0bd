import { useTranslation } from 'react-i18next';
import type { PublicUser, RemoteSession } from '../../shared/domain/records';
import { RunningSession } from './RunningSession';
import { SessionList } from './SessionList';
import { newestFirst, runningSessionOf } from './sessionRules';
import { formatDuration, totalSessionMs } from './sessionTime';
import { StartSessionForm } from './StartSessionForm';
import type { SessionActions } from './useSessionActions';
import './remoteSessions.css';

export type RemoteSessionsViewProps = {
  ticketId: string;
  sessions: readonly RemoteSession[];
  userId: string;
  users: ReadonlyMap<string, PublicUser>;
  nowMs: number;
  /** Whether this view started the running session (rather than finding it after a reload). */
  focusStep: boolean;
  actions: SessionActions;
};

/** The ticket's sessions: this technician's running one or a start form, the total, then the others. Props only. */
export const RemoteSessionsView = ({ ticketId, sessions, userId, users, nowMs, focusStep, actions }: RemoteSessionsViewProps) => {
  const { t, i18n } = useTranslation('remoteSession');
  const running = runningSessionOf(sessions, userId);
  const others = newestFirst(sessions.filter((session) => session !== running));
  return (
    <section className="sessions" aria-label={t('heading')} data-ticket-id={ticketId}>
      <header className="sessions-head">
        <h3>{t('heading')}</h3>
        {sessions.length > 0 && (
          <span className="sessions-total" data-testid="session-total">
            {t('total', { duration: formatDuration(totalSessionMs(sessions, nowMs), i18n.language) })}
          </span>
        )}
      </header>
      {running === null ? (
        <StartSessionForm key={ticketId} onStart={actions.start} />
      ) : (
        <RunningSession
          key={running.id}
          session={running}
          nowMs={nowMs}
          focusStep={focusStep}
          onAddStep={(text) => actions.addStep(running.id, text)}
          onEnd={(outcome) => actions.end(running.id, outcome)}
        />
      )}
      <SessionList sessions={others} users={users} nowMs={nowMs} />
    </section>
  );
};
