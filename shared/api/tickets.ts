import { z } from 'zod';
import { noteSchema, remoteSessionSchema, ticketEventSchema, ticketSchema } from './records';

/** Answers of the ticket lookups (docs/API.md, Tickets); schemas.test.ts holds them to shared/tickets/api.ts's types. */

export const ticketPageSchema = z
  .object({
    tickets: z.array(ticketSchema).meta({ description: 'Matches, newest first (by number, descending).' }),
    next: z.string().nullable().meta({
      description:
        'Send back as `cursor` for the next page, unchanged; null on the last page. A page before the last may hold fewer tickets than asked, even none.',
    }),
  })
  .meta({ id: 'TicketPage' });

export const ticketWithTimelineSchema = z
  .object({
    ticket: ticketSchema,
    events: z.array(ticketEventSchema).meta({ description: 'Oldest first.' }),
    notes: z.array(noteSchema).meta({ description: 'Public and internal, oldest first.' }),
    sessions: z.array(remoteSessionSchema).meta({ description: 'Remote sessions, oldest first.' }),
  })
  .meta({ id: 'TicketWithTimeline' });
