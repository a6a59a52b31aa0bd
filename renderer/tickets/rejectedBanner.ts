import { parseMutation, type ParsedMutation } from '../../shared/domain/mutate';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import type { PublicUser, TicketEvent } from '../../shared/domain/records';
import { allowedTransitions } from '../../shared/domain/status';
import { EDITABLE_FIELDS, PRIORITIES, STATUSES, TIERS, type Priority, type Status, type Ticket } from '../../shared/domain/ticket';
import type { RejectedChange } from '../../shared/sync/localStore';
import { formatDateTime } from '../../shared/format/dates';
import { priorityLabel, refusalText, statusLabel, type TicketT } from './ticketLabels';
import { formatList } from '../../shared/format/numbers';

/** One refused change about the open ticket, as its banner shows it. */
export type RejectedBanner = {
  id: string;
  /** What was refused: "Your status change to Pending was refused." */
  what: string;
  /** The server's reason, in the chosen language where the rules' code allows. */
  reason: string;
  /** The server's value of what the change was about ("Resolved by Sam Second"), when the server sent its record. */
  serverHas: string | null;
  /** When the change was made, formatted. */
  at: string;
};

export type RejectedContext = {
  t: TicketT;
  locale: string;
  users: ReadonlyMap<string, PublicUser>;
  /** The ticket's events in the cache, to tell who made the server's status. */
  events: readonly TicketEvent[];
};

const name = (ctx: RejectedContext, id: string): string => ctx.users.get(id)?.displayName ?? ctx.t('unknownUser');

const list = (ctx: RejectedContext, items: string[]): string => formatList(items, ctx.locale, 'conjunction');

const isStatus = (value: unknown): value is Status => STATUSES.some((status) => status === value);
const isPriority = (value: unknown): value is Priority => PRIORITIES.some((priority) => priority === value);
const isTier = (value: unknown): value is Ticket['tier'] => TIERS.some((tier) => tier === value);

/** The fields of the server's record this screen can name; whatever else it holds is ignored. */
type ServerRecord = Partial<Pick<Ticket, 'status' | 'assigneeId' | 'tier' | 'title' | 'description' | 'category' | 'priority'>>;

const readRecord = (current: unknown): ServerRecord | null => {
  if (typeof current !== 'object' || current === null) return null;
  const record: Record<string, unknown> = { ...current };
  const text = (key: string) => (typeof record[key] === 'string' ? { [key]: record[key] } : {});
  return {
    ...(isStatus(record.status) ? { status: record.status } : {}),
    ...(typeof record.assigneeId === 'string' || record.assigneeId === null ? { assigneeId: record.assigneeId } : {}),
    ...(isTier(record.tier) ? { tier: record.tier } : {}),
    ...(isPriority(record.priority) ? { priority: record.priority } : {}),
    ...text('title'),
    ...text('description'),
    ...text('category'),
  };
};

// "Resolved by Sam": the latest status change to the server's status names who made it.
const statusFact = (ctx: RejectedContext, status: Status): string => {
  const label = statusLabel(ctx.t, status);
  if (status !== 'resolved' && status !== 'closed') return label;
  const last = ctx.events
    .filter((event) => event.type === 'status_changed' && event.data.to === status)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
  return last === undefined ? label : ctx.t('rejected.resolvedBy', { status: label, name: name(ctx, last.actorId) });
};

const assigneeFact = (ctx: RejectedContext, assigneeId: string | null): string =>
  assigneeId === null ? ctx.t('unassigned') : ctx.t('rejected.assignedTo', { name: name(ctx, assigneeId) });

const editedFields = (args: MutationArgsMap['ticket:update']) => EDITABLE_FIELDS.filter((field) => args[field] !== undefined);

const fieldFact = (ctx: RejectedContext, field: (typeof EDITABLE_FIELDS)[number], record: ServerRecord): string | null => {
  const value = record[field];
  if (value === undefined) return null;
  const shown = field === 'priority' && isPriority(value) ? priorityLabel(ctx.t, value) : value;
  return `${ctx.t(`timeline.field.${field}`)}: ${shown}`;
};

/** The facts of the server's record that matter for this kind of change. */
const serverFacts = (ctx: RejectedContext, mutation: ParsedMutation, record: ServerRecord): string[] => {
  const facts: Array<string | null> = [];
  const status = record.status === undefined ? null : statusFact(ctx, record.status);
  switch (mutation.name) {
    case 'ticket:assign':
      if (record.assigneeId !== undefined) facts.push(assigneeFact(ctx, record.assigneeId));
      break;
    case 'ticket:escalate':
      facts.push(status, record.tier === undefined ? null : ctx.t('rejected.atTier', { tier: record.tier }));
      break;
    case 'ticket:update':
      facts.push(...editedFields(mutation.args).map((field) => fieldFact(ctx, field, record)));
      break;
    default:
      facts.push(status);
  }
  return facts.filter((fact) => fact !== null);
};

// i18next reads ':' as its namespace separator, so the keys are the mutation names in camel case.
const WHAT_KEYS = {
  'ticket:create': 'ticketCreate',
  'ticket:update': 'ticketUpdate',
  'ticket:assign': 'ticketAssign',
  'ticket:transition': 'ticketTransition',
  'ticket:escalate': 'ticketEscalate',
  'ticket:tag': 'ticketTag',
  'ticket:link': 'ticketLink',
  'ticket:unlink': 'ticketUnlink',
  'ticket:markProblem': 'ticketMarkProblem',
  'note:add': 'noteAdd',
  'attachment:add': 'attachmentAdd',
  'session:save': 'sessionSave',
  'call:log': 'callLog',
  'reply:save': 'replySave',
  'reply:delete': 'replyDelete',
  'article:create': 'articleCreate',
  'article:update': 'articleUpdate',
  'article:publish': 'articlePublish',
  'ticket:linkArticle': 'ticketLinkArticle',
  'class:create': 'classCreate',
  'class:update': 'classUpdate',
  'class:markAttendance': 'classMarkAttendance',
  'ticket:callerAnswer': 'ticketCallerAnswer',
  'ticket:autoClose': 'ticketAutoClose',
  'ticket:mailRefused': 'ticketMailRefused',
  'ticket:callerMail': 'ticketCallerMail',
} as const satisfies Record<MutationName, string>;

const whatText = (ctx: RejectedContext, mutation: ParsedMutation): string => {
  const { t } = ctx;
  switch (mutation.name) {
    case 'ticket:update':
      return t('rejected.what.ticketUpdate', {
        fields: list(
          ctx,
          editedFields(mutation.args).map((field) => t(`timeline.field.${field}`)),
        ),
      });
    case 'ticket:assign':
      return mutation.args.assigneeId === null
        ? t('rejected.what.ticketUnassign')
        : t('rejected.what.ticketAssign', { name: name(ctx, mutation.args.assigneeId) });
    case 'ticket:transition':
      return t('rejected.what.ticketTransition', { to: statusLabel(t, mutation.args.to) });
    case 'ticket:escalate':
      return t('rejected.what.ticketEscalate', { tier: mutation.args.toTier });
    default:
      return t(`rejected.what.${WHAT_KEYS[mutation.name]}`);
  }
};

/** The banner of one refused change. Nothing is left out: a change whose arguments no longer parse still shows the server's reason. */
export const rejectedBanner = (change: RejectedChange, ctx: RejectedContext): RejectedBanner => {
  const parsed = parseMutation(change.name, change.args);
  const mutation = parsed.ok ? parsed.value : null;
  const record = readRecord(change.error.current);
  const from = mutation?.name === 'ticket:transition' ? { from: mutation.args.from } : {};
  const facts = mutation === null || record === null ? [] : serverFacts(ctx, mutation, record);
  return {
    id: change.id,
    what: mutation === null ? ctx.t('rejected.unreadable') : whatText(ctx, mutation),
    reason: refusalText(ctx.t, change.error, from),
    serverHas: facts.length === 0 ? null : ctx.t('rejected.serverHas', { facts: list(ctx, facts) }),
    at: formatDateTime(change.at, ctx.locale),
  };
};

/**
 * The arguments a retry sends. A status change refused because the status moved is tried again
 * from the status the ticket has now, if the life cycle allows that step from there; anything
 * else is sent as it was, and the rules then say whether it applies now.
 */
export const retryArgs = (change: RejectedChange, ticket: Pick<Ticket, 'status'>): MutationArgsMap['ticket:transition'] | undefined => {
  const parsed = parseMutation(change.name, change.args);
  if (!parsed.ok || parsed.value.name !== 'ticket:transition') return undefined;
  const args = parsed.value.args;
  if (args.from === ticket.status || !allowedTransitions(ticket.status).includes(args.to)) return undefined;
  return { ...args, from: ticket.status };
};
