import { describe, expect, it } from 'vitest';
import { applyMutation, mutationReads, parseMutation } from '../domain/mutate';
import type { StateReader, Write } from '../domain/mutators';
import type { PublicUser } from '../domain/records';
import type { Article } from '../knowledge/article';
import type { Result } from '../result';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import type { TrainingClass } from './trainingClass';

const before = '2026-03-02T08:00:00.000Z';
const start = '2026-03-02T09:00:00.000Z';
const after = '2026-03-02T11:00:00.000Z';

const user = (id: string): PublicUser => ({ id, username: id, displayName: id, role: 'technician', tier: 1, active: true });
const article = (id: string): Article => ({
  id,
  title: 'Clear a paper jam',
  body: 'Open tray 2.',
  category: 'printing',
  tags: [],
  visibility: 'public',
  status: 'published',
  version: 2,
  authorId: 'tina',
  createdAt: before,
  updatedBy: 'tina',
  updatedAt: before,
  publishedAt: before,
});

/** A store the rules read and their writes land in, as a console's cache or the server's feed. */
const store = () => {
  const records: Array<[EntityName, AnyEntity]> = [
    ['user', user('tina')],
    ['user', user('budi')],
    ['article', article('a1')],
    ['article', article('a2')],
  ];
  const map = new Map(records.map(([entity, record]) => [entityKey(entity, record.id), record]));
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => map.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  let count = 0;
  const run = (actorId: string, name: string, args: unknown, now = before): Result<Write[]> => {
    const parsed = parseMutation(name, args);
    if (!parsed.ok) return parsed;
    count += 1;
    const result = applyMutation(parsed.value, read, { mutationId: `m-${count}`, actorId, now });
    if (result.ok) for (const write of result.value) if (write.data !== null) map.set(entityKey(write.entity, write.id), write.data);
    return result;
  };
  const trainingClass = (id: string): TrainingClass | undefined => read('class', id);
  return { run, trainingClass };
};

const planned = {
  id: 'c1',
  title: '  Printing without jams ',
  topic: ' printing ',
  trainerIds: ['tina', 'tina'],
  startsAt: '2026-03-02T16:00:00+07:00',
  durationMinutes: 90,
  place: ' Room 2 ',
  materials: ['a1'],
  attendees: [
    { name: ' Greta Garbo ', contact: 'ext. 12 ' },
    // The same requester as the repeat-contact rule sees it: trimmed, ASCII-case-folded.
    { name: 'greta garbo', contact: 'EXT. 12' },
    { name: 'Hadi', contact: null },
    { name: 'Hadi', contact: 'ext. 40' },
  ],
};

describe('class:create', () => {
  it('creates a class at version 1: trimmed, start in UTC, trainers without repeats, each requester invited once and unmarked', () => {
    const s = store();
    expect(s.run('tina', 'class:create', planned).ok).toBe(true);
    expect(s.trainingClass('c1')).toEqual({
      id: 'c1',
      title: 'Printing without jams',
      topic: 'printing',
      trainerIds: ['tina'],
      startsAt: start,
      durationMinutes: 90,
      place: 'Room 2',
      materials: ['a1'],
      attendees: [
        { name: 'Greta Garbo', contact: 'ext. 12', attendance: 'unmarked' },
        { name: 'Hadi', contact: null, attendance: 'unmarked' },
        { name: 'Hadi', contact: 'ext. 40', attendance: 'unmarked' },
      ],
      version: 1,
      createdBy: 'tina',
      createdAt: before,
      updatedBy: 'tina',
      updatedAt: before,
    });
  });

  it('reads the class, its trainers and its materials, and refuses unknown ones, a taken id and bad input with the field named', () => {
    const s = store();
    const parsed = parseMutation('class:create', { ...planned, trainerIds: ['tina', 'budi'], materials: ['a1', 'a2'] });
    if (!parsed.ok) throw new Error('should parse');
    expect(mutationReads(parsed.value, 'tina')).toEqual([
      { entity: 'class', id: 'c1' },
      { entity: 'user', id: 'tina' },
      { entity: 'user', id: 'budi' },
      { entity: 'article', id: 'a1' },
      { entity: 'article', id: 'a2' },
    ]);
    expect(s.run('tina', 'class:create', { ...planned, trainerIds: ['ghost'] })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No user with id ghost to teach the class.' },
    });
    expect(s.run('tina', 'class:create', { ...planned, materials: ['a9'] })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No article with id a9.' },
    });
    expect(s.run('tina', 'class:create', planned).ok).toBe(true);
    expect(s.run('tina', 'class:create', planned)).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', title: ' ' })).toEqual({
      ok: false,
      error: { code: 'invalid_args', message: 'Invalid class:create: title: must not be blank' },
    });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', trainerIds: [] })).toMatchObject({
      error: { code: 'invalid_args', message: expect.stringContaining('trainerIds: at least one trainer') },
    });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', startsAt: 'tomorrow' })).toMatchObject({
      error: { code: 'invalid_args', message: expect.stringContaining('startsAt') },
    });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', durationMinutes: 24 * 60 + 1 })).toMatchObject({
      error: { message: expect.stringContaining('durationMinutes: at most 1440 minutes') },
    });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', attendees: [{ name: '' }] })).toMatchObject({
      error: { message: expect.stringContaining('attendees.0.name: must not be blank') },
    });
    expect(s.run('tina', 'class:create', { ...planned, id: 'c2', attendees: [{ name: 'X', attendance: 'attended' }] })).toMatchObject({
      error: { code: 'invalid_args' },
    });
  });
});

describe('class:update', () => {
  it('changes the named fields from the current version, one version more, keeping attendance marked for those who stay invited', () => {
    const s = store();
    s.run('tina', 'class:create', planned);
    expect(s.run('budi', 'class:markAttendance', { id: 'c1', marks: [{ name: 'GRETA GARBO', contact: 'ext. 12', attendance: 'attended' }] }, after).ok).toBe(
      true,
    );
    const result = s.run(
      'budi',
      'class:update',
      { id: 'c1', baseVersion: 2, place: 'https://meet.example.com/jams', attendees: [{ name: 'Greta Garbo', contact: 'ext. 12' }, { name: 'Ivo' }] },
      after,
    );
    expect(result.ok).toBe(true);
    expect(s.trainingClass('c1')).toMatchObject({
      version: 3,
      place: 'https://meet.example.com/jams',
      title: 'Printing without jams',
      updatedBy: 'budi',
      updatedAt: after,
      createdBy: 'tina',
      attendees: [
        { name: 'Greta Garbo', contact: 'ext. 12', attendance: 'attended' },
        { name: 'Ivo', contact: null, attendance: 'unmarked' },
      ],
    });
  });

  it('refuses a stale base version as a conflict carrying the current class, and writes nothing', () => {
    const s = store();
    s.run('tina', 'class:create', planned);
    expect(s.run('budi', 'class:update', { id: 'c1', baseVersion: 1, title: 'Budi’s title' }).ok).toBe(true);
    const current = s.trainingClass('c1');
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 1, durationMinutes: 30 })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The class is at version 2 now, not 1: someone else saved it meanwhile.', current },
    });
    expect(s.trainingClass('c1')).toEqual(current);
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 7, title: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('writes nothing when nothing changes (the same start in another zone too), and refuses an unknown class or an update naming no field', () => {
    const s = store();
    s.run('tina', 'class:create', planned);
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 1, title: 'Printing without jams ', startsAt: start })).toEqual({ ok: true, value: [] });
    expect(s.run('tina', 'class:update', { id: 'c9', baseVersion: 1, title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args', message: expect.stringContaining('change at least one of') },
    });
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 1, materials: ['gone'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.run('tina', 'class:update', { id: 'c1', baseVersion: 1, version: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});

describe('class:markAttendance', () => {
  it('is refused before the class starts, with the class, and accepted from its start on', () => {
    const s = store();
    s.run('tina', 'class:create', planned);
    const mark = { id: 'c1', marks: [{ name: 'Hadi', contact: null, attendance: 'absent' }] };
    const early = s.run('tina', 'class:markAttendance', mark, '2026-03-02T08:59:59.999Z');
    expect(early).toMatchObject({ ok: false, error: { code: 'class_not_started', current: { id: 'c1', version: 1 } } });
    expect(s.trainingClass('c1')?.attendees.map((a) => a.attendance)).toEqual(['unmarked', 'unmarked', 'unmarked']);
    expect(s.run('tina', 'class:markAttendance', mark, start).ok).toBe(true);
    expect(s.trainingClass('c1')).toMatchObject({ version: 2, updatedAt: start });
    expect(s.trainingClass('c1')?.attendees.map((a) => a.attendance)).toEqual(['unmarked', 'absent', 'unmarked']);
  });

  it('marks attendees matched by normalised name and contact, keeps the others’ marks, and refuses someone not invited', () => {
    const s = store();
    s.run('tina', 'class:create', planned);
    expect(s.run('tina', 'class:markAttendance', { id: 'c1', marks: [{ name: 'hadi ', contact: 'EXT. 40', attendance: 'attended' }] }, after).ok).toBe(true);
    // Another console's marks, made without knowing of the first: both are kept.
    expect(
      s.run(
        'budi',
        'class:markAttendance',
        {
          id: 'c1',
          marks: [
            { name: 'Greta Garbo', contact: 'ext. 12', attendance: 'attended' },
            { name: 'Hadi', attendance: 'absent' },
          ],
        },
        after,
      ).ok,
    ).toBe(true);
    expect(s.trainingClass('c1')?.attendees).toEqual([
      { name: 'Greta Garbo', contact: 'ext. 12', attendance: 'attended' },
      { name: 'Hadi', contact: null, attendance: 'absent' },
      { name: 'Hadi', contact: 'ext. 40', attendance: 'attended' },
    ]);
    expect(s.trainingClass('c1')?.version).toBe(3);
    expect(s.run('tina', 'class:markAttendance', { id: 'c1', marks: [{ name: 'Hadi', attendance: 'absent' }] }, after)).toEqual({ ok: true, value: [] });
    expect(s.run('tina', 'class:markAttendance', { id: 'c1', marks: [{ name: 'Greta Garbo', attendance: 'attended' }] }, after)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Greta Garbo is not invited to this class.' },
    });
    expect(s.run('tina', 'class:markAttendance', { id: 'c1', marks: [] }, after)).toMatchObject({
      error: { message: expect.stringContaining('at least one mark') },
    });
    expect(s.run('tina', 'class:markAttendance', { id: 'c1', marks: [{ name: 'Hadi', attendance: 'late' }] }, after)).toMatchObject({
      error: { code: 'invalid_args' },
    });
    expect(s.run('tina', 'class:markAttendance', { id: 'c9', marks: [{ name: 'Hadi', attendance: 'absent' }] }, after)).toMatchObject({
      error: { code: 'not_found' },
    });
  });
});
