import { useApp } from '../app/store';
import { desktopBridge } from '../desktop/bridge';
import { useAppInfo } from '../desktop/useAppInfo';
import { LoginForm } from './LoginForm';

export const LoginScreen = () => {
  const session = useApp((state) => state.session);
  const signIn = useApp((state) => state.signIn);
  const error = session.status === 'signed-out' ? session.error : null;
  const isBusy = session.status === 'signed-out' && session.isBusy;
  // The desktop app signs in to the server it was set up for; the technician sees which.
  const serverUrl = useAppInfo(desktopBridge())?.serverUrl ?? null;
  return <LoginForm error={error} isBusy={isBusy} serverUrl={serverUrl} onSubmit={(username, password) => void signIn(username, password)} />;
};
