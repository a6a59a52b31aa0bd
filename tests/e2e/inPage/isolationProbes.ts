/**
 * What a script running in the console's page would try in order to leave it. Bundled and
 * installed as an init script (tests/e2e/support/inPageProbes.ts): it runs in the page's own world
 * before the page's scripts, so its requests are the page's requests, under the page's policy.
 * It only puts its probes in reach under a symbol; nothing runs until the spec calls one.
 */
import { PROBES_KEY, type InPageProbes, type LocalFiles, type ProbeOutcomes, type Violation } from '../support/isolationTypes';

const found: Violation[] = [];
document.addEventListener(
  'securitypolicyviolation',
  (event) => found.push({ blockedURI: event.blockedURI, directive: event.effectiveDirective, disposition: event.disposition }),
  true,
);

/** Runs `work` until it calls back, or gives up after 2 s: a probe that hears nothing has still ended. */
const within = (work: (done: (outcome: string) => void) => void): Promise<string> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer within 2 s'), 2000);
    const done = (outcome: string) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      work(done);
    } catch (error) {
      done(`threw: ${String(error)}`);
    }
  });

/** Adds an element whose `load` or `error` ends the probe. */
const loadElement = <K extends keyof HTMLElementTagNameMap>(tag: K, set: (made: HTMLElementTagNameMap[K]) => void): Promise<string> =>
  within((done) => {
    const made = document.createElement(tag);
    made.addEventListener('load', () => done('load'));
    made.addEventListener('error', () => done('error'));
    set(made);
    document.body.append(made);
  });

const send = (method: string, url: string, body?: string): Promise<string> =>
  within((done) => {
    const request = new XMLHttpRequest();
    request.addEventListener('loadend', () => done(request.status === 0 ? 'refused' : `read: ${request.responseText}`));
    request.open(method, url);
    request.send(body);
  });

const fetchStatus = (url: string, init?: RequestInit): Promise<string> =>
  fetch(url, init).then(
    (response) => `status ${response.status}`,
    () => 'refused',
  );

const networkProbes = (base: string): Record<string, () => Promise<string>> => {
  const target = (name: string) => `${base}/v/${name}`;
  return {
    fetch: () => fetchStatus(target('fetch'), { method: 'POST', body: 'leak' }),
    xhr: () => send('POST', target('xhr'), 'leak'),
    websocket: () =>
      within((done) => {
        const socket = new WebSocket(target('websocket').replace(/^http/, 'ws'));
        socket.addEventListener('open', () => done('open'));
        socket.addEventListener('error', () => done('error'));
      }),
    eventsource: () =>
      within((done) => {
        const source = new EventSource(target('eventsource'));
        source.addEventListener('message', () => done('message'));
        source.addEventListener('error', () => {
          source.close();
          done('error');
        });
      }),
    beacon: async () => `queued: ${String(navigator.sendBeacon(target('beacon'), 'leak'))}`,
    ping: async () => {
      // Hyperlink auditing: following a link posts to its `ping` URL; a fragment link keeps the page.
      const link = document.createElement('a');
      link.href = '#meja-probe-ping';
      link.ping = target('ping');
      document.body.append(link);
      link.click();
      return 'clicked';
    },
    img: () => loadElement('img', (img) => (img.src = target('img'))),
    script: () => loadElement('script', (script) => (script.src = target('script'))),
    stylesheet: () =>
      loadElement('link', (link) => {
        link.rel = 'stylesheet';
        link.href = target('stylesheet');
      }),
    prefetch: () =>
      loadElement('link', (link) => {
        link.rel = 'prefetch';
        link.href = target('prefetch');
      }),
    iframe: () => loadElement('iframe', (frame) => (frame.src = target('iframe'))),
    object: () => loadElement('object', (object) => (object.data = target('object'))),
    form: () =>
      within((done) => {
        // Into a frame of its own, so that the page itself stays where it is.
        const sink = document.createElement('iframe');
        sink.name = 'meja-probe-form-sink';
        document.body.append(sink);
        sink.addEventListener('load', () => done('submitted'));
        const form = document.createElement('form');
        form.method = 'post';
        form.action = target('form');
        form.target = sink.name;
        const field = document.createElement('input');
        field.name = 'leak';
        field.value = 'leak';
        form.append(field);
        document.body.append(form);
        form.submit();
      }),
    worker: () =>
      within((done) => {
        // A worker's own requests: its script can only come from a blob here, the page has no other.
        const script = new Blob([`importScripts(${JSON.stringify(target('worker'))}); postMessage('imported');`], { type: 'text/javascript' });
        const worker = new Worker(URL.createObjectURL(script));
        worker.addEventListener('message', () => done('imported'));
        worker.addEventListener('error', () => done('error'));
      }),
  };
};

const probeNetwork = async (base: string): Promise<ProbeOutcomes> => {
  const probes = Object.entries(networkProbes(base));
  const outcomes = await Promise.all(probes.map(([, probe]) => probe()));
  return Object.fromEntries(probes.map(([name], index) => [name, outcomes[index] ?? '']));
};

const probeFiles = async (files: LocalFiles): Promise<ProbeOutcomes> => {
  const read = (url: string) =>
    fetch(url).then(
      async (response) => `read: ${await response.text()}`,
      (error: unknown) => `refused: ${String(error)}`,
    );
  return {
    fetchText: await read(files.text),
    fetchHostname: await read('file:///etc/hostname'),
    xhr: await send('GET', files.text),
    img: await within((done) => {
      const img = document.createElement('img');
      img.addEventListener('load', () => done(`loaded ${img.naturalWidth}x${img.naturalHeight}`));
      img.addEventListener('error', () => done('refused'));
      img.src = files.image;
      document.body.append(img);
    }),
    iframe: await loadElement('iframe', (frame) => (frame.src = files.text)),
  };
};

const probeWebRtc = async (base: string, username: string): Promise<string> => {
  const { hostname, port } = new URL(base);
  const connection = new RTCPeerConnection({ iceServers: [{ urls: `turn:${hostname}:${port}?transport=tcp`, username, credential: 'leak' }] });
  connection.createDataChannel('leak');
  await connection.setLocalDescription(await connection.createOffer());
  const outcome = await within((done) => {
    connection.addEventListener('icegatheringstatechange', () => {
      if (connection.iceGatheringState === 'complete') done('gathered');
    });
  });
  connection.close();
  return outcome;
};

const NODE_GLOBALS = ['require', 'process', 'module', 'exports', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'electron'];

const addedGlobals = (): string[] => {
  // An empty frame of the same origin: a fresh window that the policy cannot stop.
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const pristine = new Set(Object.getOwnPropertyNames(frame.contentWindow ?? {}));
  frame.remove();
  return Object.getOwnPropertyNames(window).filter((name) => !pristine.has(name) && !/^\d+$/.test(name));
};

const probes = {
  probeNetwork,
  probeFiles,
  probeWebRtc,
  fetchStatus: (url) => fetchStatus(url),
  nodeGlobals: () => NODE_GLOBALS.filter((name) => name in globalThis),
  addedGlobals,
  serviceWorkerReady: async () => {
    await navigator.serviceWorker.ready;
  },
  isControlledByServiceWorker: () => navigator.serviceWorker.controller !== null,
  violations: () => [...found],
} satisfies InPageProbes;

Object.defineProperty(globalThis, Symbol.for(PROBES_KEY), { value: probes });
