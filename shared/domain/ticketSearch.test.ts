import { describe, expect, it } from 'vitest';
import type { Ticket } from './ticket';
import { matchesWords, searchHaystack, searchWords, SEARCH_DESCRIPTION_CHARS, ticketMatches } from './ticketSearch';

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  number: 42,
  code: 'AB12-CD34',
  title: 'Imprimante ÉCOLE bloquée',
  description: 'Paper jam in tray 2.',
  requester: { name: 'Zoë Ünal', contact: null },
  category: 'Printing',
  priority: 'high',
  channel: 'phone',
  status: 'pending',
  tier: 1,
  assigneeId: null,
  resolution: null,
  createdBy: 'u1',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  firstRespondedAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  callMs: 0,
  firstResponseDueAt: '2026-03-02T10:00:00.000Z',
  resolutionDueAt: '2026-03-02T17:00:00.000Z',
  pendingSince: null,
  pausedMs: 0,
  tags: ['vpn-client'],
  ...overrides,
});

describe('ticket search rule', () => {
  it('splits the query on any white space, lower case, no empty words', () => {
    expect(searchWords('  Wi-Fi\tDROPS\n#12 ')).toEqual(['wi-fi', 'drops', '#12']);
    expect(searchWords(' \t ')).toEqual([]);
  });

  it('searches code, number, title, requester, category, status, priority, tags and description, one field a line', () => {
    expect(searchHaystack(ticket())).toBe('ab12-cd34\n#42\nimprimante école bloquée\nzoë ünal\nprinting\npending\nhigh\nvpn-client\npaper jam in tray 2.');
    expect(searchHaystack(ticket({ number: null, tags: undefined })).split('\n')[1]).toBe('');
  });

  it('keeps only the start of a long description', () => {
    const haystack = searchHaystack(ticket({ description: `${'a'.repeat(SEARCH_DESCRIPTION_CHARS)}tail` }));
    expect(haystack.endsWith('a'.repeat(SEARCH_DESCRIPTION_CHARS))).toBe(true);
    expect(haystack.includes('tail')).toBe(false);
  });

  it('matches when every word is a substring, in any case, accents as typed', () => {
    expect(ticketMatches(ticket(), 'ÉCOLE zoë')).toBe(true);
    expect(ticketMatches(ticket(), 'cole #42 cd34 pend vpn tray')).toBe(true);
    expect(ticketMatches(ticket(), 'ecole')).toBe(false);
    expect(ticketMatches(ticket(), 'école printer')).toBe(false);
    expect(ticketMatches(ticket(), '')).toBe(true);
  });

  it('never matches across two fields', () => {
    expect(matchesWords('printing\npending', ['gp'])).toBe(false);
    expect(matchesWords('printing\npending', ['g\np'])).toBe(true);
    expect(searchWords('g\np')).toEqual(['g', 'p']);
  });
});
