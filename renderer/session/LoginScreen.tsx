import { useApp } from '../app/store';
import { LoginForm } from './LoginForm';

export const LoginScreen = () => {
  const session = useApp((state) => state.session);
  const signIn = useApp((state) => state.signIn);
  const error = session.status === 'signed-out' ? session.error : null;
  const isBusy = session.status === 'signed-out' && session.isBusy;
  return <LoginForm error={error} isBusy={isBusy} onSubmit={(username, password) => void signIn(username, password)} />;
};
