import type { MejaBridge } from '../../shared/ipc/contract';
import { DesktopNotices } from './DesktopNotices';
import { useAppInfo } from './useAppInfo';
import { useDesktopEvents } from './useDesktopEvents';

/** The desktop app's part of the page: follows the shell's events and shows its messages. */
export const DesktopShell = ({ bridge }: { bridge: MejaBridge }) => {
  const info = useAppInfo(bridge);
  const { notice, dismiss } = useDesktopEvents(bridge);
  return <DesktopNotices secretStorage={info?.secretStorage ?? null} notice={notice} onDismissNotice={dismiss} />;
};
