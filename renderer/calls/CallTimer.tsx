import { useTranslation } from 'react-i18next';
import { formatCallClock } from './callClock';

export type CallTimerProps = {
  elapsedMs: number;
  isRunning: boolean;
  /** Offered once the call has a ticket to log its time on; null hides the button. */
  onEnd: (() => void) | null;
  /** A refusal of the call log, if the rules refused it. */
  error: string | null;
};

/** The running call's clock in the call dialog, with its End call button. */
export const CallTimer = ({ elapsedMs, isRunning, onEnd, error }: CallTimerProps) => {
  const { t, i18n } = useTranslation('call');
  return (
    <div className={isRunning ? 'call-timer is-running' : 'call-timer'} data-testid="call-timer" data-state={isRunning ? 'running' : 'ended'}>
      <span className="call-timer-dot" aria-hidden="true" />
      <span className="call-timer-state">{isRunning ? t('timer.running') : t('timer.ended')}</span>
      {/* Not a live region: a clock read out every second would drown the screen reader. */}
      <span className="call-timer-clock mono" role="timer" aria-label={t('timer.label')} data-testid="call-clock">
        {formatCallClock(elapsedMs, i18n.language)}
      </span>
      {isRunning && onEnd === null && <span className="call-timer-hint muted">{t('timer.hangUpHint')}</span>}
      {isRunning && onEnd !== null && (
        <button type="button" className="button danger small" onClick={onEnd}>
          {t('timer.endCall')}
        </button>
      )}
      {error !== null && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
};
