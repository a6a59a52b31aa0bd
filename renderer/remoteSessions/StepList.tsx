import { useTranslation } from 'react-i18next';
import type { RemoteSession } from '../../shared/domain/records';
import { formatTime } from '../../shared/format/dates';

/** A session's steps in the order they were typed, each with its time of day (the session's start gives the date). */
export const StepList = ({ steps }: { steps: RemoteSession['steps'] }) => {
  const { t, i18n } = useTranslation('remoteSession');
  if (steps.length === 0) return <p className="session-no-steps muted">{t('running.noSteps')}</p>;
  return (
    <ol className="session-steps" aria-label={t('running.steps')}>
      {steps.map((step, index) => (
        // Steps are only ever appended, so the position is a stable key.
        <li key={index} className="session-step">
          <time className="session-step-time mono" dateTime={step.at}>
            {formatTime(step.at, i18n.language)}
          </time>
          <span className="session-step-text">{step.text}</span>
        </li>
      ))}
    </ol>
  );
};
