import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem, ticketName, type LinkKind } from '../../shared/domain/links';
import type { Ticket } from '../../shared/domain/ticket';
import { LinkForm, type LinkFormProps } from './LinkForm';
import type { ActionOutcome } from './TicketActions';
import { statusLabel } from './ticketLabels';
import type { LinkGroups, LinkRow } from './ticketLinks';

export type LinksSectionProps = {
  ticket: Pick<Ticket, 'id' | 'links' | 'isProblem'>;
  groups: LinkGroups;
  /** What the ticket may be offered about the problem mark (problemMarkOffer). */
  markOffer: 'mark' | 'unmark' | null;
  find: LinkFormProps['find'];
  onOpen(ticketId: string): void;
  onLink(otherId: string, kind: LinkKind): Promise<ActionOutcome>;
  onUnlink(otherId: string): Promise<ActionOutcome>;
  onMarkProblem(isProblem: boolean): Promise<ActionOutcome>;
  /** Resolves a duplicate by reference to its original; null when not offered (no original, or not open). */
  onResolveAsDuplicate: (() => Promise<ActionOutcome>) | null;
};

/** A problem may have hundreds of incidents: the list shows this many, the counts all of them. */
const SHOWN = 50;

const LinkList = ({
  label,
  rows,
  onOpen,
  onUnlink,
  testId,
}: {
  label: string;
  rows: readonly LinkRow[];
  onOpen(id: string): void;
  onUnlink(id: string): void;
  testId: string;
}) => {
  const { t } = useTranslation('ticket');
  return (
    <ul className="link-list" aria-label={label} data-testid={testId}>
      {rows.slice(0, SHOWN).map((row) => {
        const code = row.ticket?.code ?? row.id;
        return (
          <li key={row.id} className="link-row" data-testid="link-row" data-kind={row.kind}>
            <button type="button" className="link-open mono" aria-label={t('links.openTicket', { name: code })} onClick={() => onOpen(row.id)}>
              {code}
            </button>
            {row.ticket === null ? (
              <span className="muted link-title">{t('links.notCached')}</span>
            ) : (
              <>
                {row.ticket.number !== null && <span className="muted">{ticketName(row.ticket)}</span>}
                <span className="link-title">{row.ticket.title}</span>
                <span className={`badge status-${row.ticket.status}`} data-testid="link-status" data-status={row.ticket.status}>
                  {statusLabel(t, row.ticket.status)}
                </span>
              </>
            )}
            <button type="button" className="tag-remove" aria-label={t('links.unlink', { name: code })} onClick={() => onUnlink(row.id)}>
              ×
            </button>
          </li>
        );
      })}
      {rows.length > SHOWN && <li className="muted">{t('links.more', { count: rows.length - SHOWN })}</li>}
    </ul>
  );
};

/**
 * A ticket's links: its problem or its incidents (with how many are still open), its original or
 * its duplicates, related tickets; each opens with a click and can be unlinked. "Link…" (Alt+L)
 * picks another ticket from the cache; "Mark as problem"; "Resolve as duplicate". Props only.
 */
export const LinksSection = ({ ticket, groups, markOffer, find, onOpen, onLink, onUnlink, onMarkProblem, onResolveAsDuplicate }: LinksSectionProps) => {
  const { t } = useTranslation('ticket');
  const [isLinking, setLinking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const linkButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyL') return;
      event.preventDefault();
      setRefusal(null);
      setLinking(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const attempt = async (run: () => Promise<ActionOutcome>) => setRefusal(await run());
  const unlink = (id: string) => void attempt(() => onUnlink(id));
  const closeForm = () => {
    setLinking(false);
    linkButton.current?.focus();
  };
  const { problem, original, incidents, duplicates, related } = groups;
  const hasAny = problem !== null || original !== null || incidents.length + duplicates.length + related.length > 0;
  return (
    <section className="detail-links" aria-labelledby="detail-links-label" data-testid="detail-links">
      <div className="detail-links-head">
        <h3 id="detail-links-label" className="detail-tags-label">
          {t('links.label')}
        </h3>
        {isProblem(ticket) && (
          <span className="badge problem-badge" data-testid="problem-badge">
            {t('links.problemBadge')}
          </span>
        )}
        <button
          ref={linkButton}
          type="button"
          className="button small"
          aria-expanded={isLinking}
          aria-keyshortcuts="Alt+L"
          onClick={() => setLinking(!isLinking)}
        >
          {t('links.link')}
        </button>
        {markOffer !== null && (
          <button type="button" className="button small" onClick={() => void attempt(() => onMarkProblem(markOffer === 'mark'))}>
            {markOffer === 'mark' ? t('links.markProblem') : t('links.unmarkProblem')}
          </button>
        )}
      </div>
      {isLinking && <LinkForm find={find} onLink={onLink} onClose={closeForm} />}
      {!hasAny && !isProblem(ticket) && <p className="muted link-none">{t('links.none')}</p>}
      {isProblem(ticket) && (
        <div className="link-group">
          <h4>
            {t('links.incidents')}{' '}
            <span className="muted" data-testid="incident-count">
              {t('links.incidentCount', { count: incidents.length, open: groups.openIncidents })}
            </span>
          </h4>
          {incidents.length > 0 && <LinkList label={t('links.incidents')} rows={incidents} onOpen={onOpen} onUnlink={unlink} testId="link-incidents" />}
        </div>
      )}
      {problem !== null && (
        <div className="link-group">
          <h4>{t('links.problem')}</h4>
          <LinkList label={t('links.problem')} rows={[problem]} onOpen={onOpen} onUnlink={unlink} testId="link-problem" />
        </div>
      )}
      {original !== null && (
        <div className="link-group">
          <h4>{t('links.original')}</h4>
          <LinkList label={t('links.original')} rows={[original]} onOpen={onOpen} onUnlink={unlink} testId="link-original" />
          {onResolveAsDuplicate !== null && (
            <button type="button" className="button small" onClick={() => void attempt(onResolveAsDuplicate)}>
              {t('links.resolveAsDuplicate')}
            </button>
          )}
        </div>
      )}
      {duplicates.length > 0 && (
        <div className="link-group">
          <h4>{t('links.duplicates')}</h4>
          <LinkList label={t('links.duplicates')} rows={duplicates} onOpen={onOpen} onUnlink={unlink} testId="link-duplicates" />
        </div>
      )}
      {related.length > 0 && (
        <div className="link-group">
          <h4>{t('links.related')}</h4>
          <LinkList label={t('links.related')} rows={related} onOpen={onOpen} onUnlink={unlink} testId="link-related" />
        </div>
      )}
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="links-refusal">
          {refusal}
        </p>
      )}
    </section>
  );
};
