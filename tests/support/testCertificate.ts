import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit, type Response as UndiciResponse } from 'undici';
import type { FetchLike } from '../../shared/sync/httpRemote';

/**
 * A certificate authority made for one test run and a server certificate it signed for this
 * machine (127.0.0.1, ::1, localhost), as PEM text and as the files MEJA_TLS_CERT and
 * MEJA_TLS_KEY name. `fetch` trusts this CA and nothing else, so a test that passes through it has
 * spoken real, verified TLS; `otherKeyFile` holds a key of another certificate.
 */
export type TestCertificate = {
  caCert: string;
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
  otherKeyFile: string;
  folder: string;
  /** A request that trusts the test CA (and no other). */
  fetch(url: string, init?: UndiciRequestInit): Promise<UndiciResponse>;
  /** The same, in the shape the sync engine's HTTP remote takes. */
  syncFetch: FetchLike;
  close(): Promise<void>;
};

// EC keys: an RSA-2048 pair takes seconds to make on this machine's two cores.
const EC = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;

export const makeTestCertificate = async (): Promise<TestCertificate> => {
  const ca = await generate([{ name: 'commonName', value: 'Meja test CA' }], {
    ...EC,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'Meja test server' }], {
    ...EC,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const other = await generate([{ name: 'commonName', value: 'another server' }], EC);
  const folder = await mkdtemp(join(tmpdir(), 'meja-tls-'));
  const certFile = join(folder, 'server.crt');
  const keyFile = join(folder, 'server.key');
  const otherKeyFile = join(folder, 'other.key');
  await writeFile(certFile, server.cert);
  await writeFile(keyFile, server.private, { mode: 0o600 });
  await writeFile(otherKeyFile, other.private, { mode: 0o600 });
  // undici's own fetch with its own Agent: Node 20's global fetch runs a bundled undici that
  // refuses dispatchers from another copy, and has no other way to trust a CA per request.
  const agent = new Agent({ connect: { ca: ca.cert } });
  const trustingFetch = (url: string, init?: UndiciRequestInit) => undiciFetch(url, { ...init, dispatcher: agent });
  const syncFetch: FetchLike = (url, init) => {
    const signal = init?.signal;
    // Node's AbortController makes the remote's signals; anything else would silently lose its timeout.
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('expected an AbortSignal');
    return trustingFetch(url, { ...init, signal });
  };
  return {
    caCert: ca.cert,
    cert: server.cert,
    key: server.private,
    certFile,
    keyFile,
    otherKeyFile,
    folder,
    fetch: trustingFetch,
    syncFetch,
    close: async () => {
      await agent.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
};
