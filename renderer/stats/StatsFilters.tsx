import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { normalizeTag } from '../../shared/domain/tags';
import { TIERS } from '../../shared/domain/ticket';
import { useCategoryLabel } from '../tickets/categoryLabel';
import type { StatsFilterValues } from './statsChoice';

export type StatsFiltersProps = {
  values: StatsFilterValues;
  technicians: readonly PublicUser[];
  categories: readonly string[];
  onChange(values: StatsFilterValues): void;
};

const orNull = (value: string): string | null => (value === '' ? null : value);

/**
 * The tag as typed, applied on Enter or on leaving the field (each change asks the server for
 * every figure again, so not on every key); compared as stored, so "VPN" finds "vpn".
 */
const TagFilter = ({ value, onChange }: { value: string | null; onChange(tag: string | null): void }) => {
  const { t } = useTranslation('stats');
  const [draft, setDraft] = useState(value ?? '');
  const commit = () => {
    const tag = orNull(normalizeTag(draft));
    setDraft(tag ?? '');
    if (tag !== value) onChange(tag);
  };
  return (
    <label>
      {t('filters.tag')}
      <input
        type="search"
        value={draft}
        placeholder={t('filters.tagPlaceholder')}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
    </label>
  );
};

/** Tier, category, tag and technician, each "All" by default; the options come from the cache. */
export const StatsFilters = ({ values, technicians, categories, onChange }: StatsFiltersProps) => {
  const { t, i18n } = useTranslation('stats');
  const categoryLabel = useCategoryLabel();
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
              {categoryLabel(category)}
            </option>
          ))}
        </select>
      </label>
      <TagFilter value={values.tag} onChange={(tag) => onChange({ ...values, tag })} />
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
