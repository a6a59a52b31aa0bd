import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';

/** Where clamd listens: its local socket (MEJA_CLAMD_SOCKET) or a TCP address (MEJA_CLAMD_HOST, MEJA_CLAMD_PORT). */
export type ClamdAddress = { socket: string } | { host: string; port: number };

/** What a scan found: nothing, a signature's name, or why the file could not be scanned (which refuses it too). */
export type ScanVerdict = { kind: 'clean' } | { kind: 'found'; signature: string } | { kind: 'failed'; reason: string };

/** clamd's own default StreamMaxLength is 25 MB; a chunk is sent at most this large. */
const CHUNK_BYTES = 64 * 1024;

/** A scan that takes longer fails (refusing the file) rather than holding the upload forever. */
export const DEFAULT_SCAN_TIMEOUT_MS = 60_000;

const describe = (address: ClamdAddress): string => ('socket' in address ? address.socket : `${address.host}:${address.port}`);

/** clamd's answer to INSTREAM, e.g. `stream: OK`, `stream: Eicar-Signature FOUND`, `INSTREAM size limit exceeded. ERROR`. */
export const verdictOf = (answer: string): ScanVerdict => {
  const line = answer.replace(/\0/g, '').trim();
  if (line === 'stream: OK') return { kind: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found?.[1] !== undefined) return { kind: 'found', signature: found[1] };
  return { kind: 'failed', reason: line === '' ? 'clamd closed the connection without an answer' : `clamd answered: ${line}` };
};

const lengthPrefix = (length: number): Buffer => {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(length);
  return prefix;
};

/** Writes and waits for the socket to take it, so a large file is not queued whole in memory. */
const send = (socket: Socket, data: Buffer): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });

/**
 * Scans a file with clamd's INSTREAM command: the file in length-prefixed chunks, a zero length to
 * end, one answer line back. Never throws: a clamd that is down, slow or refuses is a `failed`
 * verdict, and a file that was not scanned is not stored.
 */
export const scanFile = (address: ClamdAddress, path: string, timeoutMs = DEFAULT_SCAN_TIMEOUT_MS): Promise<ScanVerdict> =>
  new Promise((resolve) => {
    const socket = 'socket' in address ? connect(address.socket) : connect(address.port, address.host);
    let answer = '';
    let settled = false;
    const settle = (verdict: ScanVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(
      () => settle({ kind: 'failed', reason: `clamd at ${describe(address)} did not answer within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // One answer, ended by NUL (the `z` form of the command).
      if (answer.includes('\0')) settle(verdictOf(answer));
    });
    socket.on('end', () => settle(verdictOf(answer)));
    socket.on('error', (error) => settle({ kind: 'failed', reason: `clamd at ${describe(address)} could not be reached: ${error.message}` }));
    socket.on('connect', () => {
      void (async () => {
        try {
          await send(socket, Buffer.from('zINSTREAM\0'));
          for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
            if (settled) return;
            const data = chunk as Buffer;
            await send(socket, Buffer.concat([lengthPrefix(data.length), data]));
          }
          await send(socket, lengthPrefix(0));
        } catch (error) {
          // clamd may close early (size limit) and say why: wait for its line rather than report the broken pipe.
          if (answer === '')
            setTimeout(
              () => settle({ kind: 'failed', reason: `sending the file to clamd failed: ${error instanceof Error ? error.message : String(error)}` }),
              200,
            );
        }
      })();
    });
  });
