import { ConsoleScreen } from '../console/ConsoleScreen';
import { desktopBridge } from '../desktop/bridge';
import { DesktopShell } from '../desktop/DesktopShell';
import { LoginScreen } from '../signIn/LoginScreen';
import { useApp } from './store';

/** Signed out: the login screen. Signed in: the console over the user's own cache. In the desktop app, its shell's events and messages too. */
export const App = () => {
  const session = useApp((state) => state.session);
  const bridge = desktopBridge();
  // Keyed by user, so nothing of one user's screen survives into another's.
  const screen = session.status === 'signed-in' ? <ConsoleScreen key={session.workspace.user.id} /> : <LoginScreen />;
  return bridge === null ? (
    screen
  ) : (
    <>
      <DesktopShell bridge={bridge} />
      {screen}
    </>
  );
};
