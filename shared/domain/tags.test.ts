import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { entityKey, type EntityMap, type EntityName } from '../sync/protocol';
import { applyMutation, parseMutation } from './mutate';
import type { StateReader, Write } from './mutators';
import { changeTags, normalizeTag, tagProblem, TAG_LIMITS } from './tags';
import type { Ticket } from './ticket';

describe('normalizeTag and tagProblem', () => {
  it('trims, lower-cases and joins inner spaces with one dash', () => {
    expect(normalizeTag('  VPN  Client ')).toBe('vpn-client');
    expect(normalizeTag('Ünïcode')).toBe('ünïcode');
    // A decomposed é and a composed one are the same tag.
    expect(normalizeTag('cafe\u0301')).toBe(normalizeTag('caf\u00e9'));
  });
  it('refuses blank, over-long and punctuation-led tags, and commas', () => {
    expect(tagProblem('')).toBe('blank');
    expect(tagProblem('x'.repeat(TAG_LIMITS.length))).toBeNull();
    expect(tagProblem('x'.repeat(TAG_LIMITS.length + 1))).toBe('tooLong');
    expect(tagProblem('-vpn')).toBe('characters');
    expect(tagProblem('a,b')).toBe('characters');
    expect(tagProblem('c++')).toBeNull();
    expect(tagProblem('windows-11/x64')).toBeNull();
    expect(tagProblem('jaringan')).toBeNull();
  });
});

describe('changeTags', () => {
  it('adds and removes as sets, sorted, and says what really changed', () => {
    expect(changeTags(['vpn'], ['Printer', 'vpn'], [])).toEqual({ ok: true, value: { tags: ['printer', 'vpn'], added: ['printer'], removed: [] } });
    expect(changeTags(['printer', 'vpn'], [], ['VPN', 'absent'])).toEqual({ ok: true, value: { tags: ['printer'], added: [], removed: ['vpn'] } });
  });
  it('removes a tag named in both lists', () => {
    expect(changeTags([], ['vpn'], ['vpn'])).toEqual({ ok: true, value: { tags: [], added: [], removed: [] } });
  });
  it('merges two technicians who changed the same ticket from the same start, in either order', () => {
    const start = ['laptop'];
    const tina = { add: ['vpn'], remove: ['laptop'] };
    const sam = { add: ['printer'], remove: [] };
    const apply = (tags: readonly string[], change: { add: string[]; remove: string[] }) => {
      const result = changeTags(tags, change.add, change.remove);
      if (!result.ok) throw new Error(result.error.message);
      return result.value.tags;
    };
    expect(apply(apply(start, tina), sam)).toEqual(['printer', 'vpn']);
    expect(apply(apply(start, sam), tina)).toEqual(['printer', 'vpn']);
  });
  it('refuses to pass the limit, naming it', () => {
    const full = Array.from({ length: TAG_LIMITS.count }, (_, i) => `t${i}`);
    expect(changeTags(full, ['one-more'], [])).toMatchObject({ ok: false, error: { code: 'too_many_tags' } });
    // Swapping one for another at the limit is fine.
    expect(changeTags(full, ['one-more'], ['t0']).ok).toBe(true);
  });
});

const now = '2026-03-02T10:00:00.000Z';
const stateOf = (ticket: Ticket): StateReader => {
  const map = new Map([[entityKey('ticket', ticket.id), ticket]]);
  return <E extends EntityName>(entity: E, id: string) => map.get(entityKey(entity, id)) as EntityMap[E] | undefined;
};
const run = (args: unknown, ticket: Ticket) => {
  const parsed = parseMutation('ticket:tag', args);
  if (!parsed.ok) return parsed;
  return applyMutation(parsed.value, stateOf(ticket), { mutationId: 'm-7', actorId: 'u-tina', now });
};
const writesOf = (result: ReturnType<typeof run>): Write[] => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('ticket:tag', () => {
  it('writes the ticket with its new tags and a tags_changed event', () => {
    const ticket = makeTicket({ id: 't1' });
    const writes = writesOf(run({ id: 't1', add: ['VPN', ' laptop '] }, ticket));
    expect(writes).toEqual([
      { entity: 'ticket', id: 't1', data: { ...ticket, tags: ['laptop', 'vpn'], updatedAt: now } },
      {
        entity: 'event',
        id: 'm-7:0',
        data: { id: 'm-7:0', ticketId: 't1', actorId: 'u-tina', at: now, type: 'tags_changed', data: { added: ['laptop', 'vpn'], removed: [] } },
      },
    ]);
  });
  it('treats a ticket from before tags as untagged, and a change to nothing as nothing', () => {
    const old = makeTicket({ id: 't2' });
    delete old.tags;
    expect(writesOf(run({ id: 't2', remove: ['vpn'] }, old))).toEqual([]);
    expect(writesOf(run({ id: 't2', add: ['vpn'] }, { ...old, tags: ['vpn'] }))).toEqual([]);
  });
  it('refuses bad tags and empty changes with a message naming the problem', () => {
    const ticket = makeTicket({ id: 't3' });
    expect(run({ id: 't3', add: ['a,b'] }, ticket)).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', message: expect.stringContaining('add.0: a tag is letters and digits') },
    });
    expect(run({ id: 't3', add: ['  '] }, ticket)).toMatchObject({ ok: false, error: { message: expect.stringContaining('must not be blank') } });
    expect(run({ id: 't3', add: [], remove: [] }, ticket)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('add or remove at least one tag') },
    });
    expect(run({ id: 't3', add: ['x'.repeat(TAG_LIMITS.length + 1)] }, ticket)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
  it('refuses an eleventh tag with the ticket as it is', () => {
    const ticket = makeTicket({ id: 't4', tags: Array.from({ length: TAG_LIMITS.count }, (_, i) => `t${i}`) });
    expect(run({ id: 't4', add: ['extra'] }, ticket)).toMatchObject({ ok: false, error: { code: 'too_many_tags', current: ticket } });
  });
});
