import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { importServiceNow, parseUciTime } from './serviceNow';

const excerpt = fileURLToPath(new URL('../../tests/fixtures/uci-incident-excerpt.csv', import.meta.url));
const load = () => importServiceNow(parseCsv(createReadStream(excerpt, { encoding: 'utf8' })));

describe('parseUciTime', () => {
  it('reads D/M/YYYY HH:MM as UTC and refuses impossible dates', () => {
    expect(parseUciTime('5/3/2016 12:00')).toBe('2016-03-05T12:00:00.000Z');
    expect(parseUciTime('31/2/2016 12:00')).toBeUndefined();
    expect(parseUciTime('?')).toBeUndefined();
  });
});

describe('importServiceNow on the UCI excerpt', () => {
  it('makes one ticket per number, fields from the final row', async () => {
    const { tickets } = await load();
    expect(tickets.map((t) => t.externalId)).toEqual(['INC0000045', 'INC0000102', 'INC0000130', 'INC0000135', 'INC0001312']);
    const t45 = tickets[0];
    expect(t45).toMatchObject({
      state: 'Closed',
      priority: 'normal',
      createdAt: '2016-02-29T01:16:00.000Z',
      resolvedAt: '2016-02-29T11:29:00.000Z',
      closedAt: '2016-03-05T12:00:00.000Z',
      madeSla: true,
      reopenCount: 0,
      resolvedByExternalId: null,
    });
    expect(t45?.events).toHaveLength(4);
  });

  it('credits the assignee of the last Resolved row and keeps the reopen count', async () => {
    const t102 = (await load()).tickets[1];
    expect(t102).toMatchObject({ reopenCount: 1, resolvedByExternalId: 'Resolver 31', state: 'Closed' });
    expect(t102?.events).toHaveLength(19);
  });

  it('keeps a sys_mod_count that goes backwards but notes it', async () => {
    const result = await load();
    const t130 = result.tickets[2];
    expect(t130).toMatchObject({ state: 'Closed', resolvedByExternalId: 'Resolver 198', assigneeExternalId: 'Resolver 198' });
    expect(result.notes).toEqual([
      { line: 26, reason: 'sys_mod_count goes back from 2 to 1 (row kept)' },
      { line: 32, reason: 'sys_mod_count goes back from 7 to 1 (row kept)' },
    ]);
    expect(result.technicians).toEqual(['Resolver 139', 'Resolver 194', 'Resolver 198', 'Resolver 216', 'Resolver 31']);
    expect(result.skipped).toEqual([]);
  });

  it('skips rows without a number and tickets with an unparsable opened_at', async () => {
    const header = 'number,incident_state,sys_mod_count,sys_updated_at,opened_at,priority';
    const text = `${header}\n?,New,0,1/1/2016 10:00,1/1/2016 09:00,4 - Low\nINC1,New,0,1/1/2016 10:00,soon,4 - Low\n`;
    const result = await importServiceNow(parseCsv([text]));
    expect(result.tickets).toEqual([]);
    expect(result.skipped).toEqual([
      { line: 2, reason: 'missing number' },
      { line: 3, reason: 'ticket INC1: unparsable opened_at' },
    ]);
  });

  it('on a sys_mod_count tie takes the later row in the file as final', async () => {
    const t135 = (await load()).tickets.find((t) => t.externalId === 'INC0000135');
    // Line 31 (Active) and line 38 (Closed) both have sys_mod_count 7.
    expect(t135).toMatchObject({ state: 'Closed', line: 38, closedAt: '2016-03-05T17:00:00.000Z' });
  });

  it('credits the later of two Resolved spells by different technicians', async () => {
    const t1312 = (await load()).tickets.find((t) => t.externalId === 'INC0001312');
    expect(t1312?.events.filter((e) => e.state === 'Resolved').map((e) => e.assigneeExternalId)).toEqual(['Resolver 139', 'Resolver 194']);
    expect(t1312).toMatchObject({ resolvedByExternalId: 'Resolver 194', reopenCount: 1 });
  });
});
