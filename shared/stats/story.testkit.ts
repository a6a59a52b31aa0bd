import type { EventPayload, PublicUser, RemoteSession, TicketEvent } from '../domain/records';
import { pauseClock, resumeClock } from '../domain/sla';
import type { Ticket, Tier } from '../domain/ticket';
import { HOUR_MS } from './period';
import type { History } from './ticketFacts';

/**
 * Test support: a ticket's life told as steps, each at a number of hours after its creation,
 * played the way the mutators would (status, assignee, tier, clocks and timeline events).
 */
export type Step =
  | [hours: number, action: 'take' | 'assign', to: string | null]
  | [hours: number, action: 'resolve' | 'reopen' | 'close' | 'pending' | 'resume' | 'call']
  | [hours: number, action: 'escalate', toTier: Tier];

export type Story = { ticket: Ticket; events: TicketEvent[] };

export const hoursAfter = (start: string, hours: number): string => new Date(Date.parse(start) + hours * HOUR_MS).toISOString();

export const playStory = (base: Ticket, steps: readonly Step[]): Story => {
  let ticket: Ticket = { ...base };
  const events: TicketEvent[] = [];
  const emit = (at: string, payload: EventPayload): void => {
    events.push({ id: `${ticket.id}:${String(events.length).padStart(3, '0')}`, ticketId: ticket.id, actorId: 'user-actor', at, ...payload });
  };
  const move = (at: string, to: Ticket['status']): void => {
    const from = ticket.status;
    const isReopen = to === 'open' && (from === 'resolved' || from === 'closed');
    emit(at, { type: 'status_changed', data: { from, to, resolution: to === 'resolved' ? 'Fixed.' : null, isReopen } });
    ticket = { ...ticket, status: to, updatedAt: at };
  };
  emit(base.createdAt, { type: 'created', data: { number: base.number } });
  for (const step of steps) {
    const at = hoursAfter(base.createdAt, step[0]);
    switch (step[1]) {
      case 'take':
      case 'assign':
        emit(at, { type: 'assigned', data: { from: ticket.assigneeId, to: step[2] } });
        ticket = { ...ticket, assigneeId: step[2] };
        if (step[1] === 'take' && ticket.status === 'new') move(at, 'open');
        break;
      case 'resolve':
        move(at, 'resolved');
        ticket = { ...ticket, resolvedAt: at, resolution: 'Fixed.' };
        break;
      case 'reopen':
        move(at, 'open');
        ticket = { ...ticket, resolvedAt: null, closedAt: null, resolution: null, reopenCount: ticket.reopenCount + 1 };
        break;
      case 'close':
        move(at, 'closed');
        ticket = { ...ticket, closedAt: at };
        break;
      case 'pending':
        move(at, 'pending');
        ticket = pauseClock(ticket, at);
        break;
      case 'resume':
        move(at, 'open');
        ticket = resumeClock(ticket, at);
        break;
      case 'call':
        emit(at, { type: 'call_logged', data: { startedAt: at, durationMs: 600_000 } });
        ticket = { ...ticket, callMs: ticket.callMs + 600_000 };
        break;
      case 'escalate':
        emit(at, { type: 'escalated', data: { fromTier: ticket.tier, toTier: step[2], reason: 'Needs tier above.' } });
        if (ticket.assigneeId !== null) emit(at, { type: 'assigned', data: { from: ticket.assigneeId, to: null } });
        ticket = { ...ticket, tier: step[2], assigneeId: null };
        break;
    }
  }
  return { ticket, events };
};

/** A finished remote session on a ticket, `hours` long, ending at `endedAt`. */
export const makeSession = (ticketId: string, technicianId: string, endedAt: string, hours: number): RemoteSession => ({
  id: `session-${ticketId}-${endedAt}`,
  ticketId,
  technicianId,
  tool: 'rdp',
  target: 'PC-0001',
  consent: true,
  startedAt: hoursAfter(endedAt, -hours),
  endedAt,
  steps: [],
  outcome: 'resolved',
  updatedAt: endedAt,
});

export const historyOf = (stories: readonly Story[], users: readonly PublicUser[] = [], sessions: readonly RemoteSession[] = []): History => ({
  tickets: stories.map((s) => s.ticket),
  events: stories.flatMap((s) => s.events),
  sessions,
  users,
});
