import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/domain/ticket';
import { replyDraftProblems } from './replyDraft';

describe('replyDraftProblems', () => {
  it('accepts a title and a text, and names each field refused and why', () => {
    expect(replyDraftProblems('Password reset', 'Hello {{caller.name}}')).toEqual({});
    expect(replyDraftProblems('  ', '')).toEqual({ title: { kind: 'blank' }, body: { kind: 'blank' } });
    expect(replyDraftProblems('x'.repeat(LIMITS.replyTitle + 1), 'Text')).toEqual({ title: { kind: 'tooLong', max: LIMITS.replyTitle } });
    expect(replyDraftProblems('T', 'B\u0000')).toEqual({ body: { kind: 'other', message: 'must not contain NUL characters' } });
  });
});
