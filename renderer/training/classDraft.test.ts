import { describe, expect, it } from 'vitest';
import { checkDraft, fromLocalInput, newDraft, toLocalInput, type ClassDraft } from './classDraft';

const draft: ClassDraft = {
  title: 'Printing without jams',
  topic: 'printing',
  startsAt: toLocalInput('2026-03-02T09:00:00.000Z'),
  durationMinutes: '90',
  place: 'Room 2',
  trainerIds: ['tina'],
  materials: ['a1'],
  attendees: [
    { name: 'Greta', contact: 'ext. 12' },
    { name: 'Hadi', contact: ' ' },
    { name: '', contact: '' },
  ],
};

describe('checkDraft', () => {
  it('gives the rules’ fields: the start as an instant, the duration as a number, empty rows dropped and empty contacts null', () => {
    expect(checkDraft(draft)).toEqual({
      ok: true,
      fields: {
        title: 'Printing without jams',
        topic: 'printing',
        trainerIds: ['tina'],
        startsAt: '2026-03-02T09:00:00.000Z',
        durationMinutes: 90,
        place: 'Room 2',
        materials: ['a1'],
        attendees: [
          { name: 'Greta', contact: 'ext. 12' },
          { name: 'Hadi', contact: null },
        ],
      },
    });
  });

  it('names every field at fault', () => {
    expect(
      checkDraft({
        ...draft,
        title: ' ',
        topic: 'x'.repeat(61),
        startsAt: '2026-03-02',
        durationMinutes: '1.5',
        place: '',
        trainerIds: [],
        attendees: [{ name: '', contact: 'ext. 9' }],
      }),
    ).toEqual({
      ok: false,
      problems: {
        title: 'blank',
        topic: 'tooLong',
        place: 'blank',
        startsAt: 'badTime',
        durationMinutes: 'badDuration',
        trainerIds: 'noTrainer',
        attendees: 'blankAttendee',
      },
    });
    expect(checkDraft({ ...draft, durationMinutes: '1441' })).toMatchObject({ ok: false, problems: { durationMinutes: 'badDuration' } });
  });
});

describe('the start as the editor shows it', () => {
  it('goes to the console’s time zone and back to the same instant', () => {
    expect(fromLocalInput(toLocalInput('2026-03-02T09:30:00.000Z'))).toBe('2026-03-02T09:30:00.000Z');
    expect(fromLocalInput('soon')).toBeNull();
  });

  it('starts a new class tomorrow at 10:00 local time, planned by its trainer, with a plan’s topic and attendees', () => {
    const fresh = newDraft('2026-03-02T15:00:00.000Z', 'tina', { topic: 'access', attendees: [{ name: 'Marta', contact: null }] });
    expect(fresh).toMatchObject({ topic: 'access', trainerIds: ['tina'], attendees: [{ name: 'Marta', contact: '' }], durationMinutes: '60' });
    expect(fresh.startsAt.slice(11)).toBe('10:00');
    expect(new Date(fromLocalInput(fresh.startsAt) ?? '').getTime()).toBeGreaterThan(Date.parse('2026-03-02T15:00:00.000Z'));
  });
});
