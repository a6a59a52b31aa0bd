import { useTranslation } from 'react-i18next';
import type { PublicUser, RemoteSession } from '../../shared/domain/records';
import { isRunning } from './sessionRules';
import { formatDateTime } from '../../shared/format/dates';
import { formatDuration, sessionDurationMs } from './sessionTime';
import { StepList } from './StepList';

export type SessionListProps = {
  /** Newest first; the technician's own running session is shown above, not here. */
  sessions: readonly RemoteSession[];
  users: ReadonlyMap<string, PublicUser>;
  nowMs: number;
};

const SessionItem = ({ session, technician, nowMs }: { session: RemoteSession; technician: string; nowMs: number }) => {
  const { t, i18n } = useTranslation('remoteSession');
  const duration = formatDuration(sessionDurationMs(session, nowMs), i18n.language);
  const running = isRunning(session);
  return (
    <li className="session-item" data-testid="past-session" data-session-id={session.id} data-state={running ? 'running' : 'ended'}>
      <details>
        <summary>
          <span className="session-summary-main">
            <span className="session-tool">{t(`tool.${session.tool}`)}</span>
            <span className="session-target mono">{session.target}</span>
            <span className="session-by">{technician}</span>
          </span>
          <span className="session-summary-facts">
            <time className="muted" dateTime={session.startedAt}>
              {formatDateTime(session.startedAt, i18n.language)}
            </time>
            <span className="session-duration" data-testid="session-duration">
              {running ? t('past.runningBy', { duration }) : duration}
            </span>
            {running ? (
              <span className="session-badge">{t('running.badge')}</span>
            ) : (
              <span className={`session-outcome outcome-${session.outcome ?? 'none'}`} data-testid="session-outcome">
                {t(`outcome.${session.outcome ?? 'none'}`)}
              </span>
            )}
            <span className="muted">{t('past.steps', { count: session.steps.length })}</span>
          </span>
        </summary>
        <StepList steps={session.steps} />
      </details>
    </li>
  );
};

/** Sessions on the ticket other than the technician's own running one: ended ones and colleagues' running ones. */
export const SessionList = ({ sessions, users, nowMs }: SessionListProps) => {
  const { t } = useTranslation('remoteSession');
  if (sessions.length === 0) return null;
  return (
    <div className="session-past">
      <h4>{t('past.heading')}</h4>
      <ul className="session-list" aria-label={t('past.list')}>
        {sessions.map((session) => (
          <SessionItem key={session.id} session={session} technician={users.get(session.technicianId)?.displayName ?? t('past.unknownUser')} nowMs={nowMs} />
        ))}
      </ul>
    </div>
  );
};
