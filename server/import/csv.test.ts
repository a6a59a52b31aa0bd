import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvRow } from './csv';

const collect = async (chunks: string[]): Promise<CsvRow[]> => {
  const rows: CsvRow[] = [];
  for await (const row of parseCsv(chunks)) rows.push(row);
  return rows;
};

describe('parseCsv', () => {
  it('reads plain LF records with their line numbers', async () => {
    expect(await collect(['a,b\n1,2\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('handles CRLF, a BOM, and a last line without newline', async () => {
    expect(await collect(['\uFEFFa,b\r\n1,\r\n', 'x,y'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', ''] },
      { line: 3, fields: ['x', 'y'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and counts lines', async () => {
    const rows = await collect(['id,text\n1,"he said ""hi"", then\nleft"\n2,"",\n']);
    expect(rows).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'he said "hi", then\nleft'] },
      { line: 4, fields: ['2', '', ''] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = 'a,"b""c"\r\n"x\r\ny",z\r\n\r\nlast,"q"';
    const whole = await collect([text]);
    const oneByOne = await collect([...text]);
    expect(oneByOne).toEqual(whole);
    expect(whole).toEqual([
      { line: 1, fields: ['a', 'b"c'] },
      { line: 2, fields: ['x\r\ny', 'z'] },
      { line: 5, fields: ['last', 'q'] },
    ]);
  });
});
