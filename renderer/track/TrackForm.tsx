import { useTranslation } from 'react-i18next';

/** `isWaiting`: the server asked to wait before the next lookup (429). */
type Props = { value: string; isBusy: boolean; isWaiting: boolean; onChange: (value: string) => void; onSubmit: () => void };

/** The one field a caller fills in: their code, as they read it off an email or a note. */
export const TrackForm = ({ value, isBusy, isWaiting, onChange, onSubmit }: Props) => {
  const { t } = useTranslation('track');
  return (
    <form
      className="track-form"
      aria-label={t('pageTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor="track-code" className="track-label">
        {t('codeLabel')}
      </label>
      <div className="track-row">
        <input
          id="track-code"
          name="code"
          className="track-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="XXXX-XXXX"
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          aria-describedby="track-code-hint"
          required
        />
        <button type="submit" className="track-primary" disabled={isBusy || isWaiting}>
          {isBusy ? t('checking') : t('submit')}
        </button>
      </div>
      <p id="track-code-hint" className="track-hint">
        {t('codeHint')}
      </p>
    </form>
  );
};
