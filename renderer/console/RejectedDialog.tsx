import { useEffect, useId, useRef } from 'react';
import { useRetryDiscard } from '../components/useRetryDiscard';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import type { RejectedItem } from './rejectedItems';
import './rejectedDialog.css';

export type RejectedDialogProps = {
  items: readonly RejectedItem[];
  /** Sends the change again; resolves to the reason when it is refused again, else null. */
  onRetry(id: string): Promise<string | null>;
  onDiscard(id: string): Promise<void>;
  onOpenTicket(ticketId: string): void;
  onClose(): void;
};

type RowProps = { item: RejectedItem } & Pick<RejectedDialogProps, 'onRetry' | 'onDiscard' | 'onOpenTicket'>;

const RejectedRow = ({ item, onRetry, onDiscard, onOpenTicket }: RowProps) => {
  const { t } = useTranslation('shell');
  const { isBusy, stillRefused, retry, discard } = useRetryDiscard(
    () => onRetry(item.id),
    () => onDiscard(item.id),
  );
  const whatId = useId();
  return (
    <li className="rejected-item" data-testid="rejected-item" data-id={item.id}>
      <div className="rejected-head">
        {item.ticket === null ? (
          <span className="muted">{t('rejected.ticketNotCached')}</span>
        ) : (
          <button
            type="button"
            className="rejected-ticket"
            aria-label={t('rejected.openTicket', { code: item.ticket.code })}
            onClick={() => item.ticket !== null && onOpenTicket(item.ticket.id)}
          >
            <span className="mono">{item.ticket.code}</span> {item.ticket.title}
          </button>
        )}
        <span className="muted rejected-at">{t('rejected.madeAt', { time: item.at })}</span>
      </div>
      <p className="rejected-what" id={whatId}>
        <strong>{item.what}</strong>
      </p>
      <p className="rejected-reason">{item.reason}</p>
      {item.serverHas !== null && (
        <p className="rejected-server" data-testid="rejected-server">
          {item.serverHas}
        </p>
      )}
      {stillRefused !== null && (
        <p className="rejected-reason" role="status">
          {t('rejected.stillRefused', { message: stillRefused })}
        </p>
      )}
      <div className="rejected-actions">
        <button type="button" className="button small" aria-describedby={whatId} disabled={isBusy} onClick={retry}>
          {t('rejected.retry')}
        </button>
        <button type="button" className="button small" aria-describedby={whatId} disabled={isBusy} onClick={discard}>
          {t('rejected.discard')}
        </button>
      </div>
    </li>
  );
};

/** Changes the server refused, console-wide: the ticket, what, why, the server's value, Retry or Discard. Never dropped silently. */
export const RejectedDialog = ({ items, onRetry, onDiscard, onOpenTicket, onClose }: RejectedDialogProps) => {
  const { t } = useTranslation('shell');
  const body = useRef<HTMLDivElement>(null);
  // A row leaves with the button that had focus; keep focus in the list so the keyboard
  // (Tab to the next row, Escape to close) goes on working.
  useEffect(() => {
    const element = body.current;
    if (element === null || element.contains(document.activeElement)) return;
    (element.querySelector<HTMLElement>('.rejected-actions button') ?? element).focus();
  }, [items]);
  return (
    <Dialog title={t('rejected.title')} onClose={onClose} className="dialog-wide">
      <div ref={body} tabIndex={-1} className="rejected-body">
        {items.length === 0 ? (
          <p className="empty">{t('rejected.empty')}</p>
        ) : (
          <>
            <p className="muted rejected-intro">{t('rejected.intro')}</p>
            <ul className="rejected-list">
              {items.map((item) => (
                <RejectedRow key={item.id} item={item} onRetry={onRetry} onDiscard={onDiscard} onOpenTicket={onOpenTicket} />
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
};
