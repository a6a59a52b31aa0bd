import { describe, expect, it } from 'vitest';
import { STATUSES } from './ticket';
import { publicResolution } from './track';

describe('publicResolution', () => {
  it('shows the text of a resolved or closed ticket', () => {
    expect(publicResolution('resolved', 'Replaced the dock.')).toBe('Replaced the dock.');
    expect(publicResolution('closed', 'Replaced the dock.')).toBe('Replaced the dock.');
  });

  it('shows nothing while the ticket is being worked on, whatever text it carries', () => {
    for (const status of STATUSES.filter((candidate) => candidate !== 'resolved' && candidate !== 'closed')) {
      expect(publicResolution(status, 'An old fix from before the reopen.'), status).toBeNull();
    }
  });

  it('treats a missing or blank text as none', () => {
    expect(publicResolution('resolved', null)).toBeNull();
    expect(publicResolution('closed', '  \n ')).toBeNull();
  });
});
