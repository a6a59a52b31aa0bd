import { mkdtempSync } from 'node:fs';
import { startServer } from '/work/main/server/app';
const dir = mkdtempSync('/tmp/p414-');
const s = await startServer({ databaseUrl: `sqlite:${dir}/m.db`, port: 0 });
const r = await fetch(`${s.url}/api/users/${'a'.repeat(150)}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' });
console.log(r.status, await r.text());
const r2 = await fetch(`${s.url}/track/${'a'.repeat(150)}`);
console.log(r2.status, (await r2.text()).slice(0, 200));
await s.close();
