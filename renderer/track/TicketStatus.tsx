import { useTranslation } from 'react-i18next';
import type { PublicTicketView } from '../../shared/domain/track';
import { formatDateTime } from '../../shared/format/dates';
import { noteParts } from './noteLinks';

type Props = { view: PublicTicketView; locale: string; isBusy: boolean; onRefresh: () => void };

/** What the caller may know of their ticket: its title, status in plain words, tier, last update, the resolution once resolved, public notes. */
export const TicketStatus = ({ view, locale, isBusy, onRefresh }: Props) => {
  const { t } = useTranslation('track');
  return (
    <section className="track-card" aria-labelledby="track-ticket-heading" data-testid="track-result">
      <div className="track-card-head">
        <h2 id="track-ticket-heading">{t('ticket', { code: view.code })}</h2>
        <button type="button" className="track-secondary" onClick={onRefresh} disabled={isBusy}>
          {t('checkAgain')}
        </button>
      </div>
      <dl className="track-facts">
        <div className="track-fact track-fact-wide">
          <dt>{t('titleLabel')}</dt>
          <dd className="track-title" data-testid="track-title">
            {view.title}
          </dd>
        </div>
        <div className="track-fact track-fact-wide">
          <dt>{t('statusLabel')}</dt>
          <dd>
            <span className={`track-status track-status-${view.status}`} data-testid="track-status">
              {t(`status.${view.status}`)}
            </span>
            <p className="track-status-help">{t(`statusHelp.${view.status}`)}</p>
          </dd>
        </div>
        <div className="track-fact">
          <dt>{t('tierLabel')}</dt>
          <dd data-testid="track-tier">{t(`tier.${view.tier}`)}</dd>
        </div>
        <div className="track-fact">
          <dt>{t('updatedLabel')}</dt>
          <dd data-testid="track-updated">
            <time dateTime={view.updatedAt}>{formatDateTime(view.updatedAt, locale, { showZone: true })}</time>
          </dd>
        </div>
      </dl>
      {view.resolution !== null && (
        <section className="track-resolution" aria-labelledby="track-resolution-heading" data-testid="track-resolution">
          <h3 id="track-resolution-heading">{t('resolutionTitle')}</h3>
          <p className="track-resolution-body">{view.resolution}</p>
        </section>
      )}
      <h3 className="track-notes-title">{t('notesTitle')}</h3>
      {view.publicNotes.length === 0 ? (
        <p className="track-muted">{t('noNotes')}</p>
      ) : (
        <ol className="track-notes" aria-label={t('notesTitle')}>
          {view.publicNotes.map((note, index) => (
            <li key={`${note.createdAt}-${index}`} className={note.fromCaller ? 'track-note track-note-from-caller' : 'track-note'}>
              <p className="track-note-meta">
                <span className="track-note-author">{note.fromCaller ? t('fromYou', { ns: 'trackAnswer' }) : note.author}</span>
                <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, locale, { showZone: true })}</time>
              </p>
              <p className="track-note-body">
                {noteParts(note.body, window.location.origin).map((part, at) =>
                  part.kind === 'help' ? (
                    <a key={at} href={part.href} data-testid="track-help-article-link">
                      {part.text}
                    </a>
                  ) : (
                    part.text
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
