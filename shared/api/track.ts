import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../attachments/attachmentType';
import { LIMITS, STATUSES } from '../domain/ticket';
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
    publicNotes: z
      .array(
        z.object({
          body: z.string(),
          createdAt: isoTime,
          author: z.string().meta({ description: "The staff member's display name; empty for the caller's own words." }),
          fromCaller: z.boolean().meta({ description: 'Written by the caller (a No on /track).' }),
          attachments: z
            .array(z.object({ id: z.string(), name: z.string(), size: z.number().int(), contentType: z.enum(ATTACHMENT_TYPES) }))
            .meta({ description: 'Files attached to this note, in order; read each at GET /api/track/<code>/attachments/<id>.' }),
        }),
      )
      .meta({ description: 'Public notes only, oldest first.' }),
    callerAnswer: z
      .object({ solved: z.boolean(), rating: z.number().int().min(1).max(5).nullable(), answeredAt: isoTime })
      .nullable()
      .meta({ description: 'The answer to the current resolution; null while it waits for one, or when the ticket is not resolved or closed.' }),
  })
  .meta({ id: 'PublicTicketView' });

/**
 * POST /api/track/<code>/answer: "Is your problem solved?". A Yes may carry a rating from 1 to 5
 * and a comment; a No must carry the caller's words, which the technician reads.
 */
export const trackAnswerBodySchema = z
  .strictObject({
    solved: z.boolean({ error: 'solved must be true or false' }),
    rating: z.number().int('a whole number from 1 to 5').min(1, 'a whole number from 1 to 5').max(5, 'a whole number from 1 to 5').nullish(),
    comment: z
      .string()
      .max(LIMITS.callerComment, `at most ${LIMITS.callerComment} characters`)
      .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
      .nullish(),
  })
  .refine((a) => a.solved || (a.comment ?? '').trim() !== '', { message: 'say what is still wrong when the problem is not solved', path: ['comment'] })
  .refine((a) => a.solved || a.rating === undefined || a.rating === null, { message: 'a rating goes with a Yes only', path: ['rating'] })
  .meta({ id: 'TrackAnswer' });

export type TrackAnswerBody = z.infer<typeof trackAnswerBodySchema>;
