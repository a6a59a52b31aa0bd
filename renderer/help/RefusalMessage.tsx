import { useTranslation } from 'react-i18next';
import type { Refusal } from './helpApi';

/** What the page says when the server did not give what was asked. */
export const RefusalMessage = ({ refusal }: { refusal: Refusal }) => {
  const { t } = useTranslation('help');
  const text = refusal.kind === 'not-found' ? t('notFound') : refusal.kind === 'rate-limited' ? t('rateLimited', { count: refusal.seconds }) : t('failed');
  return (
    <p className={`track-message track-message-${refusal.kind}`} role="alert" data-testid="help-message">
      {text}
    </p>
  );
};
