import type { ImportProgress } from './runImport';

const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

/** One line of progress: a bar of the bytes read (then of the tickets written), rows and tickets. */
export const progressLine = (p: ImportProgress, width = 30): string => {
  const share = p.phase === 'read' ? (p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes) : p.tickets === 0 ? 1 : p.written / p.tickets;
  const filled = Math.round(Math.min(Math.max(share, 0), 1) * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
  return p.phase === 'read'
    ? `reading ${bar} ${mb(p.bytesRead)}/${mb(p.totalBytes)} MB, ${p.rows.toLocaleString('en')} rows`
    : `writing ${bar} ${p.written.toLocaleString('en')}/${p.tickets.toLocaleString('en')} tickets (${p.rows.toLocaleString('en')} rows read)`;
};

/**
 * Progress on a stream such as stderr: redrawn in place with \r on a terminal; elsewhere (a log
 * file, CI) one line per phase each time another 10 % is done, so logs stay short.
 */
export const progressReporter = (out: { isTTY?: boolean; write(text: string): unknown }): { update(p: ImportProgress): void; done(): void } => {
  let lastTenth: string | null = null;
  let drawn = false;
  return {
    update(p) {
      const line = progressLine(p);
      if (out.isTTY === true) {
        out.write(`\r${line}\u001b[K`);
        drawn = true;
        return;
      }
      const share = p.phase === 'read' ? (p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes) : p.tickets === 0 ? 1 : p.written / p.tickets;
      const tenth = `${p.phase}:${Math.floor(share * 10)}`;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`${line}\n`);
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
};
