import { z } from 'zod';
import { PROTOCOL_VERSION } from '../sync/protocol';
import { changeSchema } from './records';

/** Answers of the sync routes (docs/API.md, Sync protocol); sync.test.ts holds them to shared/sync/protocol.ts's types. */

const days = z.number().int().min(1);

export const syncScopeResponseSchema = z
  .object({
    recentDays: days.meta({ description: 'Resolved and closed tickets stay this many days after they ended (MEJA_SYNC_RECENT_DAYS).' }),
    mineDays: days.meta({ description: 'Tickets the user was involved with stay this many days after the last involvement (MEJA_SYNC_MINE_DAYS).' }),
    openedDays: days.meta({ description: 'Tickets opened on demand stay this many days after they were last opened.' }),
    openedMax: z.number().int().min(1).meta({ description: 'At most this many tickets opened on demand are kept, the most recently opened.' }),
  })
  .meta({ id: 'SyncScope', description: 'The working set\'s parameters (docs/ARCHITECTURE.md, "The working set").' });

const openedTicketSchema = z
  .object({ ticketId: z.string(), openedAt: z.string().meta({ format: 'date-time' }) })
  .meta({ id: 'OpenedTicket', description: "A ticket the user opened on demand, and when (the server's clock)." });

export const feedMarkSchema = z
  .object({ epoch: z.string(), purges: z.number().int().min(0), tx: z.number().int(), seq: z.number().int() })
  .meta({ id: 'FeedMark', description: 'A place in the change feed (docs/API.md, Live batches).' });

export const pullResponseSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    changes: z.array(changeSchema),
    cursor: z.string().meta({ description: 'Opaque; hand it back unchanged.' }),
    hasMore: z.boolean(),
    remaining: z.number().int().min(0).optional().meta({ description: 'Changes after this page when it was read; left out when not counted (count=0).' }),
    serverTime: z.string().meta({ format: 'date-time' }).optional(),
    scopeAt: z.string().meta({ format: 'date-time', description: 'Scoped pulls: the time whose working set filtered this page.' }).optional(),
    snapshot: z.boolean().optional().meta({ description: 'Scoped pulls: the page was read in a pull from scratch, not from the feed in order.' }),
    opened: z
      .array(openedTicketSchema)
      .optional()
      .meta({ description: "Scoped pulls: the user's opened list (first page from scratch), or the openings since the previous page." }),
    scope: syncScopeResponseSchema.optional().meta({ description: "Scoped pulls, last page: the working set's parameters." }),
    mark: feedMarkSchema
      .optional()
      .meta({ description: 'Pages read from the feed in order: where the feed stands for this console, to place live batches against.' }),
  })
  .meta({ id: 'PullResponse' });

export const ticketRecordsResponseSchema = z.object({ changes: z.array(changeSchema) }).meta({
  id: 'TicketRecords',
  description: 'Every record of the tickets asked for (the tickets, their events, notes and remote sessions), in their newest state.',
});

export const pushResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(['applied', 'duplicate', 'rejected']),
    error: z
      .object({
        code: z.string(),
        message: z.string().min(1),
        current: z.unknown().optional().meta({ description: 'The record as it is now, for a conflict.' }),
      })
      .optional(),
  })
  .meta({ id: 'PushResult' });

export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) }).meta({ id: 'PushResponse' });

/** Body of every 4xx and 5xx answer (docs/API.md, Errors). */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int().min(400).max(599),
    code: z.string().regex(/^[a-z_]+$/),
    error: z.string().min(1),
    message: z.string().min(1),
  })
  .meta({ id: 'ApiError' });
