import { mkdtempSync } from 'node:fs';
import { startServer } from '/work/main/server/app';
const dir = mkdtempSync('/tmp/p414-');
const s = await startServer({ databaseUrl: `sqlite:${dir}/m.db`, port: 0 });
const r = await fetch(`${s.url}/api/users/%E0%A4%A`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' });
console.log(r.status, [...r.headers.keys()].join(','), await r.text());
await s.close();
