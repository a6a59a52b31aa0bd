import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import type { Ticket } from '../domain/ticket';
import { computeProblems } from './problems';
import { computeStatsReport } from './report';
import { historyOf, playStory } from './story.testkit';

const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
const query = { period, filters: {}, options: { now: '2026-03-09T00:00:00.000Z' } };

/** A problem with incidents: each incident links to it, and it lists them, as ticket:link leaves them. */
const problem = (id: string, overrides: Partial<Ticket>, incidents: string[]): Ticket =>
  makeTicket({
    id,
    code: `PRB${id.toUpperCase()}-0000`.slice(0, 9),
    isProblem: true,
    links: incidents.map((otherId) => ({ otherId, kind: 'incident' })),
    ...overrides,
  });
const incident = (id: string, problemId: string, overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id, links: [{ otherId: problemId, kind: 'problem' }], ...overrides });

describe('problems', () => {
  const mail = problem('m', { code: 'MAIL-0001', title: 'Mail server down', category: 'email', createdAt: '2026-02-20T09:00:00.000Z' }, [
    'i1',
    'i2',
    'i3',
    'i9',
  ]);
  const vpn = problem('v', { code: 'VPNX-0001', title: 'VPN gateway', category: 'network' }, ['i4']);
  const wifi = problem('w', { code: 'WIFI-0001', title: 'Wi-Fi floor 3', category: 'network' }, ['i5']);
  const stories = [
    playStory(mail, []),
    playStory(vpn, []),
    playStory(wifi, []),
    // Two calls on the first incident, one on the second; the third is at tier 2 now.
    playStory(incident('i1', 'm', { createdAt: '2026-03-02T09:00:00.000Z', category: 'email' }), [
      [0, 'call'],
      [1, 'call'],
    ]),
    playStory(incident('i2', 'm', { createdAt: '2026-03-03T09:00:00.000Z', category: 'email' }), [
      [0, 'call'],
      [1, 'take', 'u-tina'],
    ]),
    playStory(incident('i3', 'm', { createdAt: '2026-03-04T09:00:00.000Z', category: 'other', tier: 2 }), []),
    // Opened before the period: not counted.
    playStory(incident('i9', 'm', { createdAt: '2026-02-28T09:00:00.000Z' }), [[0, 'call']]),
    playStory(incident('i4', 'v', { createdAt: '2026-03-05T09:00:00.000Z' }), [[0, 'call']]),
    playStory(incident('i5', 'w', { createdAt: '2026-03-06T09:00:00.000Z' }), []),
    // Not an incident of anything.
    playStory(makeTicket({ id: 'x', createdAt: '2026-03-05T09:00:00.000Z' }), [[0, 'call']]),
  ];
  const history = historyOf(stories);

  it('counts per problem the incidents opened in the period and their calls, most incidents first', () => {
    expect(computeProblems(history, query).rows).toEqual([
      { id: 'm', code: 'MAIL-0001', title: 'Mail server down', category: 'email', incidents: 3, calls: 3 },
      { id: 'v', code: 'VPNX-0001', title: 'VPN gateway', category: 'network', incidents: 1, calls: 1 },
      { id: 'w', code: 'WIFI-0001', title: 'Wi-Fi floor 3', category: 'network', incidents: 1, calls: 0 },
    ]);
  });

  it('adds them up per category of the problem', () => {
    expect(computeProblems(history, query).byCategory).toEqual([
      { category: 'email', problems: 1, incidents: 3, calls: 3 },
      { category: 'network', problems: 2, incidents: 2, calls: 1 },
    ]);
  });

  it('filters the incidents as Opened does', () => {
    expect(computeProblems(history, { ...query, filters: { tier: 2 } }).rows).toEqual([expect.objectContaining({ id: 'm', incidents: 1, calls: 0 })]);
    expect(computeProblems(history, { ...query, filters: { category: 'email' } }).rows).toEqual([expect.objectContaining({ id: 'm', incidents: 2, calls: 3 })]);
    expect(computeProblems(history, { ...query, filters: { technicianId: 'u-tina' } }).rows).toEqual([
      expect.objectContaining({ id: 'm', incidents: 1, calls: 1 }),
    ]);
    expect(computeProblems(history, { ...query, period: { from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' } })).toEqual({
      rows: [],
      byCategory: [],
    });
  });

  it('is part of the whole report', () => {
    expect(computeStatsReport(history, query).problems).toEqual(computeProblems(history, query));
  });
});
