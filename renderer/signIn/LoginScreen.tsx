import { useApp } from '../app/store';
import { desktopBridge } from '../desktop/bridge';
import { useAppInfo } from '../desktop/useAppInfo';
import { LoginForm } from './LoginForm';
import { unencryptedNoticeFor } from './unencryptedNotice';

export const LoginScreen = () => {
  const session = useApp((state) => state.session);
  const signIn = useApp((state) => state.signIn);
  const error = session.status === 'signed-out' ? session.error : null;
  const isBusy = session.status === 'signed-out' && session.isBusy;
  // The desktop app signs in to the server it was set up for; the technician sees which.
  const appInfo = useAppInfo(desktopBridge());
  return (
    <LoginForm
      error={error}
      isBusy={isBusy}
      serverUrl={appInfo?.serverUrl ?? null}
      unencrypted={unencryptedNoticeFor(appInfo)}
      onSubmit={(username, password, options) => void signIn(username, password, options)}
    />
  );
};
