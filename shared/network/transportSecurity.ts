/**
 * The parts of a parsed WHATWG URL this rule reads; `new URL(...)` in every runtime satisfies it.
 * WHATWG parsing matters: it lower-cases the host, writes IPv4 in dotted decimal (`127.1`,
 * `0x7f.1` and `2130706433` all become `127.0.0.1`) and IPv6 in its shortest form in brackets
 * (`[0:0::1]` becomes `[::1]`), so the checks below see one spelling per address.
 */
export type UrlParts = { protocol: string; hostname: string };

/**
 * How a connection to a URL travels:
 * - `encrypted`: https, safe on any network;
 * - `loopback`: plain http to this machine (127.0.0.0/8, ::1, localhost), which never reaches a
 *   network that someone else could read;
 * - `unencrypted`: plain http to another machine: a password, a token and every ticket cross the
 *   network in clear, readable and changeable by anyone on the path;
 * - `unsupported`: any other scheme.
 */
export type Transport = 'encrypted' | 'loopback' | 'unencrypted' | 'unsupported';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a WHATWG-parsed host name is this machine. Names other than `localhost` could resolve anywhere. */
export const isLoopbackHost = (hostname: string): boolean => hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname);

export const transportOf = (url: UrlParts): Transport => {
  if (url.protocol === 'https:') return 'encrypted';
  if (url.protocol !== 'http:') return 'unsupported';
  return isLoopbackHost(url.hostname) ? 'loopback' : 'unencrypted';
};

/** Whether a secret may be sent to this URL without asking anyone: https anywhere, http on this machine only. */
export const isSafeTransport = (url: UrlParts): boolean => {
  const transport = transportOf(url);
  return transport === 'encrypted' || transport === 'loopback';
};
