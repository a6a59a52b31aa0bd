import { randomUUID } from 'node:crypto';
import { allowedTransitions } from '../../shared/domain/status';
import { PRIORITIES, type Ticket } from '../../shared/domain/ticket';
import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { randomBytes } from '../../shared/platform';

/** One change a technician makes, as the console would queue it. */
export type Action = { [N in MutationName]: { name: N; args: MutationArgsMap[N] } }[MutationName];

/**
 * How often each kind of change comes up on a help desk day, roughly: most work is moving tickets
 * along and writing down what was done; new calls, assignment, escalation and sessions less so.
 */
const MIX: ReadonlyArray<readonly [Action['name'] | 'title', number]> = [
  ['ticket:create', 14],
  ['ticket:transition', 24],
  ['note:add', 16],
  ['title', 10],
  ['ticket:update', 8],
  ['ticket:assign', 10],
  ['ticket:escalate', 5],
  ['session:save', 8],
  ['call:log', 5],
];
const TOTAL = MIX.reduce((sum, [, weight]) => sum + weight, 0);

const CATEGORIES = ['network', 'printing', 'email', 'hardware', 'accounts', 'software'];
const CALLERS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Ken Thompson', 'Frances Allen', 'John Backus'];

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

/** The marker a tracked title edit carries, so other consoles' caches can say when they first showed it. */
export const trackedTitle = (console: string, seq: number): string => `Load ${console} #${seq}`;

export type WorkContext = {
  console: string;
  seq: number;
  random: () => number;
  /** A ticket from this console's cache, or undefined when it has none yet. */
  ticket: Ticket | undefined;
  technicianIds: readonly string[];
  now: Date;
};

/** The next change a console makes; undefined when the drawn kind does not fit the ticket (the caller just waits). */
export const nextAction = (ctx: WorkContext): Action | undefined => {
  let roll = ctx.random() * TOTAL;
  let kind: (typeof MIX)[number][0] = 'ticket:create';
  for (const [name, weight] of MIX) {
    roll -= weight;
    if (roll < 0) {
      kind = name;
      break;
    }
  }
  const { ticket, random } = ctx;
  if (kind === 'ticket:create' || ticket === undefined) {
    return {
      name: 'ticket:create',
      args: {
        id: randomUUID(),
        code: makeTicketCode(randomBytes),
        title: `Call ${ctx.console} #${ctx.seq}`,
        description: 'Reported on the phone during the load test.',
        requester: { name: pick(CALLERS, random), contact: `ext. ${1000 + Math.floor(random() * 9000)}` },
        category: pick(CATEGORIES, random),
        priority: pick(PRIORITIES, random),
        channel: 'phone',
      },
    };
  }
  const at = ctx.now.toISOString();
  switch (kind) {
    case 'ticket:transition': {
      const to = pick(allowedTransitions(ticket.status), random);
      return {
        name: 'ticket:transition',
        args: { id: ticket.id, from: ticket.status, to, ...(to === 'resolved' ? { resolution: `Fixed by ${ctx.console}` } : {}) },
      };
    }
    case 'note:add':
      return {
        name: 'note:add',
        args: { id: randomUUID(), ticketId: ticket.id, body: `Tried step ${ctx.seq}.`, visibility: random() < 0.3 ? 'public' : 'internal' },
      };
    case 'title':
      return { name: 'ticket:update', args: { id: ticket.id, title: trackedTitle(ctx.console, ctx.seq) } };
    case 'ticket:update':
      return {
        name: 'ticket:update',
        args: random() < 0.5 ? { id: ticket.id, priority: pick(PRIORITIES, random) } : { id: ticket.id, category: pick(CATEGORIES, random) },
      };
    case 'ticket:assign':
      return { name: 'ticket:assign', args: { id: ticket.id, assigneeId: random() < 0.15 ? null : pick(ctx.technicianIds, random) } };
    case 'ticket:escalate':
      return ticket.tier >= 3
        ? undefined
        : { name: 'ticket:escalate', args: { id: ticket.id, toTier: ticket.tier + 1, reason: 'Needs more access than tier 1 has.' } };
    case 'session:save': {
      const startedAt = new Date(ctx.now.getTime() - 600_000).toISOString();
      return {
        name: 'session:save',
        args: {
          id: randomUUID(),
          ticketId: ticket.id,
          tool: 'rdp',
          target: `PC-${ctx.seq}`,
          startedAt,
          consent: true,
          endedAt: at,
          outcome: 'partly',
          steps: [{ at, text: 'Cleared the print spooler.' }],
        },
      };
    }
    case 'call:log':
      return { name: 'call:log', args: { ticketId: ticket.id, startedAt: new Date(ctx.now.getTime() - 240_000).toISOString(), endedAt: at } };
  }
  return undefined;
};
