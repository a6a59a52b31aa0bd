import { randomUUID } from 'node:crypto';
import { computeDueTimes } from '../../shared/domain/sla';
import type { Ticket } from '../../shared/domain/ticket';
import type { PublicUser } from '../../shared/domain/records';
import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { randomBytes } from '../../shared/platform';

/** A ticket as the server would hold it; override what the test is about. */
export const makeTicket = (overrides: Partial<Ticket> = {}): Ticket => {
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00.000Z';
  const priority = overrides.priority ?? 'normal';
  return {
    id: randomUUID(),
    number: 1,
    code: makeTicketCode(randomBytes),
    title: 'Printer on floor 3 jams',
    description: 'Every second page jams in tray 2.',
    requester: { name: 'Ada Lovelace', contact: 'ext. 4411' },
    category: 'printing',
    priority,
    channel: 'phone',
    status: 'new',
    tier: 1,
    assigneeId: null,
    resolution: null,
    createdBy: 'user-tech',
    createdAt,
    updatedAt: createdAt,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    callMs: 0,
    ...computeDueTimes(createdAt, priority, 0),
    pendingSince: null,
    pausedMs: 0,
    ...overrides,
  };
};

export const makeUser = (overrides: Partial<PublicUser> = {}): PublicUser => ({
  id: randomUUID(),
  username: 'tina',
  displayName: 'Tina Tier-One',
  role: 'technician',
  tier: 1,
  active: true,
  ...overrides,
});

/** Arguments of a `ticket:create` a technician would send for a phone call. */
export const makeCreateArgs = (overrides: Partial<MutationArgsMap['ticket:create']> = {}): MutationArgsMap['ticket:create'] => ({
  id: randomUUID(),
  code: makeTicketCode(randomBytes),
  title: 'Cannot log in to VPN',
  description: 'Error 809 since this morning.',
  requester: { name: 'Grace Hopper', contact: 'grace@example.com' },
  category: 'network',
  priority: 'high',
  channel: 'phone',
  ...overrides,
});
