import { describe, expect, it } from 'vitest';
import type { CannedReply } from '../../shared/domain/records';
import { searchReplies } from './replySearch';

const reply = (id: string, title: string, body: string): CannedReply => ({
  id,
  title,
  body,
  createdBy: 'sue',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedBy: 'sue',
  updatedAt: '2026-03-01T09:00:00.000Z',
});

const replies = [
  reply('r1', 'Waiting for your answer', 'We need more from you about {{ticket.code}}.'),
  reply('r2', 'Password reset done', 'Your password has been reset.'),
  reply('r3', 'Kata sandi sudah direset', 'Kata sandi Anda sudah direset (password).'),
];

describe('searchReplies', () => {
  it('lists every reply by title when nothing is typed', () => {
    expect(searchReplies(replies, '  ', 'en').map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
  });

  it('finds every word in the title or the text, in any case, title matches first', () => {
    expect(searchReplies(replies, 'PASSWORD', 'en').map((r) => r.id)).toEqual(['r2', 'r3']);
    expect(searchReplies(replies, 'reset password', 'en').map((r) => r.id)).toEqual(['r2', 'r3']);
    expect(searchReplies(replies, 'ticket.code', 'en').map((r) => r.id)).toEqual(['r1']);
    expect(searchReplies(replies, 'password printer', 'en')).toEqual([]);
  });
});
