import { useEffect, useState } from 'react';
import type { AppInfo, MejaBridge } from '../../shared/ipc/contract';
import { fetchAppInfo } from './desktopServices';

/**
 * What the desktop shell says about itself; null in the web console and until it answers. Asked
 * afresh by each component that mounts (the sign-in card after each sign-out): the server and
 * whether plain http to it was allowed change with a sign-in.
 */
export const useAppInfo = (bridge: MejaBridge | null): AppInfo | null => {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    if (bridge === null) return undefined;
    let isCurrent = true;
    void fetchAppInfo(bridge).then((answer) => {
      if (isCurrent) setInfo(answer);
    });
    return () => {
      isCurrent = false;
    };
  }, [bridge]);
  return info;
};
