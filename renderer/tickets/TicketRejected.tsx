import { useRetryDiscard } from '../components/useRetryDiscard';
import { useTranslation } from 'react-i18next';
import type { RejectedBanner } from './rejectedBanner';
import type { ActionOutcome } from './TicketActions';

export type TicketRejectedProps = {
  banners: readonly RejectedBanner[];
  onRetry(id: string): Promise<ActionOutcome>;
  onDiscard(id: string): Promise<void>;
};

const Banner = ({ banner, onRetry, onDiscard }: { banner: RejectedBanner } & Omit<TicketRejectedProps, 'banners'>) => {
  const { t } = useTranslation('ticket');
  const { isBusy, stillRefused, retry, discard } = useRetryDiscard(
    () => onRetry(banner.id),
    () => onDiscard(banner.id),
  );
  return (
    <div className="rejected-banner" role="alert" data-testid="rejected-banner">
      <p className="rejected-banner-what">
        <strong>{banner.what}</strong> <span className="muted">{t('rejected.at', { time: banner.at })}</span>
      </p>
      <p className="rejected-banner-reason">{t('rejected.reason', { message: banner.reason })}</p>
      {banner.serverHas !== null && (
        <p className="rejected-banner-server" data-testid="rejected-server">
          {banner.serverHas}
        </p>
      )}
      {stillRefused !== null && <p className="rejected-banner-reason">{t('rejected.retryRefused', { message: stillRefused })}</p>}
      <div className="rejected-banner-actions">
        <button type="button" className="button small" disabled={isBusy} onClick={retry}>
          {t('rejected.retry')}
        </button>
        <button type="button" className="button small" disabled={isBusy} onClick={discard}>
          {t('rejected.discard')}
        </button>
      </div>
    </div>
  );
};

/** Changes to this ticket the server refused: what, why, what the server has now, and Retry or Discard. Never dropped silently. */
export const TicketRejected = ({ banners, onRetry, onDiscard }: TicketRejectedProps) => {
  const { t } = useTranslation('ticket');
  if (banners.length === 0) return null;
  return (
    <section className="rejected-banners" aria-label={t('rejected.heading')}>
      {banners.map((banner) => (
        <Banner key={banner.id} banner={banner} onRetry={onRetry} onDiscard={onDiscard} />
      ))}
    </section>
  );
};
