import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { TIERS, type Tier } from '../../shared/domain/ticket';

export type StatsFilterValues = { tier: Tier | null; category: string | null; technician: string | null };

export type StatsFiltersProps = {
  values: StatsFilterValues;
  technicians: readonly PublicUser[];
  categories: readonly string[];
  onChange(values: StatsFilterValues): void;
};

const orNull = (value: string): string | null => (value === '' ? null : value);

/** Tier, category and technician, each "All" by default; the options come from the cache. */
export const StatsFilters = ({ values, technicians, categories, onChange }: StatsFiltersProps) => {
  const { t, i18n } = useTranslation('stats');
  const sortedTechnicians = [...technicians].sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.language));
  return (
    <div className="stats-filters">
      <label>
        {t('filters.tier')}
        <select
          value={values.tier ?? ''}
          onChange={(event) => {
            const tier = TIERS.find((candidate) => String(candidate) === event.target.value) ?? null;
            onChange({ ...values, tier });
          }}
        >
          <option value="">{t('filters.all')}</option>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {t('filters.tierValue', { tier })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.category')}
        <select value={values.category ?? ''} onChange={(event) => onChange({ ...values, category: orNull(event.target.value) })}>
          <option value="">{t('filters.all')}</option>
          {categories.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.technician')}
        <select value={values.technician ?? ''} onChange={(event) => onChange({ ...values, technician: orNull(event.target.value) })}>
          <option value="">{t('filters.all')}</option>
          {sortedTechnicians.map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
};
