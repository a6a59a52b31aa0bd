import { describe, expect, it } from 'vitest';
import { requesterKey } from '../stats/requester';
import { attendeeKey, changedClassFields, classEndsAt, hasStarted, inviteAttendees, isPastClass, type TrainingClass } from './trainingClass';

const at = (startsAt: string, durationMinutes = 60) => ({ startsAt, durationMinutes });

describe('attendeeKey', () => {
  it('is the repeat-contact rule’s requester key, so an attendee’s tickets are found by it', () => {
    expect(attendeeKey({ name: ' Greta ', contact: 'EXT. 12' })).toBe(requesterKey({ requester: { name: 'greta', contact: 'ext. 12' } }));
    // A missing contact equals an empty one; a different contact is another requester.
    expect(attendeeKey({ name: 'Greta' })).toBe(attendeeKey({ name: 'greta', contact: '  ' }));
    expect(attendeeKey({ name: 'Greta', contact: 'ext. 13' })).not.toBe(attendeeKey({ name: 'Greta', contact: 'ext. 12' }));
    // Only ASCII letters fold, as SQLite's lower() does.
    expect(attendeeKey({ name: 'ÉDITH' })).not.toBe(attendeeKey({ name: 'édith' }));
  });
});

describe('inviteAttendees', () => {
  it('trims, keeps the first of the same person, and keeps the attendance already marked for those still invited', () => {
    const previous = [
      { name: 'Greta', contact: 'ext. 12', attendance: 'attended' as const },
      { name: 'Hadi', contact: null, attendance: 'absent' as const },
    ];
    expect(
      inviteAttendees(
        [
          { name: ' Ivo ', contact: ' ' },
          { name: 'GRETA', contact: 'ext. 12' },
          { name: 'greta ', contact: 'Ext. 12' },
        ],
        previous,
      ),
    ).toEqual([
      { name: 'Ivo', contact: null, attendance: 'unmarked' },
      { name: 'GRETA', contact: 'ext. 12', attendance: 'attended' },
    ]);
  });
});

describe('when a class is', () => {
  it('has started at its start exactly, not a millisecond before, whatever zone the start is written in', () => {
    const c = at('2026-03-02T16:00:00+07:00');
    expect(hasStarted(c, '2026-03-02T08:59:59.999Z')).toBe(false);
    expect(hasStarted(c, '2026-03-02T09:00:00.000Z')).toBe(true);
  });

  it('ends after its duration, and is past from its end on', () => {
    const c = at('2026-03-02T09:00:00.000Z', 90);
    expect(classEndsAt(c)).toBe('2026-03-02T10:30:00.000Z');
    expect(isPastClass(c, '2026-03-02T10:29:59.999Z')).toBe(false);
    expect(isPastClass(c, '2026-03-02T10:30:00.000Z')).toBe(true);
  });
});

describe('changedClassFields', () => {
  const base: Pick<TrainingClass, 'title' | 'topic' | 'trainerIds' | 'startsAt' | 'durationMinutes' | 'place' | 'materials' | 'attendees'> = {
    title: 'Printing',
    topic: 'printing',
    trainerIds: ['tina'],
    startsAt: '2026-03-02T09:00:00.000Z',
    durationMinutes: 60,
    place: 'Room 2',
    materials: ['a1'],
    attendees: [{ name: 'Greta', contact: null, attendance: 'unmarked' }],
  };

  it('names the fields that differ, comparing lists by content and times as instants', () => {
    expect(changedClassFields(base, { ...base, trainerIds: ['tina'], startsAt: '2026-03-02T16:00:00+07:00' })).toEqual([]);
    expect(
      changedClassFields(base, {
        ...base,
        materials: ['a1', 'a2'],
        attendees: [{ name: 'Greta', contact: null, attendance: 'attended' }],
        durationMinutes: 61,
      }),
    ).toEqual(['durationMinutes', 'materials', 'attendees']);
  });
});
