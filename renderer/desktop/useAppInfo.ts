import { useEffect, useState } from 'react';
import type { AppInfo, MejaBridge } from '../../shared/ipc/contract';
import { fetchAppInfo } from './desktopServices';

// Asked once per bridge: the answer does not change while the app runs.
const asked = new WeakMap<MejaBridge, Promise<AppInfo | null>>();

const appInfoOf = (bridge: MejaBridge): Promise<AppInfo | null> => {
  const known = asked.get(bridge);
  if (known !== undefined) return known;
  const answer = fetchAppInfo(bridge);
  asked.set(bridge, answer);
  return answer;
};

/** What the desktop shell says about itself; null in the web console and until it answers. */
export const useAppInfo = (bridge: MejaBridge | null): AppInfo | null => {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    if (bridge === null) return undefined;
    let isCurrent = true;
    void appInfoOf(bridge).then((answer) => {
      if (isCurrent) setInfo(answer);
    });
    return () => {
      isCurrent = false;
    };
  }, [bridge]);
  return info;
};
