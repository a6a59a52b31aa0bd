import { beforeAll, describe, expect, it } from 'vitest';
import type { Note, TicketEvent } from '../../shared/domain/records';
import { makeUser } from '../../tests/support/factories';
import { ticketT } from './ticketTestT';
import { buildTimeline, type TimelineContext } from './timeline';

const tina = makeUser({ id: 'user-tina', displayName: 'Tina Tier-One' });
const sam = makeUser({ id: 'user-sam', username: 'sam', displayName: 'Sam Second', tier: 2 });
const users = new Map([tina, sam].map((user) => [user.id, user]));
const base = { ticketId: 't1', actorId: tina.id };

let en: TimelineContext;
let id: TimelineContext;
beforeAll(async () => {
  en = { users, t: await ticketT('en'), locale: 'en' };
  id = { users, t: await ticketT('id'), locale: 'id' };
});

describe('ticket timeline', () => {
  it('orders events by time and names actors, assignees and notes', () => {
    const note: Note = {
      id: 'n1',
      ticketId: 't1',
      authorId: tina.id,
      body: 'Called back, no answer.',
      visibility: 'internal',
      createdAt: '2026-03-02T09:10:00.000Z',
    };
    const events: TicketEvent[] = [
      { ...base, id: 'm3:0', at: '2026-03-02T09:10:00.000Z', type: 'note_added', data: { noteId: 'n1', visibility: 'internal' } },
      { ...base, id: 'm1:0', at: '2026-03-02T09:00:00.000Z', type: 'created', data: { number: null } },
      { ...base, id: 'm2:0', at: '2026-03-02T09:05:00.000Z', type: 'assigned', data: { from: null, to: tina.id } },
      { ...base, id: 'm4:0', at: '2026-03-02T09:20:00.000Z', type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' } },
      { ...base, id: 'm5:0', at: '2026-03-02T09:25:00.000Z', actorId: sam.id, type: 'assigned', data: { from: null, to: tina.id } },
      { ...base, id: 'm6:0', at: '2026-03-02T09:30:00.000Z', actorId: 'user-gone', type: 'assigned', data: { from: tina.id, to: null } },
    ];
    const items = buildTimeline(events, [note], en);
    expect(items.map((item) => `${item.actor} ${item.summary}`)).toEqual([
      'Tina Tier-One created the ticket',
      'Tina Tier-One took the ticket',
      'Tina Tier-One added an internal note',
      'Tina Tier-One escalated from tier 1 to tier 2',
      'Sam Second assigned the ticket to Tina Tier-One',
      'Unknown user unassigned Tina Tier-One',
    ]);
    expect(items[2]).toMatchObject({ detail: 'Called back, no answer.', visibility: 'internal' });
    expect(items[3]?.detail).toBe('Needs admin rights');
  });

  it('shows a resolution and marks a reopen', () => {
    const events: TicketEvent[] = [
      {
        ...base,
        id: 'a:0',
        at: '2026-03-02T10:00:00.000Z',
        type: 'status_changed',
        data: { from: 'open', to: 'resolved', resolution: 'Replaced toner', isReopen: false },
      },
      { ...base, id: 'b:0', at: '2026-03-02T11:00:00.000Z', type: 'status_changed', data: { from: 'resolved', to: 'open', resolution: null, isReopen: true } },
    ];
    const items = buildTimeline(events, [], en);
    expect(items[0]).toMatchObject({ summary: 'changed the status from Open to Resolved', detail: 'Replaced toner' });
    expect(items[1]?.summary).toBe('reopened the ticket (was resolved)');
  });

  it('names edited fields, translating priorities but not free text', () => {
    const events: TicketEvent[] = [
      { ...base, id: 'e:0', at: '2026-03-02T10:00:00.000Z', type: 'field_edited', data: { field: 'priority', from: 'normal', to: 'urgent' } },
      { ...base, id: 'e:1', at: '2026-03-02T10:00:00.000Z', type: 'field_edited', data: { field: 'title', from: 'Printer', to: 'Printer jammed' } },
      { ...base, id: 'e:2', at: '2026-03-02T10:00:00.000Z', type: 'field_edited', data: { field: 'description', from: 'a', to: 'b' } },
    ];
    expect(buildTimeline(events, [], en).map((item) => [item.summary, item.detail])).toEqual([
      ['changed the priority', 'Normal → Urgent'],
      ['changed the title', 'Printer → Printer jammed'],
      ['changed the description', null],
    ]);
    expect(buildTimeline(events, [], id)[0]).toMatchObject({ summary: 'mengubah prioritas', detail: 'Normal → Mendesak' });
  });

  it('speaks Indonesian, with durations in Indonesian units', () => {
    const events: TicketEvent[] = [
      { ...base, id: 'c:0', at: '2026-03-02T10:00:00.000Z', type: 'call_logged', data: { startedAt: '2026-03-02T09:55:00.000Z', durationMs: 5 * 60_000 } },
      { ...base, id: 'd:0', at: '2026-03-02T10:05:00.000Z', type: 'status_changed', data: { from: 'new', to: 'open', resolution: null, isReopen: false } },
    ];
    const [call, status] = buildTimeline(events, [], id);
    expect(call?.summary).toBe('menerima panggilan (5 menit)');
    expect(status?.summary).toBe('mengubah status dari Baru menjadi Dikerjakan');
    expect(buildTimeline(events, [], en)[0]?.summary).toBe('took a call (5 minutes)');
  });
});
