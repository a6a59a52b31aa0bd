import { describe, expect, it } from 'vitest';
import { connectionState, initialConnectionFacts, type ConnectionFacts } from './connectionState';

const facts = (patch: Partial<ConnectionFacts>): ConnectionFacts => ({ ...initialConnectionFacts, ...patch });

describe('connectionState', () => {
  it('is idle before anything is known, and after the server answered a good sync', () => {
    expect(connectionState(initialConnectionFacts)).toBe('idle');
    expect(connectionState(facts({ server: 'answered' }))).toBe('idle');
  });

  it('is offline while the latest word on the server is that it cannot be reached', () => {
    expect(connectionState(facts({ server: 'unreachable' }))).toBe('offline');
  });

  it('stays offline during an attempt until the server answers, so retries do not flicker to syncing', () => {
    expect(connectionState(facts({ server: 'unreachable', isSyncing: true }))).toBe('offline');
    expect(connectionState(facts({ server: 'answered', isSyncing: true }))).toBe('syncing');
    expect(connectionState(facts({ server: 'unknown', isSyncing: true }))).toBe('syncing');
  });

  it('reports a failure the server answered as an error, and a sync under way over it as syncing', () => {
    expect(connectionState(facts({ server: 'answered', hasFailed: true }))).toBe('error');
    expect(connectionState(facts({ server: 'answered', hasFailed: true, isSyncing: true }))).toBe('syncing');
    // Unreachable says more than the failure before it.
    expect(connectionState(facts({ server: 'unreachable', hasFailed: true }))).toBe('offline');
  });

  it('puts a refused token and a stop above everything else', () => {
    expect(connectionState(facts({ isSignedOut: true, server: 'unreachable', isSyncing: true }))).toBe('signed-out');
    expect(connectionState(facts({ isStopped: true, isSignedOut: true, server: 'unreachable' }))).toBe('stopped');
  });
});
