import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { resolutionBandOf, resolutionTimeDistribution } from './distribution';
import { historyOf, playStory } from './story.testkit';
import { ticketFacts } from './ticketFacts';

const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

describe('resolution-time distribution', () => {
  it('puts a band boundary in the band it starts', () => {
    expect(resolutionBandOf(0)).toBe('under1h');
    expect(resolutionBandOf(0.999)).toBe('under1h');
    expect(resolutionBandOf(1)).toBe('1to4h');
    expect(resolutionBandOf(24)).toBe('1to3d');
    expect(resolutionBandOf(167.9)).toBe('3to7d');
    expect(resolutionBandOf(168)).toBe('over7d');
  });

  it('counts the tickets resolved in the period by band, listing empty bands, and honours filters', () => {
    const history = historyOf([
      playStory(makeTicket({ id: 'a', createdAt: '2026-03-02T09:00:00.000Z', category: 'network' }), [
        [0.5, 'take', 'u-tina'],
        [1, 'resolve'],
      ]),
      playStory(makeTicket({ id: 'b', createdAt: '2026-03-02T09:00:00.000Z', category: 'printing' }), [
        [0.5, 'take', 'u-tina'],
        [3.5, 'resolve'],
      ]),
      playStory(makeTicket({ id: 'c', createdAt: '2026-03-03T09:00:00.000Z', category: 'network' }), [
        [0.5, 'take', 'u-sam'],
        [2, 'resolve'],
      ]),
      // Resolved after the period ends: not counted.
      playStory(makeTicket({ id: 'd', createdAt: '2026-03-14T09:00:00.000Z' }), [
        [0.5, 'take', 'u-sam'],
        [200, 'resolve'],
      ]),
      // Still open: not counted.
      playStory(makeTicket({ id: 'e', createdAt: '2026-03-04T09:00:00.000Z' }), [[0.5, 'take', 'u-sam']]),
    ]);
    const facts = ticketFacts(history).values();
    expect(resolutionTimeDistribution(facts, period, {})).toEqual([
      { band: 'under1h', count: 0 },
      { band: '1to4h', count: 3 },
      { band: '4to8h', count: 0 },
      { band: '8to24h', count: 0 },
      { band: '1to3d', count: 0 },
      { band: '3to7d', count: 0 },
      { band: 'over7d', count: 0 },
    ]);
    const network = resolutionTimeDistribution(ticketFacts(history).values(), period, { category: 'network' });
    expect(network.find((b) => b.band === '1to4h')?.count).toBe(2);
    const sam = resolutionTimeDistribution(ticketFacts(history).values(), period, { technicianId: 'u-sam' });
    expect(sam.reduce((n, b) => n + b.count, 0)).toBe(1);
  });
});
