/**
 * The address to print for a server listening on `host:port`: a wildcard host is reached on
 * this machine at 127.0.0.1, an IPv6 host goes in brackets. `npm start` builds the same address
 * before the server answers, so the two never disagree about the scheme.
 */
export const serverUrl = ({ host, port, isHttps }: { host: string | undefined; port: number | string; isHttps: boolean }): string => {
  const name = host === undefined || host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${isHttps ? 'https' : 'http'}://${name}:${port}`;
};
