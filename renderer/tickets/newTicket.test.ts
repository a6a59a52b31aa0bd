import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../shared/platform';
import { LIMITS } from '../../shared/domain/ticket';
import { EMPTY_NEW_TICKET, fieldErrors, toCreateArgs, type NewTicketInput } from './newTicket';

const argsOf = (overrides: Partial<NewTicketInput>) =>
  toCreateArgs({ ...EMPTY_NEW_TICKET, requesterName: 'Grace Hopper', title: 'VPN drops', ...overrides }, () => 'ticket-1', randomBytes);

describe('fieldErrors', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(fieldErrors(argsOf({}))).toEqual({});
  });

  it('marks blank required fields, whitespace included', () => {
    expect(fieldErrors(argsOf({ title: '   ', requesterName: '' }))).toEqual({ title: { kind: 'blank' }, requesterName: { kind: 'blank' } });
  });

  it('says how long a field may be', () => {
    expect(fieldErrors(argsOf({ title: 'x'.repeat(LIMITS.title + 1) }))).toEqual({ title: { kind: 'tooLong', max: LIMITS.title } });
  });

  it('passes any rarer refusal on as the schema words it', () => {
    expect(fieldErrors(argsOf({ description: 'a\u0000b' })).description).toEqual({ kind: 'other', message: 'must not contain NUL characters' });
  });
});

describe('toCreateArgs', () => {
  it('names the owner only for a call, whose technician it is from the start', () => {
    const input = { ...EMPTY_NEW_TICKET, requesterName: 'Grace Hopper', title: 'VPN drops' };
    expect(toCreateArgs(input, () => 't-1', randomBytes, 'u-tina')).toMatchObject({ id: 't-1', assigneeId: 'u-tina' });
    expect(toCreateArgs(input, () => 't-2', randomBytes)).not.toHaveProperty('assigneeId');
    expect(fieldErrors(toCreateArgs(input, () => 't-3', randomBytes, 'u-tina'))).toEqual({});
  });
});
