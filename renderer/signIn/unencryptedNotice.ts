import type { AppInfo } from '../../shared/ipc/contract';
import { transportOf } from '../../shared/network/transportSecurity';

/**
 * What the desktop sign-in card says about its server's connection: nothing for https or this
 * machine; for plain http to another machine a warning and the "Allow an unencrypted connection"
 * choice (`ask`), or the warning and that it was allowed here before (`allowed`). The main process
 * applies the same rule (shared/network/transportSecurity.ts) and refuses without the choice.
 */
export type UnencryptedNotice = 'none' | 'ask' | 'allowed';

export const unencryptedNoticeFor = (info: Pick<AppInfo, 'serverUrl' | 'isUnencryptedAllowed'> | null): UnencryptedNotice => {
  if (info === null) return 'none';
  let url: URL;
  try {
    url = new URL(info.serverUrl);
  } catch {
    return 'none';
  }
  if (transportOf(url) !== 'unencrypted') return 'none';
  return info.isUnencryptedAllowed ? 'allowed' : 'ask';
};
