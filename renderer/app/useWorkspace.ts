import type { PublicUser } from '../../shared/domain/records';
import type { Workspace } from '../sync/workspace';
import { useApp } from './store';

/** The signed-in workspace; only components under the signed-in console may call it. */
export const useWorkspace = (): Workspace => {
  const session = useApp((state) => state.session);
  if (session.status !== 'signed-in') throw new Error('useWorkspace is used while signed out');
  return session.workspace;
};

/**
 * The signed-in user's account as the cache last had it: read role and tier here, so a change an
 * admin makes shows without signing in again. `useWorkspace().user` is who signed in.
 */
export const useAccount = (): PublicUser => {
  const session = useApp((state) => state.session);
  if (session.status !== 'signed-in') throw new Error('useAccount is used while signed out');
  return session.account;
};
