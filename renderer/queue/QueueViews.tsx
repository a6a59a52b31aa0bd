import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format/numbers';
import type { BuiltInViewId, QueueView } from './savedViews';

export type ViewItem = { view: QueueView; builtIn: BuiltInViewId | null; count: number | null };

export type QueueViewsProps = {
  items: readonly ViewItem[];
  activeId: string | null;
  onChoose(view: QueueView): void;
  onSave(name: string): void;
  onDelete(id: string): void;
};

/** Built-in and saved views, each with its live count; choosing one replaces the filters. */
export const QueueViews = ({ items, activeId, onChoose, onSave, onDelete }: QueueViewsProps) => {
  const { t, i18n } = useTranslation('queue');
  const [name, setName] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name !== null && name.trim() !== '') onSave(name.trim());
    setName(null);
  };
  return (
    <nav className="queue-views" aria-label={t('views')}>
      {items.map(({ view, builtIn, count }) => {
        const label = builtIn === null ? (view.name ?? '') : t(`view.${builtIn}`);
        return (
          <span key={view.id} className="view-item">
            <button
              type="button"
              className="view-chip"
              aria-pressed={view.id === activeId}
              aria-keyshortcuts={builtIn === 'following' ? 'F' : undefined}
              data-view={view.id}
              onClick={() => onChoose(view)}
            >
              <span className="view-name">{label}</span>
              <span className="view-count" data-testid={`view-count-${view.id}`}>
                {count === null ? '…' : formatNumber(count, i18n.language)}
              </span>
            </button>
            {builtIn === null && (
              <button type="button" className="view-delete" aria-label={t('deleteView', { name: label })} onClick={() => onDelete(view.id)}>
                ×
              </button>
            )}
          </span>
        );
      })}
      {name === null ? (
        <button type="button" className="button small ghost" onClick={() => setName('')}>
          + {t('saveView')}
        </button>
      ) : (
        <form className="view-save" onSubmit={submit}>
          <input
            aria-label={t('saveViewName')}
            value={name}
            autoFocus
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setName(null);
            }}
          />
          <button type="submit" className="button small primary">
            {t('saveView')}
          </button>
        </form>
      )}
    </nav>
  );
};
