import { describe, expect, it } from 'vitest';
import { copyFrame, sizeText } from './progress';

describe('backup progress', () => {
  it('draws a bar of the share done with the counts and what is being copied', () => {
    expect(copyFrame({ verb: 'copying', done: 2_500, total: 10_000, unit: 'rows', note: 'ticket_events' })).toEqual({
      line: 'copying [########......................]  25% 2,500/10,000 rows (ticket_events)',
      phase: 'copying',
      share: 0.25,
    });
    expect(copyFrame({ verb: 'backing up', done: 0, total: 0, unit: 'tables' }).line).toBe('backing up [##############################] 100% 0/0 tables');
  });

  it('says a size in the unit a person reads', () => {
    expect(sizeText(512)).toBe('512 bytes');
    expect(sizeText(1536)).toBe('1.5 KB');
    expect(sizeText(12.25 * 1_048_576)).toBe('12.3 MB');
    expect(sizeText(3 * 1024 ** 3)).toBe('3.0 GB');
  });
});
