import { z } from 'zod';
import { STATUSES } from '../domain/ticket';
import { isoTime, tierSchema } from './records';

/** GET /api/track/<code>: what a caller holding the code may see (shared/domain/track.ts). */
export const publicTicketViewSchema = z
  .object({
    code: z.string(),
    status: z.enum(STATUSES),
    tier: tierSchema,
    updatedAt: isoTime,
    publicNotes: z.array(z.object({ body: z.string(), createdAt: isoTime, author: z.string() })).meta({ description: 'Public notes only, oldest first.' }),
  })
  .meta({ id: 'PublicTicketView' });
