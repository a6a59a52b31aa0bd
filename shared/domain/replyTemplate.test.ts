import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { expandReply, findPlaceholders, replyValues, unknownPlaceholders } from './replyTemplate';

const values = replyValues(makeTicket({ code: 'K7Q2-9MXD', title: 'Mailbox full', requester: { name: 'Greta Vogel', contact: 'ext. 1990' } }), 'Tina Tamm');

describe('expandReply', () => {
  it('fills every known placeholder, spaces inside the braces allowed', () => {
    expect(expandReply('Hello {{caller.name}}, about {{ ticket.code }} ({{ticket.title}}). {{technician.name}}', values)).toBe(
      'Hello Greta Vogel, about K7Q2-9MXD (Mailbox full). Tina Tamm',
    );
    expect(expandReply('{{caller.name}} and {{caller.name}}', values)).toBe('Greta Vogel and Greta Vogel');
  });

  it('leaves unknown placeholders and stray braces as written', () => {
    expect(expandReply('Dear {{caller.firstName}}, {{ }} {{ticket.code}} {single} {{ticket.code}', values)).toBe(
      'Dear {{caller.firstName}}, {{ }} K7Q2-9MXD {single} {{ticket.code}',
    );
  });

  it('does not expand what a value brings in', () => {
    const sneaky = replyValues(makeTicket({ code: 'K7Q2-9MXD', title: '{{technician.name}}', requester: { name: '{{ticket.code}}', contact: null } }), 'Tina');
    expect(expandReply('{{caller.name}} / {{ticket.title}}', sneaky)).toBe('{{ticket.code}} / {{technician.name}}');
  });

  it('keeps a text without placeholders unchanged', () => {
    expect(expandReply('Restart the laptop, then try again.\n\nThanks', values)).toBe('Restart the laptop, then try again.\n\nThanks');
  });
});

describe('findPlaceholders and unknownPlaceholders', () => {
  it('finds each placeholder with its place and whether it is known', () => {
    expect(findPlaceholders('Hi {{caller.name}}, {{ caller.phone }}')).toEqual([
      { name: 'caller.name', start: 3, end: 18, isKnown: true },
      { name: 'caller.phone', start: 20, end: 38, isKnown: false },
    ]);
  });

  it('lists each unknown placeholder once, as written', () => {
    expect(unknownPlaceholders('{{a}} {{ticket.code}} {{ a }} {{Ticket.Code}}')).toEqual(['a', 'Ticket.Code']);
    expect(unknownPlaceholders('Nothing to fill.')).toEqual([]);
  });
});
