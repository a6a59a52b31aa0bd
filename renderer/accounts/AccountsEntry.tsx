import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../desktop/bridge';
import { AccountsView } from './AccountsView';
import { createDesktopAccountsTransport } from './desktopTransport';
import { createWebAccountsTransport } from './webTransport';

/** The header button that opens the accounts view (admins only). */
export const AccountsButton = ({ isOpen, onToggle }: { isOpen: boolean; onToggle(): void }) => {
  const { t } = useTranslation('accounts');
  return (
    <button type="button" className={isOpen ? 'button primary' : 'button'} aria-pressed={isOpen} onClick={onToggle} aria-keyshortcuts="u">
      {t('open')} <kbd>U</kbd>
    </button>
  );
};

/** The view in place of the queue, with the way to the server this app has. */
export const AccountsPanel = ({ selfId, onClose }: { selfId: string; onClose(): void }) => {
  const transport = useMemo(() => {
    const bridge = desktopBridge();
    return bridge === null ? createWebAccountsTransport() : createDesktopAccountsTransport(bridge);
  }, []);
  return <AccountsView transport={transport} selfId={selfId} onClose={onClose} />;
};
