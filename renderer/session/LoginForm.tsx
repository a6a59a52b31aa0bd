import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageMenu } from '../console/LanguageMenu';
import { loginErrorText } from './authMessages';
import './login.css';

export type LoginFormProps = {
  error: string | null;
  isBusy: boolean;
  /** The server the desktop app signs in to; null in the web console (it is the page's own). */
  serverUrl?: string | null;
  onSubmit(username: string, password: string): void;
};

/** The sign-in card. Props only: the session slice decides what happens. */
export const LoginForm = ({ error, isBusy, serverUrl = null, onSubmit }: LoginFormProps) => {
  const { t } = useTranslation('shell');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(username, password);
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
        <h1 id="login-heading">{t('login.heading')}</h1>
        {serverUrl !== null && serverUrl !== '' && <p className="login-server">{t('login.server', { url: serverUrl })}</p>}
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="login-error">
            {loginErrorText(error, t)}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={isBusy || username.trim() === '' || password === ''}>
          {isBusy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
};
