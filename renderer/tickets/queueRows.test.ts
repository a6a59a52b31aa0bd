import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { filterQueueRows, toQueueRows } from './queueRows';

const sam = makeUser({ id: 'user-sam', username: 'sam', displayName: 'Sam Second' });
const users = new Map([[sam.id, sam]]);
const now = '2026-03-02T10:00:00.000Z';

describe('queue rows', () => {
  it('lists the most recently updated ticket first and resolves names', () => {
    const older = makeTicket({ code: 'AAAA-AAAA', updatedAt: '2026-03-02T09:00:00.000Z' });
    const newer = makeTicket({ code: 'BBBB-BBBB', updatedAt: '2026-03-02T09:30:00.000Z', assigneeId: sam.id });
    const rows = toQueueRows([older, newer], users, now);
    expect(rows.map((row) => row.code)).toEqual(['BBBB-BBBB', 'AAAA-AAAA']);
    expect(rows[0]?.assignee).toBe('Sam Second');
    expect(rows[1]?.assignee).toBeNull();
  });

  it('filters on every word, in any field, ignoring case', () => {
    const rows = toQueueRows(
      [
        makeTicket({ code: 'AAAA-AAAA', number: 12, title: 'VPN drops', category: 'network' }),
        makeTicket({ code: 'BBBB-BBBB', number: 13, title: 'Printer jams', category: 'printing', assigneeId: sam.id }),
      ],
      users,
      now,
    );
    expect(filterQueueRows(rows, 'vpn').map((row) => row.code)).toEqual(['AAAA-AAAA']);
    expect(filterQueueRows(rows, 'sam PRINT').map((row) => row.code)).toEqual(['BBBB-BBBB']);
    expect(filterQueueRows(rows, '#13').map((row) => row.code)).toEqual(['BBBB-BBBB']);
    expect(filterQueueRows(rows, 'bbbb-bb').map((row) => row.code)).toEqual(['BBBB-BBBB']);
    expect(filterQueueRows(rows, '  ')).toHaveLength(2);
    expect(filterQueueRows(rows, 'vpn printer')).toHaveLength(0);
  });
});
