import { ConsoleScreen } from '../console/ConsoleScreen';
import { LoginScreen } from '../session/LoginScreen';
import { useApp } from './store';

/** Signed out: the login screen. Signed in: the console over the user's own cache. */
export const App = () => {
  const session = useApp((state) => state.session);
  // Keyed by user, so nothing of one user's screen survives into another's.
  return session.status === 'signed-in' ? <ConsoleScreen key={session.workspace.user.id} /> : <LoginScreen />;
};
