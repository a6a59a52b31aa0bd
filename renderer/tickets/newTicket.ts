import { ticketCreateArgs, type MutationArgsMap } from '../../shared/domain/mutationArgs';
import type { Channel, Priority } from '../../shared/domain/ticket';
import { makeTicketCode, type RandomBytes } from '../../shared/domain/ticketCode';

/** What the technician types into the new-ticket form. */
export type NewTicketInput = {
  requesterName: string;
  contact: string;
  title: string;
  description: string;
  category: string;
  priority: Priority;
  channel: Channel;
};

export const EMPTY_NEW_TICKET: NewTicketInput = {
  requesterName: '',
  contact: '',
  title: '',
  description: '',
  category: 'other',
  priority: 'normal',
  channel: 'phone',
};

export type NewTicketField = keyof NewTicketInput;

/**
 * The `ticket:create` arguments for a form: the id and the caller's code are made here, on the
 * technician's machine, so the caller hears the code at once, with or without a network.
 * `assigneeId`: whose it is from the start (the technician on the call), else nobody's.
 */
export const toCreateArgs = (
  input: NewTicketInput,
  newId: () => string,
  randomBytes: RandomBytes,
  assigneeId: string | null = null,
): MutationArgsMap['ticket:create'] => ({
  id: newId(),
  code: makeTicketCode(randomBytes),
  title: input.title,
  description: input.description,
  requester: { name: input.requesterName, contact: input.contact.trim() === '' ? null : input.contact.trim() },
  category: input.category,
  priority: input.priority,
  channel: input.channel,
  ...(assigneeId === null ? {} : { assigneeId }),
});

const FIELD_OF_PATH: Readonly<Record<string, NewTicketField>> = {
  'requester.name': 'requesterName',
  'requester.contact': 'contact',
  title: 'title',
  description: 'description',
  category: 'category',
  priority: 'priority',
  channel: 'channel',
};

/**
 * Why a field was refused, as data the form words in the console's language. The schema's own
 * messages are English for developers; the two a technician meets daily are recognised by their
 * issue, anything rarer is shown as the schema says it.
 */
export type FieldProblem = { kind: 'blank' } | { kind: 'tooLong'; max: number } | { kind: 'other'; message: string };

export type FieldProblems = Partial<Record<NewTicketField, FieldProblem>>;

const valueAt = (args: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), args);

/** Per-field problems from the same schema the rules use, to show next to each field. */
export const fieldErrors = (args: MutationArgsMap['ticket:create']): FieldProblems => {
  const parsed = ticketCreateArgs.safeParse(args);
  if (parsed.success) return {};
  const errors: FieldProblems = {};
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF_PATH[issue.path.join('.')];
    if (field === undefined || errors[field] !== undefined) continue;
    const value = valueAt(args, issue.path);
    errors[field] =
      issue.code === 'too_big' && typeof issue.maximum === 'number'
        ? { kind: 'tooLong', max: issue.maximum }
        : typeof value === 'string' && value.trim() === ''
          ? { kind: 'blank' }
          : { kind: 'other', message: issue.message };
  }
  return errors;
};
