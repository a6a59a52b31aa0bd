import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ThemeSwitch } from '../theme/ThemeSwitch';
import { LanguageMenu } from './LanguageMenu';

export type UserMenuProps = {
  /** The signed-in person's name and role, shown on the button. */
  children: ReactNode;
  signOutLabel: string;
  onSignOut(): void;
};

/**
 * Language, theme and sign-out behind the user's name: chosen once in a while, so they leave the
 * header's width to the work (calls, sync state) even in the longer Indonesian labels.
 */
export const UserMenu = ({ children, signOutLabel, onSignOut }: UserMenuProps) => {
  const { t } = useTranslation('shell');
  const [isOpen, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!isOpen) return undefined;
    const closeOutside = (event: MouseEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target) !== true) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Escape also closes the open ticket; with the menu open it closes only the menu.
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', closeOutside);
    document.addEventListener('keydown', closeOnEscape, true);
    return () => {
      document.removeEventListener('mousedown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape, true);
    };
  }, [isOpen]);
  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user"
        data-testid="signed-in-user"
        aria-haspopup="true"
        aria-expanded={isOpen}
        title={t('userMenu.label')}
        onClick={() => setOpen(!isOpen)}
      >
        {children}
      </button>
      {isOpen && (
        <div className="user-menu-panel" role="group" aria-label={t('userMenu.label')}>
          <label className="user-menu-row">
            <span>{t('userMenu.language')}</span>
            <LanguageMenu />
          </label>
          <label className="user-menu-row">
            <span>{t('userMenu.theme')}</span>
            <ThemeSwitch />
          </label>
          <button type="button" className="button ghost user-menu-signout" onClick={onSignOut}>
            {signOutLabel}
          </button>
        </div>
      )}
    </div>
  );
};
