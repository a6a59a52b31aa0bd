import { describe, expect, it } from 'vitest';
import type { RemoteSession } from '../../shared/domain/records';
import { sessionSaveArgs } from '../../shared/domain/mutationArgs';
import { ended, isConsentRequired, newestFirst, newSession, runningSessionOf, startRefusal, withStep } from './sessionRules';

const session = (overrides: Partial<RemoteSession> = {}): RemoteSession => ({
  id: 's1',
  ticketId: 't1',
  technicianId: 'tina',
  tool: 'teamviewer',
  target: 'PC-0042',
  consent: true,
  startedAt: '2026-03-02T09:00:00.000Z',
  endedAt: null,
  steps: [],
  outcome: null,
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

describe('consent', () => {
  it('is required for every remote tool and not for an on-site visit', () => {
    expect(isConsentRequired('teamviewer')).toBe(true);
    expect(isConsentRequired('ssh')).toBe(true);
    expect(isConsentRequired('other')).toBe(true);
    expect(isConsentRequired('on-site')).toBe(false);
  });
});

describe('startRefusal', () => {
  it('lets a session with a target and consent start', () => {
    expect(startRefusal({ tool: 'rdp', target: 'LAPTOP-7', consent: true }, false)).toBeNull();
  });

  it('asks for a target', () => {
    expect(startRefusal({ tool: 'rdp', target: '  ', consent: true }, false)).toBe('targetRequired');
  });

  it('refuses a remote session without consent but not an on-site visit', () => {
    expect(startRefusal({ tool: 'anydesk', target: 'PC-1', consent: false }, false)).toBe('consentRequired');
    expect(startRefusal({ tool: 'on-site', target: 'Room 4.12', consent: false }, false)).toBeNull();
  });

  it('refuses a second running session by the same technician', () => {
    expect(startRefusal({ tool: 'rdp', target: 'PC-1', consent: true }, true)).toBe('alreadyRunning');
  });
});

describe('runningSessionOf', () => {
  it("finds this technician's running session, not an ended one or a colleague's", () => {
    const sessions = [session({ id: 'ended', endedAt: '2026-03-02T09:30:00.000Z' }), session({ id: 'sams', technicianId: 'sam' }), session({ id: 'mine' })];
    expect(runningSessionOf(sessions, 'tina')?.id).toBe('mine');
    expect(runningSessionOf(sessions.slice(0, 2), 'tina')).toBeNull();
  });
});

describe('save arguments', () => {
  it('starts with a trimmed target, no steps and no end, valid for session:save', () => {
    const args = newSession('s9', 't1', { tool: 'ssh', target: ' srv-db-01 ', consent: true }, '2026-03-02T10:00:00.000Z');
    expect(args).toEqual({
      id: 's9',
      ticketId: 't1',
      tool: 'ssh',
      target: 'srv-db-01',
      startedAt: '2026-03-02T10:00:00.000Z',
      endedAt: null,
      consent: true,
      steps: [],
      outcome: null,
    });
    expect(sessionSaveArgs.safeParse(args).success).toBe(true);
  });

  it('adds a trimmed, timestamped step after the ones before it', () => {
    const before = session({ steps: [{ at: '2026-03-02T09:01:00.000Z', text: 'Connected' }] });
    const args = withStep(before, '  Cleared the print queue ', '2026-03-02T09:02:00.000Z');
    expect(args?.steps).toEqual([
      { at: '2026-03-02T09:01:00.000Z', text: 'Connected' },
      { at: '2026-03-02T09:02:00.000Z', text: 'Cleared the print queue' },
    ]);
    expect(sessionSaveArgs.safeParse(args).success).toBe(true);
  });

  it('adds nothing for a blank step', () => {
    expect(withStep(session(), '   ', '2026-03-02T09:02:00.000Z')).toBeNull();
  });

  it('ends with the time and outcome, keeping the steps', () => {
    const steps = [{ at: '2026-03-02T09:01:00.000Z', text: 'Connected' }];
    const args = ended(session({ steps }), 'follow-up', '2026-03-02T09:20:00.000Z');
    expect(args).toMatchObject({ endedAt: '2026-03-02T09:20:00.000Z', outcome: 'follow-up', steps });
    expect(sessionSaveArgs.safeParse(args).success).toBe(true);
  });
});

describe('newestFirst', () => {
  it('orders by start time, latest first', () => {
    const sorted = newestFirst([
      session({ id: 'a', startedAt: '2026-03-02T09:00:00.000Z' }),
      session({ id: 'b', startedAt: '2026-03-02T11:00:00.000Z' }),
      session({ id: 'c', startedAt: '2026-03-01T15:00:00.000Z' }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['b', 'a', 'c']);
  });
});
