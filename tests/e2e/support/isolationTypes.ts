/**
 * What the spec and the probes it installs in the page (tests/e2e/inPage/isolationProbes.ts)
 * agree on. Neither DOM nor Node here: both projects read this file.
 */

/** The probes live on `globalThis` under this symbol: a name-less key adds nothing `addedGlobals` would see. */
export const PROBES_KEY = 'meja.e2e.isolationProbes';

/** Every way tried to send a request to another origin; each asks for `<base>/v/<name>`. */
export const NETWORK_PROBES = [
  'fetch',
  'xhr',
  'websocket',
  'eventsource',
  'beacon',
  'ping',
  'img',
  'script',
  'stylesheet',
  'prefetch',
  'iframe',
  'object',
  'form',
  'worker',
] as const;
export type NetworkProbe = (typeof NETWORK_PROBES)[number];

/** The directive a policy names when it stops each probe (Chromium's `effectiveDirective`). */
export const DIRECTIVE_OF: Readonly<Record<NetworkProbe, string>> = {
  fetch: 'connect-src',
  xhr: 'connect-src',
  websocket: 'connect-src',
  eventsource: 'connect-src',
  beacon: 'connect-src',
  ping: 'connect-src',
  img: 'img-src',
  script: 'script-src-elem',
  stylesheet: 'style-src-elem',
  prefetch: 'default-src',
  iframe: 'frame-src',
  object: 'object-src',
  form: 'form-action',
  worker: 'worker-src',
};

/** How each probe ended, as the page saw it (for messages; the evidence is what the server recorded). */
export type ProbeOutcomes = Record<string, string>;

/** A Content-Security-Policy violation as the page's `securitypolicyviolation` event told it. */
export type Violation = { blockedURI: string; directive: string; disposition: string };

/** Local files to try: `text` holds a secret, `image` is a real PNG. */
export type LocalFiles = { text: string; image: string };

export type InPageProbes = {
  /** Fires every network probe at once against `base` and waits until each has ended (or 2 s). */
  probeNetwork(base: string): Promise<ProbeOutcomes>;
  probeFiles(files: LocalFiles): Promise<ProbeOutcomes>;
  /**
   * Opens a WebRTC connection whose TURN server (over TCP) is `base`'s host and port, with
   * `username` as its user name: what the page would send is ICE's business, not its policy's.
   */
  probeWebRtc(base: string, username: string): Promise<string>;
  /** `fetch(url)`, as `status <n>` or `refused`. */
  fetchStatus(url: string): Promise<string>;
  /** Node's globals found in the page, by name. */
  nodeGlobals(): string[];
  /** Names the page's scripts added to `window`, against a fresh window of the same origin. */
  addedGlobals(): string[];
  /** Resolves once a service worker is active for the page. */
  serviceWorkerReady(): Promise<void>;
  isControlledByServiceWorker(): boolean;
  /** Every violation since the page started, in order. */
  violations(): Violation[];
};
