import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageMenu } from '../console/LanguageMenu';
import { signInErrorText, type SignInError } from './signInError';
import type { UnencryptedNotice } from './unencryptedNotice';
import './signIn.css';

export type LoginFormProps = {
  error: SignInError | null;
  isBusy: boolean;
  /** The server the desktop app signs in to; null in the web console (it is the page's own). */
  serverUrl?: string | null;
  /** Whether that server is plain http to another machine, and if so whether it was allowed here. */
  unencrypted?: UnencryptedNotice;
  /** `allowUnencrypted`: the technician ticked "Allow an unencrypted connection to this server". */
  onSubmit(username: string, password: string, options: { allowUnencrypted: boolean }): void;
};

/** The sign-in card. Props only: the session slice decides what happens. */
export const LoginForm = ({ error, isBusy, serverUrl = null, unencrypted = 'none', onSubmit }: LoginFormProps) => {
  const { t } = useTranslation('signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Never ticked for the technician: the consent has to be given by hand.
  const [allowUnencrypted, setAllowUnencrypted] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(username, password, { allowUnencrypted: unencrypted === 'ask' && allowUnencrypted });
  };
  return (
    <main className="login">
      <form className="login-card form" onSubmit={submit} aria-labelledby="login-heading">
        <div className="brand login-brand">
          <span className="brand-mark" aria-hidden="true">
            M
          </span>
          <span className="brand-name">Meja</span>
          {/* A technician picks the language before signing in, on a shared desk too. */}
          <span className="login-language">
            <LanguageMenu />
          </span>
        </div>
        <h1 id="login-heading">{t('heading')}</h1>
        {serverUrl !== null && serverUrl !== '' && <p className="login-server">{t('server', { url: serverUrl })}</p>}
        {unencrypted !== 'none' && (
          <p className="login-unencrypted" data-testid="login-unencrypted">
            {t('unencrypted.warning')}
            {unencrypted === 'allowed' && ` ${t('unencrypted.allowed')}`}
          </p>
        )}
        <label className="field">
          <span>{t('username')}</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {unencrypted === 'ask' && (
          <label className="login-allow-unencrypted">
            <input type="checkbox" name="allowUnencrypted" checked={allowUnencrypted} onChange={(e) => setAllowUnencrypted(e.target.checked)} />
            <span>{t('unencrypted.allow')}</span>
          </label>
        )}
        {error !== null && (
          <p className="form-error" role="alert" data-testid="login-error">
            {signInErrorText(error, t)}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={isBusy || username.trim() === '' || password === ''}>
          {isBusy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
};
