import type { Workspace } from '../sync/workspace';
import { useApp } from './store';

/** The signed-in workspace; only components under the signed-in console may call it. */
export const useWorkspace = (): Workspace => {
  const session = useApp((state) => state.session);
  if (session.status !== 'signed-in') throw new Error('useWorkspace is used while signed out');
  return session.workspace;
};
