import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_OUTCOMES, type RemoteSession, type SessionOutcome } from '../../shared/domain/records';
import { LIMITS } from '../../shared/domain/ticket';
import { formatTime } from '../../shared/format/dates';
import { formatClock, sessionDurationMs } from './sessionTime';
import { StepList } from './StepList';
import type { SessionRefusal } from './useSessionActions';

export type RunningSessionProps = {
  session: RemoteSession;
  nowMs: number;
  /** True right after Start: the technician's next keystrokes are the first step. */
  focusStep: boolean;
  onAddStep(text: string): Promise<SessionRefusal>;
  onEnd(outcome: SessionOutcome): Promise<SessionRefusal>;
};

const isOutcome = (value: string): value is SessionOutcome => SESSION_OUTCOMES.some((outcome) => outcome === value);

/**
 * The technician's own running session: its timer counts from the saved start (so it carries on
 * after a reload), Enter in the step box saves a timestamped step at once, and it ends with an outcome.
 */
export const RunningSession = ({ session, nowMs, focusStep, onAddStep, onEnd }: RunningSessionProps) => {
  const { t, i18n } = useTranslation('remoteSession');
  const [step, setStep] = useState('');
  const [outcome, setOutcome] = useState<SessionOutcome | ''>('');
  const [refusal, setRefusal] = useState<string | null>(null);

  const addStep = async (event: FormEvent) => {
    event.preventDefault();
    const text = step;
    if (text.trim() === '') return;
    // Cleared at once so the next step can be typed while this one saves; given back if refused.
    setStep('');
    const result = await onAddStep(text);
    setRefusal(result);
    if (result !== null) setStep((current) => (current === '' ? text : current));
  };
  const end = async () => {
    if (outcome === '') {
      setRefusal(t('refusal.outcomeRequired'));
      return;
    }
    setRefusal(await onEnd(outcome));
  };

  return (
    <section className="session-running" aria-label={t('running.region')} data-testid="running-session" data-session-id={session.id}>
      <header className="session-running-head">
        <span className="session-running-title">
          <span className="session-badge">{t('running.badge')}</span>
          <span className="session-tool">{t(`tool.${session.tool}`)}</span>
          <span className="session-target mono">{session.target}</span>
        </span>
        {/* Not a live region: a clock read out every second would drown the screen reader. */}
        <span className="session-clock mono" role="timer" aria-label={t('running.timer')} data-testid="session-clock">
          {formatClock(sessionDurationMs(session, nowMs), i18n.language)}
        </span>
      </header>
      <p className="session-meta muted">
        {t('running.startedAt', { time: formatTime(session.startedAt, i18n.language) })} ·{' '}
        {session.tool === 'on-site' ? (session.consent ? t('past.present') : t('past.notPresent')) : t('past.consent')}
      </p>
      <StepList steps={session.steps} />
      <form className="session-step-form" onSubmit={(event) => void addStep(event)}>
        <label className="field grow">
          <span>{t('running.step')}</span>
          <input
            name="step"
            value={step}
            maxLength={LIMITS.stepText}
            autoComplete="off"
            // The start button is gone once the session runs; the step box is where work continues.
            autoFocus={focusStep}
            placeholder={t('running.stepPlaceholder')}
            onChange={(event) => setStep(event.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {t('running.addStep')}
        </button>
      </form>
      <div className="session-end">
        <label className="field">
          <span>{t('outcome.label')}</span>
          <select name="outcome" value={outcome} onChange={(event) => setOutcome(isOutcome(event.target.value) ? event.target.value : '')}>
            <option value="">{t('outcome.choose')}</option>
            {SESSION_OUTCOMES.map((option) => (
              <option key={option} value={option}>
                {t(`outcome.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button danger" onClick={() => void end()}>
          {t('running.end')}
        </button>
      </div>
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="session-refusal">
          {refusal}
        </p>
      )}
    </section>
  );
};
