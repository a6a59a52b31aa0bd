import { useTranslation } from 'react-i18next';
import { formatPeriodDays } from './statsFormat';
import { PERIOD_PRESETS, type DatePeriod, type PeriodPreset } from './statsPeriod';

export type PeriodPickerProps = {
  preset: PeriodPreset;
  custom: { from: string; to: string };
  /** Why the custom dates give no period, if they do not. */
  error: 'missing' | 'order' | null;
  /** The period asked for, shown in words so "this week" is never ambiguous. */
  period: DatePeriod | null;
  onPreset(preset: PeriodPreset): void;
  onCustom(custom: { from: string; to: string }): void;
};

export const PeriodPicker = ({ preset, custom, error, period, onPreset, onCustom }: PeriodPickerProps) => {
  const { t, i18n } = useTranslation('stats');
  const shown = period === null ? null : formatPeriodDays(period.from, period.to, i18n.language);
  return (
    <fieldset className="stats-period">
      <legend>{t('period.label')}</legend>
      <div className="stats-presets" role="radiogroup" aria-label={t('period.label')}>
        {PERIOD_PRESETS.map((id) => (
          <label key={id} className={preset === id ? 'stats-preset active' : 'stats-preset'}>
            <input type="radio" name="stats-period" value={id} checked={preset === id} onChange={() => onPreset(id)} />
            {t(`period.${id}`)}
          </label>
        ))}
      </div>
      {preset === 'custom' && (
        <div className="stats-custom">
          <label>
            {t('period.from')}
            <input type="date" value={custom.from} onChange={(event) => onCustom({ ...custom, from: event.target.value })} aria-invalid={error === 'order'} />
          </label>
          <label>
            {t('period.to')}
            <input type="date" value={custom.to} onChange={(event) => onCustom({ ...custom, to: event.target.value })} aria-invalid={error === 'order'} />
          </label>
        </div>
      )}
      {error !== null && preset === 'custom' && (
        <p role="alert" className="stats-period-error">
          {t(`period.${error}`)}
        </p>
      )}
      {shown !== null && <p className="stats-period-range">{t('period.range', shown)}</p>}
    </fieldset>
  );
};
