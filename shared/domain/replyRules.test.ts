import { describe, expect, it } from 'vitest';
import { makeUser } from '../../tests/support/factories';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { applyMutation, mutationReads, parseMutation } from './mutate';
import type { StateReader } from './mutators';
import type { CannedReply, PublicUser } from './records';

const now = '2026-03-02T10:00:00.000Z';
const sue = makeUser({ id: 'sue', username: 'sue', role: 'supervisor', tier: null });
const admin = makeUser({ id: 'admin', username: 'admin', role: 'admin', tier: null });
const tina = makeUser({ id: 'tina', role: 'technician', tier: 1 });

const stateOf = (...records: Array<[EntityName, AnyEntity]>): StateReader => {
  const map = new Map(records.map(([entity, record]) => [entityKey(entity, record.id), record]));
  return <E extends EntityName>(entity: E, id: string) => map.get(entityKey(entity, id)) as EntityMap[E] | undefined;
};

const run = (actor: PublicUser, name: string, args: unknown, ...records: Array<[EntityName, AnyEntity]>) => {
  const parsed = parseMutation(name, args);
  if (!parsed.ok) return parsed;
  return applyMutation(parsed.value, stateOf(['user', actor], ...records), { mutationId: 'm-1', actorId: actor.id, now });
};

const existing: CannedReply = {
  id: 'r1',
  title: 'Password reset',
  body: 'Hello {{caller.name}}',
  createdBy: 'sue',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedBy: 'sue',
  updatedAt: '2026-03-01T09:00:00.000Z',
};

describe('reply:save', () => {
  it('lets supervisors and admins create a reply, trimmed title, body as written', () => {
    for (const actor of [sue, admin]) {
      expect(run(actor, 'reply:save', { id: 'r1', title: '  Password reset ', body: 'Hello {{caller.name}}\n' })).toEqual({
        ok: true,
        value: [
          {
            entity: 'reply',
            id: 'r1',
            data: {
              id: 'r1',
              title: 'Password reset',
              body: 'Hello {{caller.name}}\n',
              createdBy: actor.id,
              createdAt: now,
              updatedBy: actor.id,
              updatedAt: now,
            },
          },
        ],
      });
    }
  });

  it('edits a reply, keeping who made it and when', () => {
    const result = run(admin, 'reply:save', { id: 'r1', title: 'Password reset', body: 'Hi {{caller.name}}' }, ['reply', existing]);
    expect(result).toMatchObject({ ok: true, value: [{ data: { ...existing, body: 'Hi {{caller.name}}', updatedBy: 'admin', updatedAt: now } }] });
    expect(run(sue, 'reply:save', { id: 'r1', title: existing.title, body: existing.body }, ['reply', existing])).toEqual({ ok: true, value: [] });
  });

  it('refuses technicians, deactivated supervisors and unknown actors', () => {
    const args = { id: 'r1', title: 'Mine', body: 'Text' };
    expect(run(tina, 'reply:save', args)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(run(tina, 'reply:save', args, ['reply', existing])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(run({ ...sue, active: false }, 'reply:save', args)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const parsed = parseMutation('reply:save', args);
    if (!parsed.ok) throw new Error('should parse');
    expect(applyMutation(parsed.value, stateOf(), { mutationId: 'm-1', actorId: 'ghost', now })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('reads the reply and the actor, whose role decides', () => {
    const parsed = parseMutation('reply:save', { id: 'r1', title: 'T', body: 'B' });
    if (!parsed.ok) throw new Error('should parse');
    expect(mutationReads(parsed.value, 'sue')).toEqual([
      { entity: 'reply', id: 'r1' },
      { entity: 'user', id: 'sue' },
    ]);
  });

  it('refuses a blank title or body and text past the limits', () => {
    expect(parseMutation('reply:save', { id: 'r1', title: ' ', body: 'B' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', message: expect.stringContaining('title: must not be blank') },
    });
    expect(parseMutation('reply:save', { id: 'r1', title: 'T', body: '' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(parseMutation('reply:save', { id: 'r1', title: 'x'.repeat(121), body: 'B' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at most 120') },
    });
    expect(parseMutation('reply:save', { id: 'r1', title: 'T', body: 'B', extra: 1 }).ok).toBe(false);
  });
});

describe('reply:delete', () => {
  it('deletes a reply for supervisors and admins', () => {
    for (const actor of [sue, admin]) {
      expect(run(actor, 'reply:delete', { id: 'r1' }, ['reply', existing])).toEqual({ ok: true, value: [{ entity: 'reply', id: 'r1', data: null }] });
    }
    expect(run(sue, 'reply:delete', { id: 'r2' }, ['reply', existing])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('gives technicians one answer whether the reply exists or not', () => {
    const there = run(tina, 'reply:delete', { id: 'r1' }, ['reply', existing]);
    const absent = run(tina, 'reply:delete', { id: 'r2' }, ['reply', existing]);
    expect(there).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(absent).toEqual(there);
  });
});
