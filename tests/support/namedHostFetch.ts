import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit, type Response as UndiciResponse } from 'undici';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A fetch that finds the made-up host names in `hosts` (e.g. `meja.office.test`) at the loopback
 * addresses given, as a line in /etc/hosts would: the request still goes over a real socket to a
 * real server on this machine, but the URL names another machine, so code that judges a URL by
 * its host (plain http to another machine) sees what it would see in an office. Any other name
 * fails to resolve, so nothing leaves this machine.
 */
export const namedHostFetch = (hosts: Record<string, string>) => {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const address = hosts[hostname];
    if (address === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      return;
    }
    const found = { address, family: address.includes(':') ? 6 : 4 };
    if (options.all === true) callback(null, [found]);
    else callback(null, found.address, found.family);
  };
  const agent = new Agent({ connect: { lookup } });
  const requests: string[] = [];
  return {
    fetch: (url: string, init?: UndiciRequestInit): Promise<UndiciResponse> => {
      requests.push(url);
      return undiciFetch(url, { ...init, dispatcher: agent });
    },
    /** Every URL asked for, in order. */
    requests,
    close: () => agent.close(),
  };
};
