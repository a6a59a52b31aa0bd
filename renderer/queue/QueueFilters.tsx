import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { PRIORITIES, STATUSES, TIERS } from '../../shared/domain/ticket';
import type { QueueFilter } from './queueFilter';
import { useCategoryLabel } from '../tickets/categoryLabel';
import { priorityLabel, slaLabel, statusLabel } from '../tickets/ticketLabels';

const SLA_STATES = ['breached', 'near', 'ok', 'paused', 'met'] as const;
const SEVERAL = '__several';

type FacetProps = { label: string; values: readonly string[]; options: ReadonlyArray<{ value: string; label: string }>; onChange(values: string[]): void };

/** One facet as a compact select: any, one value, or (set by a view) several. */
const Facet = ({ label, values, options, onChange }: FacetProps) => {
  const { t } = useTranslation('queue');
  const value = values.length === 0 ? '' : values.length === 1 ? (values[0] ?? '') : SEVERAL;
  return (
    <label className={values.length === 0 ? 'facet' : 'facet is-active'}>
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value === '' ? [] : [event.target.value])}>
        <option value="">{t('any')}</option>
        {values.length > 1 && (
          <option value={SEVERAL} disabled>
            {t('several', { count: values.length })}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
};

export type QueueFiltersProps = {
  filter: QueueFilter;
  categories: readonly string[];
  staff: readonly PublicUser[];
  onChange(filter: QueueFilter): void;
};

const pick = <T extends string | number>(allowed: readonly T[], values: readonly string[]): T[] => allowed.filter((item) => values.includes(String(item)));

export const QueueFilters = ({ filter, categories, staff, onChange }: QueueFiltersProps) => {
  const { t } = useTranslation('queue');
  const { t: ticketT } = useTranslation('ticket');
  const categoryLabel = useCategoryLabel();
  return (
    <div className="queue-filters" role="group" aria-label={t('filters')}>
      <Facet
        label={t('facet.status')}
        values={filter.statuses}
        options={STATUSES.map((value) => ({ value, label: statusLabel(ticketT, value) }))}
        onChange={(values) => onChange({ ...filter, statuses: pick(STATUSES, values), doneWithinDays: null })}
      />
      <Facet
        label={t('facet.tier')}
        values={filter.tiers.map(String)}
        options={TIERS.map((tier) => ({ value: String(tier), label: `T${tier}` }))}
        onChange={(values) => onChange({ ...filter, tiers: pick(TIERS, values) })}
      />
      <Facet
        label={t('facet.assignee')}
        values={filter.assignees}
        options={[
          { value: 'me', label: t('me') },
          { value: 'unassigned', label: t('unassigned') },
          ...staff.map((user) => ({ value: user.id, label: user.displayName })),
        ]}
        onChange={(values) => onChange({ ...filter, assignees: values })}
      />
      <Facet
        label={t('facet.priority')}
        values={filter.priorities}
        options={PRIORITIES.map((value) => ({ value, label: priorityLabel(ticketT, value) }))}
        onChange={(values) => onChange({ ...filter, priorities: pick(PRIORITIES, values) })}
      />
      <Facet
        label={t('facet.category')}
        values={filter.categories}
        options={categories.map((value) => ({ value, label: categoryLabel(value) }))}
        onChange={(values) => onChange({ ...filter, categories: values })}
      />
      <Facet
        label={t('facet.sla')}
        values={filter.sla}
        options={SLA_STATES.map((value) => ({ value, label: slaLabel(ticketT, value) }))}
        onChange={(values) => onChange({ ...filter, sla: pick(SLA_STATES, values) })}
      />
    </div>
  );
};
