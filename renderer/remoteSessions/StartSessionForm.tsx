import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_TOOLS, type SessionTool } from '../../shared/domain/records';
import { LIMITS } from '../../shared/domain/ticket';
import { isConsentRequired, type StartInput } from './sessionRules';
import type { SessionRefusal } from './useSessionActions';

export type StartSessionFormProps = {
  /** Starts the session; resolves to the refusal, or null once it runs. */
  onStart(input: StartInput): Promise<SessionRefusal>;
};

const isSessionTool = (value: string): value is SessionTool => SESSION_TOOLS.some((tool) => tool === value);

/** Tool, target and the caller's consent; refusals (no target, no consent) are shown under the form. */
export const StartSessionForm = ({ onStart }: StartSessionFormProps) => {
  const { t } = useTranslation('remoteSession');
  const [tool, setTool] = useState<SessionTool>('teamviewer');
  const [target, setTarget] = useState('');
  const [consent, setConsent] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const isOnSite = !isConsentRequired(tool);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsStarting(true);
    const outcome = await onStart({ tool, target, consent });
    setIsStarting(false);
    setRefusal(outcome);
  };

  return (
    <form className="form inline-form session-start" aria-label={t('start.form')} onSubmit={(event) => void submit(event)}>
      <div className="session-start-row">
        <label className="field">
          <span>{t('tool.label')}</span>
          <select name="tool" value={tool} onChange={(event) => isSessionTool(event.target.value) && setTool(event.target.value)}>
            {SESSION_TOOLS.map((option) => (
              <option key={option} value={option}>
                {t(`tool.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('start.target')}</span>
          <input
            name="target"
            value={target}
            maxLength={LIMITS.target}
            autoComplete="off"
            placeholder={t('start.targetPlaceholder')}
            aria-invalid={refusal !== null && target.trim() === ''}
            onChange={(event) => setTarget(event.target.value)}
          />
        </label>
      </div>
      <div className="session-start-row session-start-foot">
        <label className="session-consent">
          <input type="checkbox" name="consent" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
          <span>{isOnSite ? t('start.presence') : t('start.consent')}</span>
        </label>
        <button type="submit" className="button primary" disabled={isStarting}>
          {t('start.submit')}
        </button>
      </div>
      {isOnSite && <p className="session-hint muted">{t('start.presenceHint')}</p>}
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="session-refusal">
          {refusal}
        </p>
      )}
    </form>
  );
};
