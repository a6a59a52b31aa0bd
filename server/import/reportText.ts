import type { SkipNote } from './serviceNow';
import type { ImportReport } from './runImport';

/** Skip reasons with their counts, most frequent first; line-specific parts (ticket numbers) are kept, so only equal reasons group. */
export const countReasons = (notes: readonly SkipNote[]): Array<[string, number]> => {
  const counts = new Map<string, number>();
  for (const n of notes) {
    const general = n.reason.replace(/^ticket \S+: /, '');
    counts.set(general, (counts.get(general) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
};

const list = (title: string, notes: readonly SkipNote[], first: number): string[] =>
  notes.length === 0
    ? []
    : [`${title} (${notes.length}; first ${Math.min(first, notes.length)}):`, ...notes.slice(0, first).map((n) => `  line ${n.line}: ${n.reason}`)];

/** The report as the CLI prints it: counts, then the first skipped rows and notes with their reasons. */
export const reportText = (report: ImportReport, first = 10): string =>
  [
    `format ${report.format}: ${report.rows.toLocaleString('en')} rows, ${report.tickets.toLocaleString('en')} tickets`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}`,
    `  technicians ${report.technicians.total} (${report.technicians.created} accounts created, the import's own included; none can sign in)`,
    `  skipped ${report.skipped.length}${countReasons(report.skipped)
      .map(([r, n]) => `; ${r}: ${n}`)
      .join('')}`,
    `  credit disagreements (statistics vs source rule): ${report.creditDisagreements}`,
    ...list('skipped rows', report.skipped, first),
    ...list('notes', report.notes, first),
  ].join('\n');
