/** One parsed CSV record and the 1-based line on which it starts (for skip reports). */
export type CsvRow = { line: number; fields: string[] };

/**
 * Streams RFC 4180 records out of text chunks: quoted fields may hold commas, doubled quotes and
 * line breaks; records end at LF or CRLF; a leading BOM is dropped; a final line without a
 * newline still counts. Chunks may split anywhere, so the parser keeps its state between them.
 */
export async function* parseCsv(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRow> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotePending = false; // saw a quote inside quotes: either the closing one or the first of a pair
  let line = 1;
  let rowLine = 1;
  let isFirstChunk = true;
  let hasContent = false;
  let lastWasCr = false;

  for await (const raw of chunks) {
    const chunk = isFirstChunk && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    if (raw.length > 0) isFirstChunk = false;
    const rows: CsvRow[] = [];
    for (const ch of chunk) {
      if (quotePending) {
        quotePending = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        if (ch === '"') quotePending = true;
        else {
          if (ch === '\n') line += 1;
          field += ch;
        }
        continue;
      }
      if (ch === '\n') {
        if (hasContent) {
          fields.push(field);
          rows.push({ line: rowLine, fields });
        }
        fields = [];
        field = '';
        hasContent = false;
        line += 1;
        rowLine = line;
        lastWasCr = false;
        continue;
      }
      if (lastWasCr) {
        // a lone CR inside an unquoted field is kept as text
        field += '\r';
        lastWasCr = false;
      }
      if (ch === '\r') {
        lastWasCr = true;
        continue;
      }
      hasContent = true;
      if (ch === '"' && field === '') inQuotes = true;
      else if (ch === ',') {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    yield* rows;
  }
  // blank lines carry no record; a trailing CR at end of input is a line end
  if (hasContent) {
    fields.push(field);
    yield { line: rowLine, fields };
  }
}
