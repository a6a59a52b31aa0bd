import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MejaDb } from '../db/database';
import { statsTransport } from './statsTransport';

// Lazy, so technicians (who never open it) never download the chart library.
const StatsView = lazy(() => import('./StatsView').then((module) => ({ default: module.StatsView })));

/** The header button that opens the statistics panel. */
export const StatsButton = ({ isOpen, onToggle }: { isOpen: boolean; onToggle(): void }) => {
  const { t } = useTranslation('stats');
  return (
    <button type="button" className={isOpen ? 'button primary' : 'button'} aria-pressed={isOpen} onClick={onToggle} aria-keyshortcuts="s">
      {t('open')} <kbd>S</kbd>
    </button>
  );
};

/** The panel in place of the queue, loaded on first open. */
export const StatsPanel = ({ db, onClose }: { db: MejaDb; onClose(): void }) => {
  const { t } = useTranslation('stats');
  const transport = useMemo(() => statsTransport(), []);
  return (
    <Suspense fallback={<p className="stats-loading">{t('loading')}</p>}>
      <StatsView db={db} transport={transport} onClose={onClose} />
    </Suspense>
  );
};
