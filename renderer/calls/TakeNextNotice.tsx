import './calls.css';
import { useTranslation } from 'react-i18next';
import { setTakeNextNotice, useTakeNextNotice, type TakeNextNotice as Notice } from './takeNextNotice';

export type TakeNextNoticeProps = { notice: Notice | null; onDismiss(): void };

/** Says why "Take next" gave no ticket, beside its button. */
export const TakeNextNotice = ({ notice, onDismiss }: TakeNextNoticeProps) => {
  const { t } = useTranslation('call');
  return (
    // The live region stays mounted so the message is announced when it appears.
    <div role="status" className="take-next-status">
      {notice !== null && (
        <p className="take-next-notice">
          <span data-testid="take-next-notice">
            {notice.kind === 'none' ? t('takeNext.none', { tier: notice.tier }) : t('takeNext.refused', { message: notice.message })}
          </span>
          <button type="button" className="icon-button" aria-label={t('takeNext.dismiss')} onClick={onDismiss}>
            ×
          </button>
        </p>
      )}
    </div>
  );
};

export const ConnectedTakeNextNotice = () => <TakeNextNotice notice={useTakeNextNotice()} onDismiss={() => setTakeNextNotice(null)} />;
