import { describe, expect, it } from 'vitest';
import { parseAptStatus } from './aptProgress';

describe('parseAptStatus', () => {
  it('puts downloading in the first half and installing in the second', () => {
    expect(parseAptStatus('dlstatus:1:0.0000:Retrieving file 1 of 80')).toEqual({ percent: 0, text: 'Retrieving file 1 of 80' });
    expect(parseAptStatus('dlstatus:42:61.5:Retrieving file 42 of 80 (12.0 MB/s)')).toEqual({ percent: 30, text: 'Retrieving file 42 of 80 (12.0 MB/s)' });
    expect(parseAptStatus('pmstatus:chromium:40.0000:Unpacking chromium (amd64)')).toEqual({ percent: 70, text: 'Unpacking chromium (amd64)' });
    expect(parseAptStatus('pmstatus:dpkg-exec:100:Running dpkg\n')).toEqual({ percent: 100, text: 'Running dpkg' });
  });

  it('ignores lines that are not progress (errors and conffile prompts go to the output)', () => {
    expect(parseAptStatus('pmerror:foo:20:oops')).toBeNull();
    expect(parseAptStatus('Reading package lists...')).toBeNull();
    expect(parseAptStatus('')).toBeNull();
  });
});
