import { shell } from 'electron';
import type { RequestHandlers } from './ipc';

/** The one thing these handlers need of the window, so tests can pass a stand-in. */
export type TitledWindow = { setTitle(title: string): void };

const notYet =
  (what: string) =>
  (): never => {
    // Refusing beats a made-up answer: the page shows the reason.
    throw new Error(`${what} is not in the desktop shell yet`);
  };

/**
 * The handlers as they were before session, sync and log existed, for the start-up code that
 * still passes only the window. Delete this file once index.ts passes ShellDeps.
 */
export const shellHandlersForWindowOnly = (consoleWindow: () => TitledWindow | undefined): RequestHandlers => ({
  'app:info': notYet('the app information'),
  'session:get': notYet('the main-process session'),
  'session:signIn': notYet('the main-process session'),
  'session:signOut': notYet('the main-process session'),
  'sync:now': notYet('the main-process sync'),
  'sync:status': notYet('the main-process sync'),
  'sync:attach': notYet('the main-process sync'),
  'log:write': notYet('the main-process log'),
  'app:openExternal': async ({ url }) => {
    await shell.openExternal(url);
    return null;
  },
  'window:setTitleBadge': ({ pending }) => {
    consoleWindow()?.setTitle(pending > 0 ? `Meja (${pending})` : 'Meja');
    return null;
  },
});
