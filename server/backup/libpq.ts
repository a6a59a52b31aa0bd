/**
 * How pg_dump and pg_restore reach the database a `postgres://` URL names: the URL without its
 * password as `--dbname`, and the password in PGPASSWORD, so it never shows in the process list.
 */
export const libpqConnection = (url: string): { dbname: string; env: Record<string, string> } => {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password === '' ? {} : { PGPASSWORD: password } };
};

/** pg_dump -v says this before each table's rows; pg_restore -v says the second. */
const DUMPED = /^pg_dump: dumping contents of table /;
const RESTORED = /^pg_restore: processing data for table /;

/** Whether a verbose line of pg_dump or pg_restore marks one more table's data done. */
export const isTableDataLine = (line: string): boolean => DUMPED.test(line) || RESTORED.test(line);

/** Lines of the tools' verbose output that say what went wrong (they report errors as "<tool>: error: …"). */
export const isErrorLine = (line: string): boolean =>
  /^(pg_dump|pg_restore): (error|fatal|detail|hint): /i.test(line) || /^(ERROR|FATAL|DETAIL|HINT): /.test(line);

/** A pg_restore table of contents (`pg_restore -l`): the tables it holds, and how many of them have data to load. */
export const archiveContents = (toc: string): { tables: string[]; tablesWithData: number } => {
  const tables: string[] = [];
  let tablesWithData = 0;
  for (const line of toc.split('\n')) {
    if (line.startsWith(';')) continue;
    // "215; 1259 22658 TABLE public t root" / "3344; 0 22658 TABLE DATA public t root"
    const entry = /^\d+; \d+ \d+ (TABLE DATA|TABLE) (\S+) (\S+) /.exec(line);
    if (entry === null) continue;
    if (entry[1] === 'TABLE DATA') tablesWithData += 1;
    else tables.push(`${entry[2]}.${entry[3]}`);
  }
  return { tables, tablesWithData };
};

/** What to tell an administrator when a tool refuses a server of another major version. */
export const versionHint = (tool: string, errors: string): string | null =>
  /version mismatch|unsupported version/i.test(errors)
    ? `${tool} must be of the PostgreSQL server's major version (or newer): install that version's client tools (Debian: postgresql-client-<major>) and put its bin folder first on PATH.`
    : null;

/**
 * The first column of every row a plain-SQL restore script copies into one table (what
 * `pg_restore --data-only --table=<name> --file=-` prints): reads an archive's rows without a database.
 */
export const copiedFirstColumn = (script: string, table: string): string[] => {
  const values: string[] = [];
  let inside = false;
  for (const line of script.split('\n')) {
    if (!inside) {
      inside = line.startsWith(`COPY public.${table} (`) && line.endsWith('FROM stdin;');
      continue;
    }
    if (line === '\\.') break;
    values.push(line.split('\t')[0] ?? '');
  }
  return values;
};
