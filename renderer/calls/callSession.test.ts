import { describe, expect, it } from 'vitest';
import { callLogArgs } from '../../shared/domain/mutationArgs';
import { attachTicket, callElapsedMs, callLogFor, parseStoredCall, startCall } from './callSession';

const START = new Date('2026-03-02T08:15:00.000Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const TICKET = { id: 't-1', code: 'AB12-CD34', title: 'Printer jammed' };

describe('a call', () => {
  it('logs nothing when it made no ticket', () => {
    expect(callLogFor(startCall('u-1', START), at(90))).toBeNull();
  });

  it('logs its real start and end on the ticket it made, in a form the rules accept', () => {
    const call = attachTicket(startCall('u-1', START), TICKET);
    const args = callLogFor(call, at(185));
    expect(args).toEqual({ ticketId: 't-1', startedAt: START.toISOString(), endedAt: at(185).toISOString() });
    expect(callLogArgs.safeParse(args).success).toBe(true);
  });

  it('keeps the first ticket when a second is made during the same call', () => {
    const call = attachTicket(attachTicket(startCall('u-1', START), TICKET), { ...TICKET, id: 't-2' });
    expect(call.ticket?.id).toBe('t-1');
  });

  it('never ends before it starts nor lasts longer than the rules allow', () => {
    const call = attachTicket(startCall('u-1', START), TICKET);
    expect(callLogFor(call, at(-30))?.endedAt).toBe(START.toISOString());
    const long = callLogFor(call, at(30 * 3600));
    expect(callLogArgs.safeParse(long).success).toBe(true);
    expect(long?.endedAt).toBe(at(24 * 3600).toISOString());
  });

  it('counts the time since it started', () => {
    expect(callElapsedMs(startCall('u-1', START), at(75))).toBe(75_000);
    expect(callElapsedMs(startCall('u-1', START), at(-5))).toBe(0);
  });
});

describe('parseStoredCall', () => {
  const stored = JSON.stringify(attachTicket(startCall('u-1', START), TICKET));

  it('restores a call of the same user', () => {
    expect(parseStoredCall(stored, 'u-1')).toEqual({ userId: 'u-1', startedAt: START.toISOString(), ticket: TICKET });
    expect(parseStoredCall(JSON.stringify(startCall('u-1', START)), 'u-1')?.ticket).toBeNull();
  });

  it("ignores another user's call and anything malformed", () => {
    expect(parseStoredCall(stored, 'u-2')).toBeNull();
    expect(parseStoredCall(null, 'u-1')).toBeNull();
    expect(parseStoredCall('{not json', 'u-1')).toBeNull();
    expect(parseStoredCall(JSON.stringify({ userId: 'u-1', startedAt: 'yesterday', ticket: null }), 'u-1')).toBeNull();
    expect(parseStoredCall(JSON.stringify({ userId: 'u-1', startedAt: START.toISOString(), ticket: { id: 1 } }), 'u-1')).toBeNull();
  });
});
