import { randomUUID } from 'node:crypto';
import { allowedTransitions } from '../../shared/domain/status';
import { PRIORITIES } from '../../shared/domain/ticket';
import { cleanFaults } from './faultyFetch';
import { makeCreateArgs } from './factories';
import type { TestClient } from './syncClient';

/**
 * The random work of the convergence tests: what one console does in one step (edit, sync, or
 * switch its own in-process wire's faults), and a race of every console over one ticket.
 */
export const STEP_KINDS = [
  'create',
  'create',
  'update',
  'assign',
  'transition',
  'transition',
  'transition',
  'escalate',
  'note',
  'session',
  'tag',
  'link',
  'sync',
  'sync',
  'sync',
  'offline',
  'online',
  'lossy',
  'lossy',
  'clean',
  'race',
] as const;
export type Step = { client: number; kind: (typeof STEP_KINDS)[number]; pick: number; value: number };

/** Every console changes the status of the same ticket from what it believes: at most one can win each edge. */
export const race = async (clients: TestClient[], step: Step): Promise<void> => {
  const [first] = clients;
  const shared = first === undefined ? [] : await first.db.tickets.orderBy('id').limit(1).toArray();
  const ticketId = shared[0]?.id;
  if (ticketId === undefined) return;
  for (const [i, client] of clients.entries()) {
    const ticket = await client.db.tickets.get(ticketId);
    if (ticket === undefined) continue;
    const options = allowedTransitions(ticket.status);
    const to = options[(step.value + i) % options.length] ?? 'open';
    await client.mutate('ticket:transition', { id: ticketId, from: ticket.status, to, ...(to === 'resolved' ? { resolution: 'Race fix' } : {}) });
  }
};

export const perform = async (client: TestClient, step: Step, running: Array<Promise<unknown>>): Promise<void> => {
  const tickets = await client.db.tickets.orderBy('id').toArray();
  // Most steps aim at the same few tickets, so that consoles really do collide.
  const pool = step.pick % 3 === 0 ? tickets.length : Math.min(tickets.length, 3);
  const target = pool === 0 ? undefined : tickets[step.pick % pool];
  switch (step.kind) {
    case 'create':
      await client.mutate('ticket:create', makeCreateArgs({ title: `Call ${step.value}`, priority: PRIORITIES[step.value % PRIORITIES.length] ?? 'normal' }));
      return;
    case 'update':
      if (target)
        await client.mutate(
          'ticket:update',
          step.value % 2 === 0 ? { id: target.id, title: `Edited ${step.value}` } : { id: target.id, priority: PRIORITIES[step.value % 4] },
        );
      return;
    case 'assign': {
      if (!target) return;
      const users = (await client.db.users.orderBy('id').toArray()).filter((user) => user.role === 'technician');
      const assignee = users[step.value % (users.length + 1)];
      await client.mutate('ticket:assign', { id: target.id, assigneeId: assignee?.id ?? null });
      return;
    }
    case 'transition': {
      if (!target) return;
      const options = allowedTransitions(target.status);
      const to = options[step.value % options.length] ?? 'open';
      await client.mutate('ticket:transition', {
        id: target.id,
        from: target.status,
        to,
        ...(to === 'resolved' ? { resolution: `Fixed in step ${step.value}` } : {}),
      });
      return;
    }
    case 'escalate':
      if (target)
        await client.mutate('ticket:escalate', {
          id: target.id,
          toTier: Math.min(3, target.tier + 1 + (step.value % 2)),
          reason: `Needs tier ${target.tier + 1}`,
        });
      return;
    case 'tag': {
      // Few tags on few tickets: consoles add and remove the same ones, which must merge.
      if (!target) return;
      const tag = ['vpn', 'laptop', 'printer'][step.value % 3] ?? 'vpn';
      await client.mutate('ticket:tag', step.value % 4 === 0 ? { id: target.id, remove: [tag] } : { id: target.id, add: [tag] });
      return;
    }
    case 'link': {
      // Links among the same few tickets, problems among them: a resolution then reaches the incidents
      // and duplicates each side holds when it applies it, offline replays included.
      const other = tickets[(step.pick + 1 + step.value) % Math.max(tickets.length, 1)];
      if (!target || !other) return;
      const pair = { id: target.id, otherId: other.id };
      const choice = step.value % 6;
      if (choice === 0) await client.mutate('ticket:markProblem', { id: target.id, isProblem: step.value % 12 !== 6 });
      else if (choice === 5) await client.mutate('ticket:unlink', pair);
      else await client.mutate('ticket:link', { ...pair, kind: choice === 1 || choice === 4 ? 'problem' : choice === 2 ? 'duplicate' : 'related' });
      return;
    }
    case 'note':
      if (target)
        await client.mutate('note:add', {
          id: randomUUID(),
          ticketId: target.id,
          body: `Note ${step.value}`,
          visibility: step.value % 2 === 0 ? 'public' : 'internal',
        });
      return;
    case 'session': {
      if (!target) return;
      const open = (await client.db.sessions.where('ticketId').equals(target.id).toArray()).find(
        (s) => s.technicianId === client.user.id && s.endedAt === null,
      );
      const now = new Date().toISOString();
      if (open) {
        const { id, ticketId, tool, target: machine, startedAt, consent, steps } = open;
        await client.mutate('session:save', {
          id,
          ticketId,
          tool,
          target: machine,
          startedAt,
          consent,
          endedAt: now,
          outcome: 'resolved',
          steps: [...steps, { at: now, text: `Step ${step.value}` }],
        });
      } else {
        await client.mutate('session:save', {
          id: randomUUID(),
          ticketId: target.id,
          tool: 'rdp',
          target: `PC-${step.value}`,
          startedAt: now,
          consent: true,
          steps: [],
        });
      }
      return;
    }
    case 'sync':
      // Not awaited: the next steps run while this sync is in flight.
      running.push(client.engine.syncNow());
      return;
    case 'offline':
      client.faults.offline = true;
      return;
    case 'online':
      client.faults.offline = false;
      return;
    case 'lossy':
      client.faults.dropRequest = 0.35;
      client.faults.dropResponse = 0.35;
      return;
    case 'clean':
      Object.assign(client.faults, cleanFaults());
      return;
    case 'race':
      return; // handled across clients by the caller
  }
};
