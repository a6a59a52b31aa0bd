import type { FastifyBaseLogger } from 'fastify';
import { SYSTEM_ACTOR_ID } from '../../shared/domain/callerWord';
import type { Db } from '../db/connect';
import { schedulePeriodic } from '../periodicJob';
import { serverMutationId, type ServerChanges } from '../sync/serverChanges';

const DAY_MS = 24 * 3_600_000;

/** Tickets looked at per query; the job goes on while a batch comes back full. */
const BATCH = 200;

/** How often the job runs unless configured: a closing minutes late is of no consequence. */
export const DEFAULT_AUTO_CLOSE_EVERY_MS = 5 * 60_000;

export type AutoCloseOptions = {
  db: Db;
  changes: ServerChanges;
  /** A resolved ticket closes this many days after its resolution (MEJA_AUTO_CLOSE_DAYS). */
  days: number;
  /** A caller's Yes closes at once (MEJA_CLOSE_ON_CONFIRM): those confirmed while it was off close at the next run. */
  closeOnConfirm: boolean;
  now: () => number;
};

export type AutoClose = {
  /** Closes every ticket due now; resolves with how many this call closed (others may have been closed by another instance). */
  runOnce(): Promise<number>;
};

const iso = (ms: number): string => new Date(Number(ms)).toISOString();

/**
 * Closes resolved tickets nobody reopened within `days` (and, with `closeOnConfirm`, those their
 * caller confirmed), each as the server's own `ticket:autoClose` change through the push queue:
 * dated by the server's clock, in the change feed, with a poke to the consoles. Stateless and
 * safe on several instances at once: the change's id names the ticket and its resolution, so the
 * ledger of applied mutations lets one instance's close through and answers the others duplicate;
 * the rule refuses a ticket reopened or closed since it was read. A ticket that stays resolved is
 * read again on the next run only if its close failed.
 */
export const createAutoClose = ({ db, changes, days, closeOnConfirm, now }: AutoCloseOptions): AutoClose => ({
  runOnce: async () => {
    const cutoff = now() - days * DAY_MS;
    let closed = 0;
    const skipped = new Set<string>();
    for (;;) {
      const due = await db
        .selectFrom('tickets as t')
        .select(['t.id', 't.resolved_at'])
        // Through the status index: the resolved tickets are those of the last MEJA_AUTO_CLOSE_DAYS or so, since older ones close.
        .where('t.status', '=', 'resolved')
        .where('t.resolved_at', 'is not', null)
        .where((eb) => {
          const quiet = eb('t.resolved_at', '<=', cutoff);
          if (!closeOnConfirm) return quiet;
          const confirmed = eb.exists(
            eb
              .selectFrom('track_answers as a')
              .select('a.event_id')
              .whereRef('a.ticket_id', '=', 't.id')
              .whereRef('a.resolved_at', '=', 't.resolved_at')
              .where('a.solved', '=', 1),
          );
          return eb.or([quiet, confirmed]);
        })
        .$if(skipped.size > 0, (q) => q.where('t.id', 'not in', [...skipped]))
        .orderBy('t.resolved_at')
        .orderBy('t.id')
        .limit(BATCH)
        .execute();
      for (const ticket of due) {
        if (ticket.resolved_at === null) continue;
        const resolvedAt = iso(ticket.resolved_at);
        const result = await changes.apply(SYSTEM_ACTOR_ID, {
          id: serverMutationId('close', ticket.id, resolvedAt),
          name: 'ticket:autoClose',
          args: { id: ticket.id, resolvedAt },
        });
        if (result.status === 'applied') closed += 1;
        // Refused or a duplicate and still resolved here (another instance's transaction not yet seen): not asked again in this run.
        else skipped.add(ticket.id);
      }
      if (due.length < BATCH) return closed;
    }
  },
});

/** Runs the job every `everyMs` (never two runs at once on this instance); stop() ends it. */
export const scheduleAutoClose = (job: AutoClose, everyMs: number, log: FastifyBaseLogger): { stop(): void } =>
  schedulePeriodic(
    () => job.runOnce(),
    everyMs,
    (error) => log.warn({ err: error }, 'automatic close: a run failed; the next one tries again'),
  );
