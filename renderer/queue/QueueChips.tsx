import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import { EMPTY_FILTER, type QueueFilter, type TimeRange } from './queueFilter';
import { formatDate } from '../../shared/format/dates';

/** How many tags the facet shows; the most used first (the search finds the rest). */
const SHOWN_TAGS = 20;

export type TagFacetProps = {
  tags: ReadonlyArray<{ tag: string; count: number }>;
  filter: QueueFilter;
  onChange(filter: QueueFilter): void;
};

/** The cached tickets' tags as chips with their counts; a chip pressed keeps tickets with that tag (any of those pressed). */
/** Memoised: its props stay the same through most edits and live changes, which re-render the queue. */
export const TagFacet = memo(({ tags, filter, onChange }: TagFacetProps) => {
  const { t } = useTranslation('queue');
  if (tags.length === 0) return null;
  const toggle = (tag: string) =>
    onChange({ ...filter, tags: filter.tags.includes(tag) ? filter.tags.filter((chosen) => chosen !== tag) : [...filter.tags, tag] });
  return (
    <div className="tag-facet" role="group" aria-label={t('tags')}>
      <span className="tag-facet-label">{t('tags')}</span>
      {tags.slice(0, SHOWN_TAGS).map(({ tag, count }) => (
        <button
          key={tag}
          type="button"
          className="tag-chip toggle"
          aria-pressed={filter.tags.includes(tag)}
          aria-label={t('tagFilter', { tag, count })}
          data-tag={tag}
          onClick={() => toggle(tag)}
        >
          {t('tagChip', { tag, count })}
        </button>
      ))}
    </div>
  );
});

/** A range's days as the statistics show periods: in UTC, the last day shown being the one before `toMs`. */
const days = (range: TimeRange, locale: string): { from: string; to: string } => ({
  from: formatDate(range.fromMs, locale, { timeZone: 'UTC' }),
  to: formatDate(range.toMs - 1, locale, { timeZone: 'UTC' }),
});

export type ActiveFiltersProps = {
  filter: QueueFilter;
  users: ReadonlyMap<string, PublicUser>;
  /** Timelines are still being read for the resolver filter: the count may still grow. */
  isCrediting: boolean;
  onChange(filter: QueueFilter): void;
};

/**
 * The parts of the filter the facets above cannot show (a figure of the statistics opened here:
 * opened or resolved in a period, resolved by someone; and the tags), each as a chip that removes it.
 */
export const ActiveFilters = ({ filter, users, isCrediting, onChange }: ActiveFiltersProps) => {
  const { t, i18n } = useTranslation('queue');
  const chips: Array<{ key: string; label: string; without: QueueFilter }> = [];
  if (filter.createdIn !== null)
    chips.push({ key: 'created', label: t('active.createdIn', days(filter.createdIn, i18n.language)), without: { ...filter, createdIn: null } });
  if (filter.resolvedIn !== null)
    chips.push({ key: 'resolved', label: t('active.resolvedIn', days(filter.resolvedIn, i18n.language)), without: { ...filter, resolvedIn: null } });
  for (const id of filter.resolvers) {
    const name = users.get(id)?.displayName ?? id;
    chips.push({
      key: `resolver-${id}`,
      label: t('active.resolver', { name }),
      without: { ...filter, resolvers: filter.resolvers.filter((other) => other !== id) },
    });
  }
  for (const tag of filter.tags)
    chips.push({ key: `tag-${tag}`, label: t('active.tag', { tag }), without: { ...filter, tags: filter.tags.filter((other) => other !== tag) } });
  if (chips.length === 0) return null;
  return (
    <div className="active-filters" role="group" aria-label={t('active.label')} aria-busy={isCrediting}>
      {chips.map((chip) => (
        <span key={chip.key} className="filter-chip" data-testid={`filter-chip-${chip.key}`}>
          {chip.label}
          <button type="button" className="filter-chip-remove" aria-label={t('active.remove', { filter: chip.label })} onClick={() => onChange(chip.without)}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="button small ghost" onClick={() => onChange({ ...EMPTY_FILTER, search: filter.search })}>
        {t('active.clear')}
      </button>
    </div>
  );
};
