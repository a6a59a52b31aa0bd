import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClamd, TEST_SIGNATURE, type RunningClamd } from '../../tests/support/realClamd';
import { scanFile, verdictOf } from './clamdScanner';

describe('scanFile, against a real clamd', () => {
  const signed = Buffer.concat([Buffer.from('MEJA TEST MALWARE '), randomBytes(32)]);
  let clamd: RunningClamd;
  let dir: string;
  const file = async (name: string, data: Buffer): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, data);
    return path;
  };

  beforeAll(async () => {
    clamd = await startClamd([signed]);
    dir = await mkdtemp(join(tmpdir(), 'meja-scan-'));
  });
  afterAll(async () => {
    await clamd.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the signed file by its made signature', async () => {
    expect(await scanFile(clamd.address, await file('bad.bin', signed))).toEqual({ kind: 'found', signature: `${TEST_SIGNATURE}.UNOFFICIAL` });
  });

  it('passes other files, also ones larger than a chunk', async () => {
    expect(await scanFile(clamd.address, await file('good.txt', Buffer.from('Outlook keeps asking for the password\n')))).toEqual({ kind: 'clean' });
    expect(await scanFile(clamd.address, await file('big.bin', randomBytes(3 * 1024 * 1024 + 17)))).toEqual({ kind: 'clean' });
  });

  it('passes the signed bytes once a single byte differs', async () => {
    const altered = Buffer.from(signed);
    altered[0] = (altered[0] ?? 0) ^ 1;
    expect(await scanFile(clamd.address, await file('altered.bin', altered))).toEqual({ kind: 'clean' });
  });

  it('fails, rather than passes, when clamd cannot be reached', async () => {
    const verdict = await scanFile({ socket: join(dir, 'no-such.sock') }, await file('x.txt', Buffer.from('x')));
    expect(verdict).toMatchObject({ kind: 'failed', reason: expect.stringContaining('could not be reached') as string });
    const tcp = await scanFile({ host: '127.0.0.1', port: 1 }, await file('y.txt', Buffer.from('y')));
    expect(tcp.kind).toBe('failed');
  });
});

describe('verdictOf', () => {
  it('reads clamd answers', () => {
    expect(verdictOf('stream: OK\0')).toEqual({ kind: 'clean' });
    expect(verdictOf('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({ kind: 'found', signature: 'Win.Test.EICAR_HDB-1' });
    expect(verdictOf('INSTREAM size limit exceeded. ERROR\0')).toEqual({ kind: 'failed', reason: 'clamd answered: INSTREAM size limit exceeded. ERROR' });
    expect(verdictOf('')).toMatchObject({ kind: 'failed' });
  });
});
