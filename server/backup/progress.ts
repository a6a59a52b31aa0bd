import { progressBar, type ProgressFrame } from '../import/progressBar';

/** Where a backup, restore or copy has got to: so many pages, tables or rows of a total. */
export type CopyProgress = { verb: string; done: number; total: number; unit: string; note?: string };
export type OnProgress = (progress: CopyProgress) => void;

const count = (n: number): string => n.toLocaleString('en');

export const copyFrame = (p: CopyProgress): ProgressFrame => {
  const share = p.total === 0 ? 1 : p.done / p.total;
  return {
    line: `${p.verb} ${progressBar(share)} ${count(p.done)}/${count(p.total)} ${p.unit}${p.note === undefined ? '' : ` (${p.note})`}`,
    phase: p.verb,
    share,
  };
};

/** A file's size for people: bytes, KB, MB or GB (powers of 1,024), one decimal from KB up. */
export const sizeText = (bytes: number): string => {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = 'bytes';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value.toFixed(1)} ${unit}`;
};
