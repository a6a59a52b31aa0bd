import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import { DATABASE_KINDS, createDatabase } from '../support/databases';
import { pullToEnd } from '../support/http';
import { login } from '../support/syncClient';

describe.each(DATABASE_KINDS)('start-up on %s', (kind) => {
  it('seeds the demo once, through the rules, consistent with the change feed', async () => {
    const database = await createDatabase(kind);
    try {
      const first = await startServer({ databaseUrl: database.url, port: 0, demo: true });
      let token: string;
      let seeded = 0;
      try {
        expect(first.generatedAdminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
        // Sixty tickets of the last thirty days and the past class's weeks of access tickets before and after it.
        expect(first.demo).toMatchObject({ created: true });
        seeded = first.demo?.tickets ?? 0;
        expect(seeded).toBeGreaterThan(60);
        token = (await login(first.url, 'sue', DEMO_PASSWORD)).token;
        const { changes } = await pullToEnd(first.url, token);
        const byEntity = (entity: string) => changes.filter((c) => c.entity === entity && c.op === 'put');
        const tickets = byEntity('ticket').flatMap((c) => (c.entity === 'ticket' && c.op === 'put' ? [c.data] : []));
        expect(tickets.map((t) => t.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: seeded }, (_, i) => i + 1));
        expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['new', 'open', 'pending', 'resolved', 'closed']));
        expect(new Set(tickets.map((t) => t.tier))).toEqual(new Set([1, 2, 3]));
        expect(new Set(tickets.map((t) => t.category)).size).toBeGreaterThanOrEqual(5);
        const oldest = Math.min(...tickets.map((t) => Date.parse(t.createdAt)));
        expect(Date.now() - oldest).toBeGreaterThan(20 * 24 * 3_600_000);
        expect(byEntity('event').length).toBeGreaterThan(3 * 60);
        expect(byEntity('note').length).toBeGreaterThan(10);
        expect(byEntity('session').length).toBeGreaterThan(0);
        expect(
          byEntity('user')
            .map((c) => (c.entity === 'user' && c.op === 'put' ? c.data.username : ''))
            .sort(),
        ).toEqual(['admin', 'rita', 'sam', 'sue', 'tina', 'tomas']);
        // The satisfaction and knowledge figures of the last thirty days are real ones (server/seed/demoWord.ts).
        const month = `from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
        const summary = (await (
          await fetch(`${first.url}/api/stats/summary?${month}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as StatsSummaryResponse;
        expect(summary.satisfactionAnswers).toBeGreaterThan(5);
        expect(summary.articlesPerResolvedTicket).toBeGreaterThan(0);
        expect(summary.mostUsedArticles.length).toBeGreaterThan(1);
        expect(summary.selfHelpYes).toBeGreaterThan(summary.selfHelpNo);
        expect(summary.selfHelpNo).toBeGreaterThan(0);
      } finally {
        await first.close();
      }
      const second = await startServer({ databaseUrl: database.url, port: 0, demo: true });
      try {
        expect(second.generatedAdminPassword).toBeNull();
        expect(second.demo).toMatchObject({ created: false });
        const { changes } = await pullToEnd(second.url, token);
        expect(changes.filter((c) => c.entity === 'ticket')).toHaveLength(seeded);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('creates no admin account when it cannot listen, so a generated password is never lost', async () => {
    const taken = await createDatabase(kind);
    const database = await createDatabase(kind);
    const running = await startServer({ databaseUrl: taken.url, port: 0, adminPassword: 'first-server-pass' });
    try {
      await expect(startServer({ databaseUrl: database.url, port: running.port })).rejects.toThrow(/EADDRINUSE|address already in use/);
      const handle = openDatabase(database.url);
      try {
        expect(await handle.db.selectFrom('users').select('username').execute()).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      await running.close();
      await taken.drop();
      await database.drop();
    }
  });
});
