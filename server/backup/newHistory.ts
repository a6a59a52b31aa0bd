import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { newHistoryMeta, RESTORED_TX } from './tablePlan';

export type NewHistory = { epoch: string; feedRows: number; renumbered: boolean };

/**
 * Makes a restored or copied database a history of its own, in one transaction:
 * - a new epoch, so every console's cursor gets 410 cursor_too_old and it pulls from scratch
 *   (keeping and resending its unsent changes), and horizon and purge count reset with it;
 * - the change feed renumbered wherever a row carries a transaction id (PostgreSQL): tx 0 and
 *   seq 1…n in the old (tx, seq) order, with the sequence moved to n. Transaction ids belong to
 *   the cluster that wrote them: in a new cluster, new transactions can have lower ids, and their
 *   changes would sort before the restored rows (and the pull's `tx < xmin` visibility check
 *   would hide the restored rows until the cluster's ids caught up);
 * - the feed counter (SQLite) at the last row, the ticket number counter at least at the largest
 *   number, and PostgreSQL's audit log id sequence at its largest id.
 */
export const startNewHistory = async (db: Db, kind: DatabaseKind): Promise<NewHistory> => db.transaction().execute((trx) => startNewHistoryIn(trx, kind));

/** startNewHistory inside a transaction the caller holds (a copy does it in the transaction that writes the rows). */
export const startNewHistoryIn = async (trx: Db, kind: DatabaseKind): Promise<NewHistory> => {
  const epoch = randomBytes(8).toString('hex');
  const withTx = await trx.selectFrom('sync_changes').select('tx').where('tx', '!=', RESTORED_TX).limit(1).executeTakeFirst();
  const renumbered = withTx !== undefined;
  if (renumbered) {
    // Negative first: seq is unique, and PostgreSQL checks that row by row during an update.
    await sql`update sync_changes set tx = ${RESTORED_TX}, seq = -ranked.rank
      from (select entity, entity_id, row_number() over (order by tx, seq) as rank from sync_changes) as ranked
      where sync_changes.entity = ranked.entity and sync_changes.entity_id = ranked.entity_id`.execute(trx);
    await sql`update sync_changes set seq = -seq`.execute(trx);
  }
  const feed = await trx
    .selectFrom('sync_changes')
    .select((eb) => [eb.fn.countAll<number | string>().as('rows'), eb.fn.max('seq').as('last')])
    .executeTakeFirstOrThrow();
  const lastSeq = Number(feed.last ?? 0);
  const tickets = await trx
    .selectFrom('tickets')
    .select((eb) => eb.fn.max('number').as('last'))
    .executeTakeFirstOrThrow();
  const lastNumber = Number(tickets.last ?? 0);
  // The feed counter goes right after the last row: no cursor of the new history has seen a position past it.
  await trx.updateTable('counters').set({ value: lastSeq }).where('name', '=', 'sync_seq').execute();
  // The next ticket number comes after every number a ticket holds (the copy took the counter with the tickets; this only guards).
  const numbers = await trx.selectFrom('counters').select('value').where('name', '=', 'ticket_number').executeTakeFirst();
  await trx
    .updateTable('counters')
    .set({ value: Math.max(numbers?.value ?? 0, lastNumber) })
    .where('name', '=', 'ticket_number')
    .execute();
  if (kind === 'postgres') {
    // setval(…, 1, false): the next value is 1, for an empty feed or log.
    await sql`select setval('sync_seq', ${Math.max(lastSeq, 1)}, ${lastSeq > 0})`.execute(trx);
    const audit = await trx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    const lastAudit = Number(audit.last ?? 0);
    await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), ${Math.max(lastAudit, 1)}, ${lastAudit > 0})`.execute(trx);
  }
  for (const row of newHistoryMeta(epoch)) {
    await trx
      .insertInto('meta')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value }))
      .execute();
  }
  return { epoch, feedRows: Number(feed.rows), renumbered };
};
