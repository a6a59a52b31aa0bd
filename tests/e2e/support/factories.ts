import { randomUUID } from 'node:crypto';
import type { NewTicketInput } from '../../../renderer/tickets/newTicket';

/** What a technician types into the new-ticket form (the form's own type); titles are unique so a test finds its own ticket. */
export type TicketInput = NewTicketInput;

export const makeTicketInput = (overrides: Partial<TicketInput> = {}): TicketInput => ({
  requesterName: 'Grace Hopper',
  contact: 'ext. 2291',
  title: `Outlook asks for the password again ${randomUUID().slice(0, 8)}`,
  description: 'Since the password change this morning Outlook keeps prompting.',
  category: 'email',
  priority: 'high',
  channel: 'phone',
  ...overrides,
});
