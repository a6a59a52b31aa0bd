import { useTranslation } from 'react-i18next';
import { CopyButton } from '../components/CopyButton';

export type CreatedTicketProps = {
  code: string;
  ticketNumber: number | null;
  title: string;
  /** What became of the link to an earlier ticket of the caller's, if one was picked. */
  linkNote?: { text: string; isRefused: boolean } | null;
  onOpen(): void;
  onAnother(): void;
  onClose(): void;
};

/** Shown right after creation: the code to read to the caller, and the number once the server has it. */
export const CreatedTicket = ({ code, ticketNumber, title, linkNote = null, onOpen, onAnother, onClose }: CreatedTicketProps) => {
  const { t } = useTranslation('call');
  return (
    <div className="created-ticket" data-testid="created-ticket">
      <p className="created-lead">{t('created.lead')}</p>
      <p className="created-code">
        <span className="mono" data-testid="created-code">
          {code}
        </span>
        <CopyButton text={code} label={t('created.copyCode')} />
      </p>
      <dl className="facts">
        <dt>{t('created.number')}</dt>
        <dd data-testid="created-number" className={ticketNumber === null ? 'muted' : undefined}>
          {/* A ticket number is an identifier: never grouped like a quantity. */}
          {ticketNumber === null ? t('created.notSynced') : `#${ticketNumber}`}
        </dd>
        <dt>{t('created.title')}</dt>
        <dd>{title}</dd>
      </dl>
      {linkNote !== null && (
        <p className={linkNote.isRefused ? 'form-error' : 'created-link'} role={linkNote.isRefused ? 'alert' : 'status'} data-testid="created-link">
          {linkNote.text}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onAnother}>
          {t('created.another')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('created.close')}
        </button>
        <button type="button" className="button primary" onClick={onOpen}>
          {t('created.open')}
        </button>
      </div>
    </div>
  );
};
