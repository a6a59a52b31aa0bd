import { z } from 'zod';
import { STATUSES } from '../domain/ticket';
import { isoTime, tierSchema } from './records';

/** GET /api/track/<code>: what a caller holding the code may see (shared/domain/track.ts). */
export const publicTicketViewSchema = z
  .object({
    code: z.string(),
    title: z.string().meta({ description: 'The title the problem was filed under.' }),
    status: z.enum(STATUSES),
    tier: tierSchema,
    updatedAt: isoTime,
    resolution: z.string().nullable().meta({ description: 'How it was resolved: only while the ticket is resolved or closed, else null.' }),
    publicNotes: z.array(z.object({ body: z.string(), createdAt: isoTime, author: z.string() })).meta({ description: 'Public notes only, oldest first.' }),
  })
  .meta({ id: 'PublicTicketView' });
