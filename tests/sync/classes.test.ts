import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requesterKey } from '../../shared/stats/requester';
import { DATABASE_KINDS } from '../support/databases';
import { cacheState, pullAll } from '../support/syncClient';
import { useSyncDesk } from '../support/syncDesk';

const PASSWORD = 'classes-password';
const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('training classes over sync on %s', (kind) => {
  const desk = useSyncDesk(kind, [
    { username: 'tina', password: PASSWORD, displayName: 'Tina', role: 'technician', tier: 1 },
    { username: 'budi', password: PASSWORD, displayName: 'Budi', role: 'technician', tier: 2 },
  ]);
  const { client, push, pullWorkingSet } = desk;
  const classRow = (id: string) => desk.server.db.selectFrom('training_classes').selectAll().where('id', '=', id).executeTakeFirst();
  const attendeeRows = (id: string) =>
    desk.server.db
      .selectFrom('training_class_attendees')
      .select(['requester_key', 'name', 'contact', 'attendance'])
      .where('class_id', '=', id)
      .orderBy('requester_key')
      .execute();
  const planned = (id: string, trainerId: string, startsAt: string) => ({
    id,
    title: 'Printing without jams',
    topic: 'printing',
    trainerIds: [trainerId],
    startsAt,
    durationMinutes: 60,
    place: 'Room 2',
    materials: [],
    attendees: [
      { name: 'Greta Garbo', contact: 'ext. 12' },
      { name: 'Hadi', contact: null },
    ],
  });

  it('a technician plans a class offline; the server stores it with its attendees keyed as requesters, and every console and working set holds it', async () => {
    const tina = await client('tina');
    const budi = await client('budi');
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await budi.engine.syncNow()).ok).toBe(true);

    tina.faults.offline = true;
    const id = randomUUID();
    const startsAt = new Date(Date.now() + 24 * HOUR).toISOString();
    expect(await tina.mutate('class:create', planned(id, tina.user.id, startsAt))).toEqual({ ok: true, value: { queued: true } });
    expect(await tina.mutate('class:update', { id, baseVersion: 1, place: 'https://meet.example.com/jams' })).toEqual({ ok: true, value: { queued: true } });
    // Offline, her own console holds the class at once, at its second version.
    expect(await tina.db.classes.get(id)).toMatchObject({ version: 2, place: 'https://meet.example.com/jams', startsAt });
    tina.faults.offline = false;
    expect(await tina.engine.syncNow()).toMatchObject({ ok: true, pushed: 2 });

    expect(await classRow(id)).toMatchObject({
      title: 'Printing without jams',
      topic: 'printing',
      trainer_ids: JSON.stringify([tina.user.id]),
      starts_at: Date.parse(startsAt),
      duration_minutes: 60,
      place: 'https://meet.example.com/jams',
      materials: '[]',
      version: 2,
      created_by: tina.user.id,
    });
    // The attendees' keys are the statistics' requester keys, so impact can join them to ticket_facts.
    expect(await attendeeRows(id)).toEqual(
      [
        {
          requester_key: requesterKey({ requester: { name: 'Greta Garbo', contact: 'ext. 12' } }),
          name: 'Greta Garbo',
          contact: 'ext. 12',
          attendance: 'unmarked',
        },
        { requester_key: requesterKey({ requester: { name: 'Hadi', contact: null } }), name: 'Hadi', contact: null, attendance: 'unmarked' },
      ].sort((a, b) => (a.requester_key < b.requester_key ? -1 : 1)),
    );

    expect((await budi.engine.syncNow()).ok).toBe(true);
    expect(await budi.db.classes.get(id)).toMatchObject({ version: 2, createdBy: tina.user.id });
    const everything = await pullAll(desk.server.url, budi.token);
    for (const console of [tina, budi]) expect(await cacheState(console.db)).toEqual(everything);
    // A class is about no ticket: it is in every working set, Budi's too, who has no tickets at all.
    expect(await pullWorkingSet(budi.token)).toContain(`class/${id}`);
  });

  it('refuses the second of two edits from the same version, with the current class, and keeps the first', async () => {
    const tina = await client('tina');
    const budi = await client('budi');
    const id = randomUUID();
    // A console checks trainers against the staff it holds, which its first sync brings.
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await tina.mutate('class:create', planned(id, tina.user.id, new Date(Date.now() + 48 * HOUR).toISOString()))).ok).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await budi.engine.syncNow()).ok).toBe(true);

    budi.faults.offline = true;
    expect(await budi.mutate('class:update', { id, baseVersion: 1, place: 'Room 9' })).toEqual({ ok: true, value: { queued: true } });
    expect(await tina.mutate('class:update', { id, baseVersion: 1, place: 'Room 4' })).toEqual({ ok: true, value: { queued: true } });
    expect((await tina.engine.syncNow()).ok).toBe(true);
    budi.faults.offline = false;
    expect((await budi.engine.syncNow()).ok).toBe(true);

    const [rejected] = await budi.db.rejected.toArray();
    expect(rejected).toMatchObject({
      name: 'class:update',
      args: { id, baseVersion: 1, place: 'Room 9' },
      error: { code: 'conflict', current: { id, version: 2, place: 'Room 4', updatedBy: tina.user.id } },
    });
    expect(await budi.db.classes.get(id)).toMatchObject({ version: 2, place: 'Room 4' });
    expect(await classRow(id)).toMatchObject({ version: 2, place: 'Room 4', updated_by: tina.user.id });
  });

  it('marks attendance only once the class has started; two consoles’ marks for different attendees are both kept', async () => {
    const tina = await client('tina');
    const budi = await client('budi');
    const future = randomUUID();
    const past = randomUUID();
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await tina.mutate('class:create', planned(future, tina.user.id, new Date(Date.now() + 24 * HOUR).toISOString()))).ok).toBe(true);
    expect((await tina.mutate('class:create', planned(past, tina.user.id, new Date(Date.now() - 2 * HOUR).toISOString()))).ok).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);
    expect((await budi.engine.syncNow()).ok).toBe(true);

    // Before its start the console's own rule refuses it, and so does the server's.
    expect(await tina.mutate('class:markAttendance', { id: future, marks: [{ name: 'Hadi', attendance: 'attended' }] })).toMatchObject({
      ok: false,
      error: { code: 'class_not_started' },
    });
    expect((await push(tina.token, 'class:markAttendance', { id: future, marks: [{ name: 'Hadi', attendance: 'attended' }] })).results[0]?.error).toMatchObject(
      {
        code: 'class_not_started',
        current: { id: future, version: 1 },
      },
    );

    budi.faults.offline = true;
    expect(await budi.mutate('class:markAttendance', { id: past, marks: [{ name: 'hadi', contact: '', attendance: 'absent' }] })).toEqual({
      ok: true,
      value: { queued: true },
    });
    expect(await tina.mutate('class:markAttendance', { id: past, marks: [{ name: 'GRETA GARBO', contact: 'EXT. 12', attendance: 'attended' }] })).toEqual({
      ok: true,
      value: { queued: true },
    });
    expect((await tina.engine.syncNow()).ok).toBe(true);
    budi.faults.offline = false;
    expect((await budi.engine.syncNow()).ok).toBe(true);
    expect((await tina.engine.syncNow()).ok).toBe(true);

    expect(await budi.db.rejected.count()).toBe(0);
    const attendance = { 'Greta Garbo': 'attended', Hadi: 'absent' };
    expect((await attendeeRows(past)).map((row) => [row.name, row.attendance])).toEqual(
      expect.arrayContaining(Object.entries(attendance).map(([name, mark]) => [name, mark])),
    );
    for (const console of [tina, budi]) {
      expect((await console.db.classes.get(past))?.attendees.map((a) => [a.name, a.attendance])).toEqual([
        ['Greta Garbo', 'attended'],
        ['Hadi', 'absent'],
      ]);
    }
    expect(await classRow(past)).toMatchObject({ version: 3 });

    expect((await push(tina.token, 'class:markAttendance', { id: past, marks: [{ name: 'Ivo', attendance: 'attended' }] })).results[0]?.error).toMatchObject({
      code: 'not_found',
      message: 'Ivo is not invited to this class.',
    });
    expect((await push(tina.token, 'class:create', { ...planned(randomUUID(), 'nobody', new Date().toISOString()) })).results[0]?.error).toEqual({
      code: 'not_found',
      message: 'No user with id nobody to teach the class.',
    });
    expect((await push(tina.token, 'class:create', { ...planned(randomUUID(), tina.user.id, 'next week') })).results[0]?.error).toMatchObject({
      code: 'invalid_args',
      message: expect.stringContaining('startsAt'),
    });
  });
});
