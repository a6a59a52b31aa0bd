import { describe, expect, it } from 'vitest';
import { buildRecords, derivedCode, stableId, type ImportDraft } from './draft';

const draft = (steps: ImportDraft['steps']): ImportDraft => ({
  externalId: 'X-1',
  line: 2,
  title: 'T',
  description: '',
  requester: { name: 'Ana', contact: null },
  category: 'other',
  priority: 'high',
  channel: 'phone',
  initialTier: 2,
  status: 'closed',
  assignee: 'Budi',
  resolution: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  firstRespondedAt: null,
  resolvedAt: '2024-01-03T00:00:00.000Z',
  closedAt: '2024-01-04T00:00:00.000Z',
  reopenCount: null,
  expectedCredit: 'Budi',
  madeSla: null,
  extra: {},
  steps,
});

const ids = { ticketId: 't', code: 'AAAA-BBBB', number: 7, actorId: 'importer', technicianId: (name: string) => `u-${name}` };
const at = (day: number) => `2024-01-0${day}T00:00:00.000Z`;

describe('buildRecords', () => {
  it('replays steps into assigned, escalated and status events, counting reopens when the source has no count', () => {
    const { ticket, events } = buildRecords(
      'csv',
      draft([
        { at: at(1), line: 2, assignee: 'Ana', status: 'open' },
        { at: at(2), line: 3, status: 'resolved' },
        { at: at(2), line: 4, status: 'open', escalate: true },
        { at: at(2), line: 5, escalate: true },
        { at: at(3), line: 6, assignee: 'Budi', status: 'resolved' },
        { at: at(4), line: 7, status: 'closed', assignee: 'Budi' },
      ]),
      ids,
    );
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'assigned',
      'status_changed',
      'status_changed',
      'escalated',
      'status_changed',
      'assigned',
      'status_changed',
      'status_changed',
    ]);
    expect(events.filter((e) => e.type === 'status_changed').map((e) => e.type === 'status_changed' && e.data.isReopen)).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
    // Tier 3 is the top: the second escalation does nothing.
    expect(ticket).toMatchObject({ tier: 3, reopenCount: 1, assigneeId: 'u-Budi', number: 7, updatedAt: at(4), resolutionDueAt: '2024-01-01T08:00:00.000Z' });
    // Same-instant events keep source order when sorted by id.
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort());
    expect(events[1]?.id).toBe('t:00001');
  });

  it('derives the same ids every time, and the same codes for the same key, different ones per attempt and per key', () => {
    expect(stableId('ticket', 'csv', 'X-1')).toBe(stableId('ticket', 'csv', 'X-1'));
    expect(stableId('ticket', 'csv', 'X-1')).not.toBe(stableId('ticket', 'csv', 'X-2'));
    expect(derivedCode('k1', 'csv', 'X-1', 0)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(derivedCode('k1', 'csv', 'X-1', 0)).toBe(derivedCode('k1', 'csv', 'X-1', 0));
    expect(derivedCode('k1', 'csv', 'X-1', 0)).not.toBe(derivedCode('k1', 'csv', 'X-1', 1));
    expect(derivedCode('k1', 'csv', 'X-1', 0)).not.toBe(derivedCode('k2', 'csv', 'X-1', 0));
  });
});
