import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex } from './queueIndex';
import { makeAssigneeKey } from './queueQuery';
import { findTickets } from './ticketFinder';

const assigneeKey = makeAssigneeKey(() => undefined);
const at = (minute: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + minute * 60_000).toISOString();

const desk = () => {
  const index = createQueueIndex();
  const tickets = [
    makeTicket({ id: 'old', code: 'K7Q2-9MXD', number: 12, title: 'Printer jams', updatedAt: at(1) }),
    makeTicket({ id: 'p', code: 'AAAA-0001', number: 40, title: 'Mail server down', isProblem: true, updatedAt: at(5) }),
    makeTicket({ id: 'p2', code: 'AAAA-0002', number: 41, title: 'VPN gateway', isProblem: true, updatedAt: at(6) }),
    ...Array.from({ length: 30 }, (_, i) =>
      makeTicket({
        id: `n${i}`,
        code: `BBBB-${String(i).padStart(4, '0')}`,
        number: 100 + i,
        title: `Mail bounces ${i} (ticket 12${i})`,
        updatedAt: at(10 + i),
      }),
    ),
  ];
  index.upsert(tickets.map(toQueueEntry));
  return index;
};

const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);

describe('findTickets', () => {
  it('finds by words of the title, newest first, at most the limit', () => {
    const found = findTickets(desk(), assigneeKey, { text: 'mail', problemsOnly: false, exclude: new Set(), limit: 5 });
    expect(ids(found)).toEqual(['n29', 'n28', 'n27', 'n26', 'n25']);
  });

  it('puts the ticket a code or a number names first, however old', () => {
    const index = desk();
    expect(ids(findTickets(index, assigneeKey, { text: '12', problemsOnly: false, exclude: new Set(), limit: 3 }))[0]).toBe('old');
    expect(ids(findTickets(index, assigneeKey, { text: '#12', problemsOnly: false, exclude: new Set(), limit: 3 }))[0]).toBe('old');
    // A caller code typed as a caller may: any case, no dash, O for 0.
    expect(ids(findTickets(index, assigneeKey, { text: 'k7q29mxd', problemsOnly: false, exclude: new Set(), limit: 3 }))).toEqual(['old']);
  });

  it('offers only problems when asked, all of them with no text, and leaves out what it is told to', () => {
    const index = desk();
    expect(ids(findTickets(index, assigneeKey, { text: '', problemsOnly: true, exclude: new Set(), limit: 8 }))).toEqual(['p2', 'p']);
    expect(ids(findTickets(index, assigneeKey, { text: 'mail', problemsOnly: true, exclude: new Set(), limit: 8 }))).toEqual(['p']);
    expect(ids(findTickets(index, assigneeKey, { text: '', problemsOnly: true, exclude: new Set(['p2']), limit: 8 }))).toEqual(['p']);
    expect(findTickets(index, assigneeKey, { text: '  ', problemsOnly: false, exclude: new Set(), limit: 8 })).toEqual([]);
  });
});
