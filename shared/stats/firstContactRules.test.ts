import { describe, expect, it } from 'vitest';
import { makeCreateArgs, makeUser } from '../../tests/support/factories';
import { applyMutation, parseMutation } from '../domain/mutate';
import type { StateReader, Write } from '../domain/mutators';
import type { TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { computeSummary, computeTechnicians } from './metrics';
import type { StatsQuery } from './selection';
import type { History } from './ticketFacts';

/*
 * The statistics over records the real rules wrote: a call's ticket owned from the start, a new
 * ticket resolved on the call in one step, and an escalated one. The metrics tests tell stories
 * by hand; these check that the rules leave what the first-contact definition reads.
 */

const tina = makeUser({ id: 'u-tina', displayName: 'Tina', tier: 1 });
const tomas = makeUser({ id: 'u-tomas', username: 'tomas', displayName: 'Tomas', tier: 1 });
const sam = makeUser({ id: 'u-sam', username: 'sam', displayName: 'Sam', tier: 2 });
const START = Date.parse('2026-03-02T09:00:00.000Z');
const query: StatsQuery = {
  period: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' },
  filters: {},
  options: { now: '2026-03-09T00:00:00.000Z' },
};

/** A desk the rules run against, as the server runs them: records by key, each change at its minute. */
const desk = () => {
  const records = new Map<string, AnyEntity>([tina, tomas, sam].map((user) => [entityKey('user', user.id), user]));
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => records.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  let count = 0;
  const act = (actorId: string, minute: number, name: string, args: unknown): void => {
    const parsed = parseMutation(name, args);
    if (!parsed.ok) throw new Error(parsed.error.message);
    count += 1;
    const result = applyMutation(parsed.value, read, { mutationId: `m-${count}`, actorId, now: new Date(START + minute * 60_000).toISOString() });
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    result.value.forEach((write: Write) => {
      if (write.data === null) records.delete(entityKey(write.entity, write.id));
      else records.set(entityKey(write.entity, write.id), write.data);
    });
  };
  const history = (): History => {
    const all = [...records.values()];
    return {
      tickets: all.filter((record): record is Ticket => 'code' in record),
      events: all.filter((record): record is TicketEvent => 'ticketId' in record && 'type' in record),
      sessions: [],
      users: [tina, tomas, sam],
    };
  };
  return { act, history };
};

describe('first-contact resolution over what the rules write', () => {
  it('counts a call ticket owned from the start, and a new ticket resolved in one step, each credited to who fixed it', () => {
    const { act, history } = desk();
    const call = makeCreateArgs({ assigneeId: tina.id });
    act(tina.id, 0, 'ticket:create', call);
    act(tina.id, 12, 'call:log', { ticketId: call.id, startedAt: new Date(START).toISOString(), endedAt: new Date(START + 12 * 60_000).toISOString() });
    act(tina.id, 12, 'ticket:transition', { id: call.id, from: 'open', to: 'resolved', resolution: 'Reset the VPN profile' });

    const typedIn = makeCreateArgs();
    act(tina.id, 20, 'ticket:create', typedIn);
    act(tomas.id, 30, 'ticket:transition', { id: typedIn.id, from: 'new', to: 'resolved', resolution: 'Cleared the print queue' });

    const escalated = makeCreateArgs({ assigneeId: tina.id });
    act(tina.id, 40, 'ticket:create', escalated);
    act(tina.id, 45, 'ticket:escalate', { id: escalated.id, toTier: 2, reason: 'Needs admin rights' });
    act(sam.id, 50, 'ticket:transition', { id: escalated.id, from: 'open', to: 'resolved', resolution: 'Granted the rights' });

    const summary = computeSummary(history(), query);
    expect(summary.resolved).toBe(3);
    expect(summary.firstContactResolutionRate).toBe(2 / 3);
    const resolvedBy = Object.fromEntries(computeTechnicians(history(), query).rows.map((row) => [row.id, row.resolved]));
    expect(resolvedBy).toEqual({ [tina.id]: 1, [tomas.id]: 1, [sam.id]: 1 });
  });
});
