import './accounts.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import type { AccountsTransport } from './accountsClient';
import { AccountsTable } from './AccountsTable';
import { ChangeAccountDialog } from './ChangeAccountDialog';
import { ConfirmActiveDialog } from './ConfirmActiveDialog';
import { failureText } from './failureText';
import { NewAccountDialog } from './NewAccountDialog';
import { SetPasswordDialog } from './SetPasswordDialog';
import { useAccounts } from './useAccounts';
import { useEscapeBack } from '../components/useEscapeBack';
import { ViewTop } from '../components/ViewTop';

export type AccountsViewProps = { transport: AccountsTransport; selfId: string; onClose(): void };

type OpenDialog =
  { kind: 'none' } | { kind: 'new' } | { kind: 'change'; user: PublicUser } | { kind: 'password'; user: PublicUser } | { kind: 'active'; user: PublicUser };

/**
 * The administrator's accounts: the list from the server, a form to create one, and changes to
 * role, tier and state, and a new password for someone who forgot theirs. Everything goes straight to the server; offline it says so and keeps nothing.
 */
export const AccountsView = ({ transport, selfId, onClose }: AccountsViewProps) => {
  const { t } = useTranslation('accounts');
  const accounts = useAccounts(transport);
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  useEscapeBack(onClose);
  const done = (user: PublicUser, text: string) => {
    accounts.put(user);
    setNotice(text);
    setDialog({ kind: 'none' });
  };
  const close = () => setDialog({ kind: 'none' });
  return (
    <section className="accounts-view" aria-labelledby="accounts-title">
      <ViewTop area="accounts" title={t('title')} closeLabel={t('close')} onClose={onClose}>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: 'new' })}>
          {t('newAccount')}
        </button>
        <button type="button" className="button" onClick={accounts.reload} disabled={accounts.isLoading}>
          {t('reload')}
        </button>
      </ViewTop>
      {notice !== null && (
        <p className="accounts-banner ok" role="status">
          {notice}
        </p>
      )}
      {accounts.failure !== null && !accounts.isLoading && (
        <div className={accounts.failure.kind === 'offline' ? 'accounts-banner offline' : 'accounts-banner error'} role="alert">
          <span>{failureText(accounts.failure, t)}</span>
          <button type="button" className="button small" onClick={accounts.reload}>
            {t('retry')}
          </button>
        </div>
      )}
      {accounts.users === null ? (
        accounts.isLoading && <p className="accounts-loading">{t('loading')}</p>
      ) : (
        <AccountsTable
          users={accounts.users}
          selfId={selfId}
          onChange={(user) => setDialog({ kind: 'change', user })}
          onSetPassword={(user) => setDialog({ kind: 'password', user })}
          onToggleActive={(user) => setDialog({ kind: 'active', user })}
        />
      )}
      {dialog.kind === 'new' && (
        <NewAccountDialog transport={transport} onClose={close} onCreated={(user) => done(user, t('created', { username: user.username }))} />
      )}
      {dialog.kind === 'change' && (
        <ChangeAccountDialog
          user={dialog.user}
          transport={transport}
          onClose={close}
          onChanged={(user) => done(user, t('changed', { username: user.username }))}
        />
      )}
      {dialog.kind === 'password' && (
        <SetPasswordDialog
          user={dialog.user}
          isSelf={dialog.user.id === selfId}
          transport={transport}
          onClose={close}
          onSet={(user) => done(user, user.id === selfId ? t('passwordSetSelf') : t('passwordSet', { username: user.username }))}
        />
      )}
      {dialog.kind === 'active' && (
        <ConfirmActiveDialog
          user={dialog.user}
          transport={transport}
          onClose={close}
          onChanged={(user) => done(user, user.active ? t('reactivated', { username: user.username }) : t('deactivated', { username: user.username }))}
        />
      )}
    </section>
  );
};
