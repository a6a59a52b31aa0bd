import { describe, expect, it } from 'vitest';
import { nextDeadline } from '../../shared/domain/sla';
import { makeTicket } from '../../tests/support/factories';
import { deadlineOf, toQueueEntry } from './queueEntry';
import { createQueueIndex } from './queueIndex';

const now = '2026-03-02T10:00:00.000Z';
const nowMs = Date.parse(now);
// Normal priority, created 09:00: first response due 13:00, resolution due 09:00 the next day.
const created = '2026-03-02T09:00:00.000Z';

describe('the SLA column', () => {
  const cases = {
    unanswered: makeTicket({ createdAt: created, code: 'AAAA-AAAA' }),
    answered: makeTicket({ createdAt: created, code: 'BBBB-BBBB', status: 'open', firstRespondedAt: '2026-03-02T09:10:00.000Z' }),
    pending: makeTicket({
      createdAt: '2026-03-02T08:00:00.000Z',
      code: 'CCCC-CCCC',
      status: 'pending',
      firstRespondedAt: '2026-03-02T08:05:00.000Z',
      pendingSince: '2026-03-02T09:00:00.000Z',
    }),
    lateAnswer: makeTicket({ createdAt: '2026-03-01T20:00:00.000Z', code: 'DDDD-DDDD', status: 'pending', pendingSince: '2026-03-02T09:00:00.000Z' }),
    resolved: makeTicket({ createdAt: created, code: 'EEEE-EEEE', status: 'resolved', firstRespondedAt: created, resolvedAt: '2026-03-02T09:30:00.000Z' }),
    closedUnanswered: makeTicket({ createdAt: created, code: 'FFFF-FFFF', status: 'closed', resolvedAt: created, closedAt: now }),
  };

  it('shows what the shared rule says: the first response until there is one, then the resolution, none once done', () => {
    for (const ticket of Object.values(cases)) {
      const shown = deadlineOf(toQueueEntry(ticket), nowMs);
      const rule = nextDeadline(ticket, now);
      expect(shown === null ? null : { target: shown.target, dueAt: new Date(shown.dueMs).toISOString(), state: shown.state }).toEqual(rule);
    }
    expect(deadlineOf(toQueueEntry(cases.unanswered), nowMs)).toMatchObject({ target: 'firstResponse', dueMs: Date.parse('2026-03-02T13:00:00.000Z') });
    expect(deadlineOf(toQueueEntry(cases.answered), nowMs)).toMatchObject({ target: 'resolution', dueMs: Date.parse('2026-03-03T09:00:00.000Z') });
    expect(deadlineOf(toQueueEntry(cases.resolved), nowMs)).toBeNull();
    expect(deadlineOf(toQueueEntry(cases.closedUnanswered), nowMs)).toBeNull();
  });

  it('sorts by the next deadline, done tickets last', () => {
    const index = createQueueIndex();
    index.upsert(Object.values(cases).map(toQueueEntry));
    const order = index.ascending('due', () => '').map((slot) => index.entryAt(slot).code);
    // The late answer's first response (00:00) is owed first; then 13:00 (unanswered), then the
    // resolutions: 08:00 next day (pending, as stored), 09:00 next day; done ones after, by code.
    expect(order).toEqual(['DDDD-DDDD', 'AAAA-AAAA', 'CCCC-CCCC', 'BBBB-BBBB', 'EEEE-EEEE', 'FFFF-FFFF']);
  });
});
