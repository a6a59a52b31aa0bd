import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretStorageKind } from '../../shared/ipc/contract';
import type { DesktopNotice } from './ticketLinks';
import './desktop.css';

export type DesktopNoticesProps = {
  secretStorage: SecretStorageKind | null;
  notice: DesktopNotice | null;
  onDismissNotice(): void;
};

const Banner = ({ text, tone, onDismiss }: { text: string; tone: 'warn' | 'info'; onDismiss(): void }) => {
  const { t } = useTranslation('shell');
  return (
    <div className={`desktop-banner ${tone}`} role="alert">
      <p>{text}</p>
      <button type="button" className="button" onClick={onDismiss}>
        {t('desktop.dismiss')}
      </button>
    </div>
  );
};

/** The desktop app's messages over the screen: a weak secret store, and links it could not follow. Props only. */
export const DesktopNotices = ({ secretStorage, notice, onDismissNotice }: DesktopNoticesProps) => {
  const { t } = useTranslation('shell');
  const [isSecretWarningDismissed, setSecretWarningDismissed] = useState(false);
  const secretText = secretStorage === 'plain-text' ? t('desktop.plainTextSecret') : secretStorage === 'unavailable' ? t('desktop.noSecretStorage') : null;
  const noticeText =
    notice === null
      ? null
      : notice.kind === 'signInFirst'
        ? t('desktop.signInFirst')
        : notice.kind === 'ticketNotCached'
          ? t('desktop.ticketNotCached', { code: notice.code })
          : notice.kind === 'ticketNotFound'
            ? t('desktop.ticketNotFound', { code: notice.code })
            : notice.kind === 'ticketNotRead'
              ? t('desktop.ticketNotRead', { code: notice.code, message: notice.message })
              : t('desktop.badTicketLink', { code: notice.code });
  if ((secretText === null || isSecretWarningDismissed) && noticeText === null) return null;
  return (
    <div className="desktop-notices">
      {secretText !== null && !isSecretWarningDismissed && <Banner text={secretText} tone="warn" onDismiss={() => setSecretWarningDismissed(true)} />}
      {noticeText !== null && <Banner text={noticeText} tone="info" onDismiss={onDismissNotice} />}
    </div>
  );
};
