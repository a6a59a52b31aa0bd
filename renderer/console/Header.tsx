import '../calls/calls.css';
import type { PublicUser } from '../../shared/domain/records';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { UserMenu } from './UserMenu';

export type HeaderProps = {
  user: PublicUser;
  syncIndicator: ReactNode;
  /** Why the last "Take next" gave nothing, if it did. */
  notice: ReactNode;
  onNewTicket(): void;
  onAnswerCall(): void;
  /** Null for staff without a tier: they take no tickets from a queue. */
  onTakeNext: (() => void) | null;
  onSignOut(): void;
  /** Views beside the queue the user may open (statistics for supervisors), if any. */
  nav?: ReactNode;
};

const roleLabel = (user: PublicUser, t: TFunction<'call'>): string =>
  user.role === 'technician' && user.tier !== null
    ? t('header.role.tierTechnician', { tier: user.tier })
    : user.role === 'supervisor'
      ? t('header.role.supervisor')
      : user.role === 'admin'
        ? t('header.role.admin')
        : t('header.role.technician');

export const Header = ({ user, syncIndicator, notice, onNewTicket, onAnswerCall, onTakeNext, onSignOut, nav }: HeaderProps) => {
  const { t } = useTranslation('call');
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          M
        </span>
        <span className="brand-name">Meja</span>
        <span className="brand-sub">{t('header.brandSub')}</span>
      </div>
      <div className="header-calls">
        <button type="button" className="button primary" onClick={onAnswerCall} aria-keyshortcuts="a">
          {t('header.answerCall')} <kbd>A</kbd>
        </button>
        <button type="button" className="button" onClick={onNewTicket} aria-keyshortcuts="c">
          {t('header.newTicket')} <kbd>C</kbd>
        </button>
        {onTakeNext !== null && (
          <button type="button" className="button" onClick={onTakeNext} aria-keyshortcuts="n">
            {t('header.takeNext')} <kbd>N</kbd>
          </button>
        )}
      </div>
      {nav}
      {notice}
      <div className="header-spacer" />
      {syncIndicator}
      <UserMenu signOutLabel={t('header.signOut')} onSignOut={onSignOut}>
        <span className="user-name">{user.displayName}</span>
        <span className="user-role">{roleLabel(user, t)}</span>
      </UserMenu>
    </header>
  );
};
