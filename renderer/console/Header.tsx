import type { PublicUser } from '../../shared/domain/records';
import type { ReactNode } from 'react';
import { ThemeSwitch } from '../theme/ThemeSwitch';
import { LanguageMenu } from './LanguageMenu';

export type HeaderProps = {
  user: PublicUser;
  syncIndicator: ReactNode;
  onNewTicket(): void;
  onSignOut(): void;
};

const roleLabel = (user: PublicUser): string => (user.role === 'technician' && user.tier !== null ? `Tier ${user.tier} technician` : user.role === 'supervisor' ? 'Supervisor' : user.role === 'admin' ? 'Administrator' : 'Technician');

export const Header = ({ user, syncIndicator, onNewTicket, onSignOut }: HeaderProps) => (
  <header className="app-header">
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        M
      </span>
      <span className="brand-name">Meja</span>
      <span className="brand-sub">Help desk</span>
    </div>
    <button type="button" className="button primary" onClick={onNewTicket} aria-keyshortcuts="c">
      New ticket <kbd>C</kbd>
    </button>
    <div className="header-spacer" />
    {syncIndicator}
    <LanguageMenu />
    <ThemeSwitch />
    <div className="user" data-testid="signed-in-user">
      <span className="user-name">{user.displayName}</span>
      <span className="user-role">{roleLabel(user)}</span>
    </div>
    <button type="button" className="button ghost" onClick={onSignOut}>
      Sign out
    </button>
  </header>
);
