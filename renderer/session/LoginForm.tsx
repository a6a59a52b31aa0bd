import { useState, type FormEvent } from 'react';

export type LoginFormProps = {
  error: string | null;
  isBusy: boolean;
  onSubmit(username: string, password: string): void;
};

/** The sign-in card. Props only: the session slice decides what happens. */
export const LoginForm = ({ error, isBusy, onSubmit }: LoginFormProps) => {
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
        </div>
        <h1 id="login-heading">Sign in to the help desk</h1>
        <label className="field">
          <span>Username</span>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={isBusy || username.trim() === '' || password === ''}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
};
