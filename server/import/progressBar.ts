import type { ImportProgress } from './runImport';

const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

const clampShare = (share: number): number => (Number.isFinite(share) ? Math.min(Math.max(share, 0), 1) : 1);

/** `[###.......]  30%`: a share from 0 to 1, `width` characters wide, and its whole percent. */
export const progressBar = (share: number, width = 30): string => {
  const clamped = clampShare(share);
  const filled = Math.round(clamped * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(clamped * 100)).padStart(3)}%`;
};

/** One step of a long job: its line, and its phase and share, from which a log decides when to write a line. */
export type ProgressFrame = { line: string; phase: string; share: number };

const importShare = (p: ImportProgress): number =>
  p.phase === 'read' ? (p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes) : p.tickets === 0 ? 1 : p.written / p.tickets;

/** One line of progress: a bar of the bytes read (then of the tickets written), rows and tickets. */
export const progressLine = (p: ImportProgress, width = 30): string => {
  const bar = progressBar(importShare(p), width);
  return p.phase === 'read'
    ? `reading ${bar} ${mb(p.bytesRead)}/${mb(p.totalBytes)} MB, ${p.rows.toLocaleString('en')} rows`
    : `writing ${bar} ${p.written.toLocaleString('en')}/${p.tickets.toLocaleString('en')} tickets (${p.rows.toLocaleString('en')} rows read)`;
};

export type ProgressReporter<P> = { update(progress: P): void; done(): void };

/**
 * Progress on a stream such as stderr: redrawn in place with \r on a terminal; elsewhere (a log
 * file, CI) one line per phase each time another 10 % is done, so logs stay short.
 */
export const frameReporter = <P>(out: { isTTY?: boolean; write(text: string): unknown }, frameOf: (progress: P) => ProgressFrame): ProgressReporter<P> => {
  let lastTenth: string | null = null;
  let drawn = false;
  return {
    update(progress) {
      const frame = frameOf(progress);
      if (out.isTTY === true) {
        out.write(`\r${frame.line}\u001b[K`);
        drawn = true;
        return;
      }
      const tenth = `${frame.phase}:${Math.floor(clampShare(frame.share) * 10)}`;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`${frame.line}\n`);
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
};

/** The importer's progress: bytes read, then tickets written. */
export const progressReporter = (out: { isTTY?: boolean; write(text: string): unknown }): ProgressReporter<ImportProgress> =>
  frameReporter(out, (p) => ({ line: progressLine(p), phase: p.phase, share: importShare(p) }));
