import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changesJson, loadRecords, parseChange, readChanges, recordChanges, type Position } from '../../server/db/changeFeed';
import { DATABASE_KINDS } from '../support/databases';
import { useMigratedDatabase } from '../support/migratedDatabase';
import { makeTicket, makeUser } from '../support/factories';
import { deferred } from '../support/deferred';

describe.each(DATABASE_KINDS)('change feed on %s', (kind) => {
  const migrated = useMigratedDatabase(kind);

  const readAll = async (from: Position) => {
    const ids: string[] = [];
    let after = from;
    for (;;) {
      const page = await readChanges(migrated.handle.db, migrated.handle.kind, after, 3);
      ids.push(...page.changes.map((c) => parseChange(c).id));
      after = page.last;
      if (!page.hasMore) return { ids, after };
    }
  };

  it('keeps one row per record, moved to the end on every change', async () => {
    const ticket = makeTicket();
    await migrated.handle.db.transaction().execute((trx) => recordChanges(trx, migrated.handle.kind, [{ entity: 'ticket', id: ticket.id, data: ticket }]));
    const other = makeUser();
    await migrated.handle.db.transaction().execute((trx) => recordChanges(trx, migrated.handle.kind, [{ entity: 'user', id: other.id, data: other }]));
    await migrated.handle.db
      .transaction()
      .execute((trx) => recordChanges(trx, migrated.handle.kind, [{ entity: 'ticket', id: ticket.id, data: { ...ticket, title: 'Changed' } }]));
    const { ids } = await readAll({ tx: 0, seq: 0 });
    expect(ids.slice(-2)).toEqual([other.id, ticket.id]);
    expect(ids.filter((id) => id === ticket.id)).toHaveLength(1);
    const loaded = await migrated.handle.db.transaction().execute((trx) => loadRecords(trx, migrated.handle.kind, [{ entity: 'ticket', id: ticket.id }]));
    expect(loaded.get(`ticket/${ticket.id}`)).toMatchObject({ title: 'Changed' });
  });

  it('never lets a reader move past a change that commits later with an earlier position', async () => {
    const start = (await readAll({ tx: 0, seq: 0 })).after;
    const early = makeTicket({ title: 'takes its position first, commits last' });
    const late = makeTicket({ title: 'takes its position second, commits first' });
    const recorded = deferred();
    const gate = deferred();
    const slow = migrated.handle.db.transaction().execute(async (trx) => {
      await recordChanges(trx, migrated.handle.kind, [{ entity: 'ticket', id: early.id, data: early }]);
      recorded.resolve();
      await gate.promise;
    });
    await recorded.promise;
    if (migrated.handle.kind === 'sqlite') {
      // SQLite serializes writers: the second transaction waits, so the order cannot invert.
      gate.resolve();
      await slow;
    }
    await migrated.handle.db.transaction().execute((trx) => recordChanges(trx, migrated.handle.kind, [{ entity: 'ticket', id: late.id, data: late }]));
    const first = await readAll(start);
    gate.resolve();
    await slow;
    const second = await readAll(first.after);
    const seen = [...first.ids, ...second.ids];
    expect(seen).toContain(early.id);
    expect(seen).toContain(late.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('delivers every change of concurrent writers to a reader that pulls all along', async () => {
    const start = (await readAll({ tx: 0, seq: 0 })).after;
    const written: string[] = [];
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      let after = start;
      while (writing) {
        const page = await readAll(after);
        page.ids.forEach((id) => seen.add(id));
        after = page.after;
      }
      return after;
    })();
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 15; i += 1) {
          const ticket = makeTicket({ id: randomUUID() });
          written.push(ticket.id);
          await migrated.handle.db.transaction().execute(async (trx) => {
            await recordChanges(trx, migrated.handle.kind, [{ entity: 'ticket', id: ticket.id, data: ticket }]);
            // Hold the transaction open a moment so that commits interleave out of position order.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
          });
        }
      }),
    );
    writing = false;
    const last = await reader;
    (await readAll(last)).ids.forEach((id) => seen.add(id));
    expect(written.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('splices stored records into the pull answer exactly as parsing and serializing them would', async () => {
    const tricky = makeTicket({ title: 'Quote " backslash \\ </script><b>ü 🚀 \u2028', description: 'Line\nbreak\ttab' });
    const gone = makeUser();
    await migrated.handle.db.transaction().execute((trx) =>
      recordChanges(trx, migrated.handle.kind, [
        { entity: 'ticket', id: tricky.id, data: tricky },
        { entity: 'user', id: gone.id, data: null },
      ]),
    );
    const { after } = await readAll({ tx: 0, seq: 0 });
    const page = await readChanges(migrated.handle.db, migrated.handle.kind, { tx: 0, seq: 0 }, 10_000);
    expect(page.last).toEqual(after);
    const parsed = page.changes.map(parseChange);
    expect(JSON.parse(changesJson(page.changes))).toEqual(parsed);
    expect(parsed).toContainEqual({ entity: 'ticket', id: tricky.id, op: 'put', data: tricky });
    expect(parsed).toContainEqual({ entity: 'user', id: gone.id, op: 'delete', data: null });
  });
});
