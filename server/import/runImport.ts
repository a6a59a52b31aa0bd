import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { parseCsv, type CsvRow } from './csv';
import type { ImportFormat, ImportDraft } from './draft';
import { importGenericCsv } from './genericCsv';
import { importHelpdesk } from './helpdesk';
import { helpdeskDraft } from './helpdeskDrafts';
import { ImportSourceError, openImportSource, type ImportSource } from './importSource';
import { importServiceNow, type SkipNote } from './serviceNow';
import { uciDraft } from './uciDrafts';
import { writeImport, type WriteSummary } from './writeImport';

/** What `npm run import` prints and the admin API answers. */
export type ImportReport = {
  format: ImportFormat;
  rows: number;
  tickets: number;
  created: number;
  updated: number;
  unchanged: number;
  technicians: { total: number; created: number };
  creditDisagreements: number;
  skipped: SkipNote[];
  notes: SkipNote[];
};

/** Where the import has got to, for a progress bar: reading the file, then writing tickets. */
export type ImportProgress =
  | { phase: 'read'; bytesRead: number; totalBytes: number; rows: number }
  | { phase: 'write'; bytesRead: number; totalBytes: number; rows: number; written: number; tickets: number };

type Parsed = { drafts: ImportDraft[]; skipped: SkipNote[]; notes: SkipNote[] };

/** The file's rows turned into ticket drafts by the format's rules (the whole file: a ticket's rows may be anywhere). */
export const parseImport = async (format: ImportFormat, rows: AsyncIterable<CsvRow>): Promise<Parsed> => {
  switch (format) {
    case 'servicenow-events': {
      const result = await importServiceNow(rows);
      return { drafts: result.tickets.map(uciDraft), skipped: result.skipped, notes: result.notes };
    }
    case 'helpdesk-events': {
      const result = await importHelpdesk(rows);
      return { drafts: result.tickets.map(helpdeskDraft), skipped: result.skipped, notes: [] };
    }
    case 'csv':
      return { ...(await importGenericCsv(rows)), notes: [] };
  }
};

/** Columns a format cannot do without: a file lacking them is the wrong file, refused before any row is read. */
const REQUIRED_COLUMNS: Readonly<Record<ImportFormat, readonly string[]>> = {
  'servicenow-events': ['number', 'incident_state', 'sys_mod_count', 'sys_updated_at', 'opened_at', 'priority', 'assigned_to'],
  'helpdesk-events': ['case:concept:name', 'concept:name', 'time:timestamp', 'org:resource'],
  csv: [],
};

async function* withHeader(format: ImportFormat, rows: AsyncIterable<CsvRow>): AsyncGenerator<CsvRow> {
  let first = true;
  for await (const row of rows) {
    if (first) {
      const missing = REQUIRED_COLUMNS[format].filter((column) => !row.fields.includes(column));
      if (missing.length > 0) throw new ImportSourceError(`This is not a ${format} file: its header lacks ${missing.join(', ')}.`);
      first = false;
    }
    yield row;
  }
}

async function* counted(rows: AsyncIterable<CsvRow>, onRow: () => void): AsyncGenerator<CsvRow> {
  for await (const row of rows) {
    onRow();
    yield row;
  }
}

const byLine = (a: SkipNote, b: SkipNote): number => a.line - b.line;

/** Reads an import file (zip, gzip or CSV) and writes it into the database; throws ImportSourceError for a bad file. */
export const runImport = async (
  db: Db,
  kind: DatabaseKind,
  format: ImportFormat,
  path: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportReport> => {
  const source: ImportSource = await openImportSource(path);
  let rows = 0;
  const parsed = await parseImport(
    format,
    counted(withHeader(format, parseCsv(source.text)), () => {
      rows += 1;
      if (rows % 1000 === 0) onProgress?.({ phase: 'read', bytesRead: source.bytesRead(), totalBytes: source.totalBytes, rows });
    }),
  );
  // The header is a row of the file but not a record.
  const records = Math.max(rows - 1, 0);
  onProgress?.({ phase: 'read', bytesRead: source.bytesRead(), totalBytes: source.totalBytes, rows: records });
  const written: WriteSummary = await writeImport(db, kind, format, parsed.drafts, {
    onProgress: (done, tickets) =>
      onProgress?.({ phase: 'write', bytesRead: source.bytesRead(), totalBytes: source.totalBytes, rows: records, written: done, tickets }),
  });
  return {
    format,
    rows: records,
    tickets: parsed.drafts.length,
    created: written.created,
    updated: written.updated,
    unchanged: written.unchanged,
    technicians: written.technicians,
    creditDisagreements: written.creditDisagreements,
    skipped: [...parsed.skipped].sort(byLine),
    notes: [...parsed.notes, ...written.notes].sort(byLine),
  };
};
