import Database from 'better-sqlite3';
import pg from 'pg';

export type LedgerEntry = { status: string; name: string };

/** What the server recorded for every mutation id it has seen, read straight from its database. */
export const readLedger = async (databaseUrl: string): Promise<Map<string, LedgerEntry>> => {
  const sql = 'select id, status, name from applied_mutations';
  type Row = { id: string; status: string; name: string };
  let rows: Row[];
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      rows = db.prepare(sql).all() as Row[];
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      rows = (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  return new Map(rows.map((row) => [row.id, { status: row.status, name: row.name }]));
};
