import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from './progressBar';

const sink = (isTTY: boolean) => {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
};

describe('progress', () => {
  it('draws bytes while reading and tickets while writing', () => {
    expect(progressLine({ phase: 'read', bytesRead: 1_048_576, totalBytes: 4_194_304, rows: 12_345 }, 8)).toBe(
      'reading [##......]  25% 1.0/4.0 MB, 12,345 rows',
    );
    expect(progressLine({ phase: 'write', bytesRead: 1, totalBytes: 1, rows: 9, written: 3, tickets: 4 }, 4)).toBe(
      'writing [###.]  75% 3/4 tickets (9 rows read)',
    );
  });

  it('redraws one line on a terminal and writes a line per 10 % elsewhere', () => {
    const tty = sink(true);
    const ttyReporter = progressReporter(tty.out);
    for (let read = 0; read <= 100; read += 1) ttyReporter.update({ phase: 'read', bytesRead: read, totalBytes: 100, rows: read });
    ttyReporter.done();
    expect(tty.written.every((text, i) => (i < 101 ? text.startsWith('\r') : text === '\n'))).toBe(true);

    const log = sink(false);
    const logReporter = progressReporter(log.out);
    for (let read = 0; read <= 100; read += 1) logReporter.update({ phase: 'read', bytesRead: read, totalBytes: 100, rows: read });
    expect(log.written).toHaveLength(11);
    expect(log.written.every((text) => text.endsWith('\n') && !text.includes('\r'))).toBe(true);
  });
});
