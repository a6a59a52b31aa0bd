import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import type { Priority, Ticket } from '../../shared/domain/ticket';

/** What the edit form holds: the editable fields, as typed. */
export type TicketEditFields = { title: string; description: string; category: string; priority: Priority };

export const editFieldsOf = (ticket: Pick<Ticket, 'title' | 'description' | 'category' | 'priority'>): TicketEditFields => ({
  title: ticket.title,
  description: ticket.description,
  category: ticket.category,
  priority: ticket.priority,
});

/**
 * The `ticket:update` arguments for the fields the technician changed, or null when nothing
 * changed. Sending only those keeps an edit of the title from overwriting a priority someone
 * else set meanwhile. Title and category compare trimmed, as the rules store them.
 */
export const editArgs = (
  ticket: Pick<Ticket, 'id' | 'title' | 'description' | 'category' | 'priority'>,
  draft: TicketEditFields,
): MutationArgsMap['ticket:update'] | null => {
  const args: MutationArgsMap['ticket:update'] = { id: ticket.id };
  if (draft.title.trim() !== ticket.title) args.title = draft.title;
  if (draft.description !== ticket.description) args.description = draft.description;
  if (draft.category.trim() !== ticket.category) args.category = draft.category;
  if (draft.priority !== ticket.priority) args.priority = draft.priority;
  return Object.keys(args).length === 1 ? null : args;
};
