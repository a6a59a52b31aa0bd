import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { importHelpdesk } from './helpdesk';

const excerpt = fileURLToPath(new URL('../../tests/fixtures/helpdesk-excerpt.csv', import.meta.url));

describe('importHelpdesk on the Helpdesk excerpt', () => {
  it('applies the activity mapping per case', async () => {
    const { tickets, technicians, skipped } = await importHelpdesk(parseCsv(createReadStream(excerpt, { encoding: 'utf8' })));
    expect(tickets.map((t) => t.externalId)).toEqual(['Case3608', 'Case462']);
    expect(tickets[0]).toMatchObject({
      createdAt: '2010-01-13T08:40:25.000Z',
      status: 'closed',
      resolvedAt: '2010-01-29T08:52:34.000Z',
      resolvedByExternalId: 'Value 2',
      escalations: 0,
    });
    expect(tickets[1]).toMatchObject({ status: 'closed', escalations: 1, resolvedByExternalId: 'Value 1' });
    expect(technicians).toEqual(['Value 1', 'Value 2', 'Value 5']);
    expect(skipped).toEqual([]);
  });

  it('skips unknown activities and bad times with their line', async () => {
    const text = 'concept:name,org:resource,time:timestamp,case:concept:name\nDance,V,2010-01-01 00:00:00+00:00,C1\nClosed,V,later,C1\n';
    const { tickets, skipped } = await importHelpdesk(parseCsv([text]));
    expect(tickets).toEqual([]);
    expect(skipped).toEqual([
      { line: 2, reason: 'unknown activity Dance' },
      { line: 3, reason: 'unparsable time:timestamp' },
    ]);
  });
});
