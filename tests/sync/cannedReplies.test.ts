import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases';
import { cacheState, login, pullAll } from '../support/syncClient';
import { useSyncDesk } from '../support/syncDesk';

const PASSWORD = 'replies-password';

describe.each(DATABASE_KINDS)('canned replies over sync on %s', (kind) => {
  const desk = useSyncDesk(kind, [
    { username: 'sue', password: PASSWORD, displayName: 'Sue', role: 'supervisor', tier: null },
    { username: 'tina', password: PASSWORD, displayName: 'Tina', role: 'technician', tier: 1 },
  ]);
  const { client, push } = desk;
  const serverRows = () => desk.server.db.selectFrom('canned_replies').selectAll().orderBy('id').execute();

  it('a supervisor writes, edits and deletes a reply offline; every console and the server end up with the same replies', async () => {
    const sue = await client('sue');
    const tina = await client('tina');
    expect((await sue.engine.syncNow()).ok).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);

    sue.faults.offline = true;
    const kept = { id: randomUUID(), title: 'Password reset', body: 'Hello {{caller.name}}' };
    const dropped = { id: randomUUID(), title: 'Old text', body: 'No longer used' };
    expect(await sue.mutate('reply:save', kept)).toEqual({ ok: true, value: { queued: true } });
    expect(await sue.mutate('reply:save', dropped)).toEqual({ ok: true, value: { queued: true } });
    expect(await sue.mutate('reply:save', { ...kept, body: 'Hi {{caller.name}}, ticket {{ticket.code}}' })).toEqual({ ok: true, value: { queued: true } });
    expect(await sue.mutate('reply:delete', { id: dropped.id })).toEqual({ ok: true, value: { queued: true } });
    // Offline, the supervisor's own console shows the result at once.
    expect((await sue.db.replies.toArray()).map((reply) => [reply.id, reply.body])).toEqual([[kept.id, 'Hi {{caller.name}}, ticket {{ticket.code}}']]);
    sue.faults.offline = false;
    expect(await sue.engine.syncNow()).toMatchObject({ ok: true, pushed: 4 });

    expect((await tina.engine.syncNow()).ok).toBe(true);
    const [reply] = await tina.db.replies.toArray();
    expect(reply).toMatchObject({
      id: kept.id,
      title: 'Password reset',
      body: 'Hi {{caller.name}}, ticket {{ticket.code}}',
      createdBy: sue.user.id,
      updatedBy: sue.user.id,
    });
    expect(await tina.db.replies.count()).toBe(1);
    expect((await serverRows()).map((row) => [row.id, row.title, row.body])).toEqual([
      [kept.id, 'Password reset', 'Hi {{caller.name}}, ticket {{ticket.code}}'],
    ]);

    // A reply the technician's console already holds, deleted later, leaves it too.
    expect((await sue.mutate('reply:delete', { id: kept.id })).ok).toBe(true);
    expect((await sue.engine.syncNow()).ok).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect(await tina.db.replies.count()).toBe(0);
    expect(await serverRows()).toEqual([]);
    const everything = await pullAll(desk.server.url, tina.token);
    for (const console of [sue, tina]) expect(await cacheState(console.db)).toEqual(everything);
  });

  it('refuses a technician: nothing is queued by the console, and a forged push is rejected by the server', async () => {
    const tina = await client('tina');
    expect((await tina.engine.syncNow()).ok).toBe(true);
    const args = { id: randomUUID(), title: 'Mine', body: 'Made by a technician' };
    expect(await tina.mutate('reply:save', args)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tina.db.outbox.count()).toBe(0);
    expect(await tina.db.replies.count()).toBe(0);

    const forged = await push(tina.token, 'reply:save', args);
    expect(forged.results).toEqual([
      { id: expect.any(String), status: 'rejected', error: { code: 'forbidden', message: 'Only supervisors and admins manage canned replies.' } },
    ]);
    expect(await serverRows()).toEqual([]);

    const sueToken = (await login(desk.server.url, 'sue', PASSWORD)).token;
    const made = { id: randomUUID(), title: 'Sue’s', body: 'Text' };
    expect((await push(sueToken, 'reply:save', made)).results[0]?.status).toBe('applied');
    expect((await push(tina.token, 'reply:delete', { id: made.id })).results[0]?.error?.code).toBe('forbidden');
    expect((await push(tina.token, 'reply:save', { ...made, body: 'Changed by a technician' })).results[0]?.error?.code).toBe('forbidden');
    expect((await serverRows()).map((row) => row.body)).toEqual(['Text']);
    expect((await push(sueToken, 'reply:delete', { id: made.id })).results[0]?.status).toBe('applied');
  });

  it('refuses a supervisor’s offline reply once an admin has made them a technician meanwhile', async () => {
    await desk.server.createUser(desk.adminToken, { username: 'steve', password: PASSWORD, displayName: 'Steve', role: 'supervisor', tier: null });
    const steve = await client('steve', PASSWORD);
    expect((await steve.engine.syncNow()).ok).toBe(true);
    steve.faults.offline = true;
    const args = { id: randomUUID(), title: 'Late', body: 'Written before the demotion' };
    expect(await steve.mutate('reply:save', args)).toEqual({ ok: true, value: { queued: true } });
    const demoted = await fetch(`${desk.server.url}/api/users/${steve.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.adminToken}` },
      body: JSON.stringify({ role: 'technician', tier: 1 }),
    });
    expect(demoted.status).toBe(200);
    steve.faults.offline = false;
    expect((await steve.engine.syncNow()).ok).toBe(true);
    expect((await steve.db.rejected.toArray()).map((row) => [row.name, row.error.code])).toEqual([['reply:save', 'forbidden']]);
    expect(await steve.db.replies.count()).toBe(0);
    expect(await serverRows()).toEqual([]);
  });
});
